using System.Text.Json;
using Wright.Core.Tools;
using Wright.Tools.Files;

namespace Wright.Tools.Patch;

/// <summary>
/// <c>apply_patch {patch}</c>: edits, creates, moves and deletes files with one Codex-format patch, all or nothing.
/// Errors are Codex's own messages (models are trained on them); a failure after parsing adds that nothing changed,
/// since Codex would have kept the operations before the failing one. With an editor (<see cref="IEditorFiles"/>),
/// see <see cref="PatchApplier"/>; a patch whose change the permission layer planned (it touches a dependency
/// manifest) is applied on the disk as a whole, as it was planned.
/// </summary>
public sealed class ApplyPatchTool(IEditorFiles? editor = null) : ITool, IFileChangePlanner
{
    private readonly PlannedOnDisk _planned = new();

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
    public async Task<ToolResult> InvokeAsync(JsonElement arguments, ToolContext context, CancellationToken cancellationToken)
    {
        IReadOnlyList<PatchOperation> operations;
        try
        {
            operations = PatchParser.Parse(arguments.GetProperty("patch").GetString() ?? "");
        }
        catch (FormatException ex)
        {
            return ToolResult.Error(ex.Message);
        }

        // Every path of a patch is inside the workspace (the applier refuses any other).
        var planned = false;
        foreach (var full in Paths(operations, context.Workspace))
            planned |= _planned.Take(full); // every mark of this patch is used up, whichever came first
        using var viaEditor = EditorRoute.Enter(planned ? null : editor, read: true, write: true, context.Workspace, inside: true, out var note);
        try
        {
            var summary = await PatchApplier.ApplyAsync(operations, context.Workspace, viaEditor is null ? null : editor, cancellationToken);
            return ToolResult.Ok(EditorRoute.With(summary.TrimEnd(), note));
        }
        catch (PatchException ex)
        {
            return ToolResult.Error(operations.Count == 0 ? ex.Message : ex.Message + "\n" + NothingChanged);
        }
    }

    /// <inheritdoc />
    public IReadOnlyList<PlannedFileChange> PlanChanges(JsonElement arguments, string workspace, Func<string, bool> include)
    {
        ArgumentNullException.ThrowIfNull(include);
        try
        {
            var operations = PatchParser.Parse(arguments.GetProperty("patch").GetString() ?? "");
            foreach (var full in Paths(operations, workspace).Where(include))
                _planned.Mark(full);
            return PatchApplier.PlanChanges(operations, workspace, include);
        }
        catch (FormatException)
        {
            return [];
        }
    }

    /// <summary>Every path the patch names (moves' destinations too), absolute, as the applier resolves them.</summary>
    private static List<string> Paths(IReadOnlyList<PatchOperation> operations, string workspace)
    {
        var root = Path.GetFullPath(workspace);
        string Full(string path) => Path.GetFullPath(Path.IsPathRooted(path) ? path : Path.Combine(root, path));
        var paths = operations.Select(op => Full(op.Path)).ToList();
        paths.AddRange(operations.OfType<UpdateFile>().Where(u => u.MoveTo is not null).Select(u => Full(u.MoveTo!)));
        return paths;
    }
}
