namespace Wright.Mcp.Server;

/// <summary>
/// A <c>run_task</c> call after validation: the arguments conform to the schema, the workspace is canonical and inside
/// the server's roots, and the permission mode is within the server's ceiling. What a runner receives.
/// </summary>
/// <param name="Prompt">The task.</param>
/// <param name="Workspace">The canonical workspace directory.</param>
/// <param name="Model">provider/model, or null for the configured one.</param>
/// <param name="PermissionMode">plan, ask, accept-edits or auto.</param>
/// <param name="MaxTurns">The turn limit, or null for the configured one.</param>
public sealed record RunTaskRequest(string Prompt, string Workspace, string? Model, string PermissionMode, int? MaxTurns);
