using System.Text.Json;
using Wright.Core.Tools;

namespace Wright.Tools.Files;

/// <summary><c>edit_file {path, old_string, new_string, replace_all?}</c>: one exact replacement.</summary>
public sealed class EditFileTool : ITool, IFileChangePlanner
{
    /// <inheritdoc />
    public string Name => "edit_file";

    /// <inheritdoc />
    public string Description => "Replace exact text in a file (read it first). old_string must match exactly once unless replace_all.";

    /// <inheritdoc />
    public JsonElement ParametersSchema { get; } = ToolRegistry.Schema("""
        {"type":"object","properties":{"path":{"type":"string"},"old_string":{"type":"string"},"new_string":{"type":"string"},
        "replace_all":{"type":"boolean"}},"required":["path","old_string","new_string"],"additionalProperties":false}
        """);

    /// <inheritdoc />
    public ToolEffect Effect => ToolEffect.Mutating;

    /// <inheritdoc />
    public Task<ToolResult> InvokeAsync(JsonElement arguments, ToolContext context, CancellationToken cancellationToken) =>
        Task.FromResult(EditEngine.Apply(arguments.GetProperty("path").GetString() ?? "", [EditEngine.Parse(arguments)], context));

    /// <inheritdoc />
    public IReadOnlyList<PlannedFileChange> PlanChanges(JsonElement arguments, string workspace, Func<string, bool> include)
    {
        ArgumentNullException.ThrowIfNull(include);
        var path = arguments.GetProperty("path").GetString() ?? "";
        return include(WorkspacePaths.Resolve(path, workspace)) && EditEngine.Plan(path, [EditEngine.Parse(arguments)], workspace) is { } change ? [change] : [];
    }
}
