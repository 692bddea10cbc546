using System.Text.Json;
using Wright.Core.Tools;

namespace Wright.Tools.Patch;

/// <summary><c>apply_patch {patch}</c>: edits, creates, moves and deletes files with one Codex-format patch, all or nothing.</summary>
public sealed class ApplyPatchTool : ITool
{
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
        try
        {
            var operations = PatchParser.Parse(arguments.GetProperty("patch").GetString() ?? "");
            return Task.FromResult(ToolResult.Ok(PatchApplier.Apply(operations, context.Workspace).TrimEnd()));
        }
        catch (Exception ex) when (ex is FormatException or PatchException)
        {
            return Task.FromResult(ToolResult.Error("Error: apply_patch failed: " + ex.Message));
        }
    }
}
