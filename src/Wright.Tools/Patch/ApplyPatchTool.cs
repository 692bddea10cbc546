using System.Text.Json;
using Wright.Core.Tools;

namespace Wright.Tools.Patch;

/// <summary>
/// <c>apply_patch {patch}</c>: edits, creates, moves and deletes files with one Codex-format patch, all or nothing.
/// Errors are Codex's own messages (models are trained on them); a failure after parsing adds that nothing changed,
/// since Codex would have kept the operations before the failing one.
/// </summary>
public sealed class ApplyPatchTool : ITool, IFileChangePlanner
{
    /// <summary>Added to a failure after parsing: Wright applies a whole patch or none of it.</summary>
    public const string NothingChanged = "(No file was changed: apply_patch applies the whole patch or nothing.)";

    /// <inheritdoc />
    public string Name => "apply_patch";

    /// <inheritdoc />
    public string Description =>
        "Apply a patch: '*** Begin Patch', then '*** Add File: p' (+lines) | '*** Delete File: p' | '*** Update File: p' " +
        "(optional '*** Move to: q') with '@@ context' hunks of ' '/'-'/'+' lines, then '*** End Patch'. All or nothing.";

    /// <inheritdoc />
    public JsonElement ParametersSchema { get; } = ToolRegistry.Schema("""
        {"type":"object","properties":{"patch":{"type":"string"}},"required":["patch"],"additionalProperties":false}
        """);

    /// <inheritdoc />
    public ToolEffect Effect => ToolEffect.Mutating;

    /// <inheritdoc />
    public Task<ToolResult> InvokeAsync(JsonElement arguments, ToolContext context, CancellationToken cancellationToken)
    {
        IReadOnlyList<PatchOperation> operations;
        try
        {
            operations = PatchParser.Parse(arguments.GetProperty("patch").GetString() ?? "");
        }
        catch (FormatException ex)
        {
            return Task.FromResult(ToolResult.Error(ex.Message));
        }

        try
        {
            return Task.FromResult(ToolResult.Ok(PatchApplier.Apply(operations, context.Workspace).TrimEnd()));
        }
        catch (PatchException ex)
        {
            return Task.FromResult(ToolResult.Error(operations.Count == 0 ? ex.Message : ex.Message + "\n" + NothingChanged));
        }
    }

    /// <inheritdoc />
    public IReadOnlyList<PlannedFileChange> PlanChanges(JsonElement arguments, string workspace, Func<string, bool> include)
    {
        try
        {
            return PatchApplier.PlanChanges(PatchParser.Parse(arguments.GetProperty("patch").GetString() ?? ""), workspace, include);
        }
        catch (FormatException)
        {
            return [];
        }
    }
}
