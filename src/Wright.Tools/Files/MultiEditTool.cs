using System.Text.Json;
using Wright.Core.Tools;

namespace Wright.Tools.Files;

/// <summary><c>multi_edit {path, edits}</c>: several exact replacements in one file, applied in order, all or none.</summary>
public sealed class MultiEditTool : ITool, IFileChangePlanner
{
    /// <inheritdoc />
    public string Name => "multi_edit";

    /// <inheritdoc />
    public string Description => "Apply several edit_file-style edits to one file in order; all or none.";

    /// <inheritdoc />
    public JsonElement ParametersSchema { get; } = ToolRegistry.Schema("""
        {"type":"object","properties":{"path":{"type":"string"},"edits":{"type":"array","items":{"type":"object","properties":{
        "old_string":{"type":"string"},"new_string":{"type":"string"},"replace_all":{"type":"boolean"}},
        "required":["old_string","new_string"],"additionalProperties":false}}},"required":["path","edits"],"additionalProperties":false}
        """);

    /// <inheritdoc />
    public ToolEffect Effect => ToolEffect.Mutating;

    /// <inheritdoc />
    public Task<ToolResult> InvokeAsync(JsonElement arguments, ToolContext context, CancellationToken cancellationToken)
    {
        var edits = arguments.GetProperty("edits").EnumerateArray().Select(EditEngine.Parse).ToList();
        return Task.FromResult(edits.Count == 0
            ? ToolResult.Error("Error: edits is empty.")
            : EditEngine.Apply(arguments.GetProperty("path").GetString() ?? "", edits, context));
    }

    /// <inheritdoc />
    public IReadOnlyList<PlannedFileChange> PlanChanges(JsonElement arguments, string workspace, Func<string, bool> include)
    {
        ArgumentNullException.ThrowIfNull(include);
        var path = arguments.GetProperty("path").GetString() ?? "";
        var edits = arguments.GetProperty("edits").EnumerateArray().Select(EditEngine.Parse).ToList();
        return edits.Count > 0 && include(WorkspacePaths.Resolve(path, workspace)) && EditEngine.Plan(path, edits, workspace) is { } change ? [change] : [];
    }
}
