using System.Text.Json;
using Wright.Core.Tools;

namespace Wright.Tools.Files;

/// <summary>
/// <c>write_file {path, content}</c>: creates or replaces a file atomically. An existing file keeps its line endings,
/// encoding/BOM and permissions, and may be overwritten only after this session read it (and it has not changed).
/// </summary>
public sealed class WriteFileTool : ITool
{
    /// <inheritdoc />
    public string Name => "write_file";

    /// <inheritdoc />
    public string Description => "Create or overwrite a whole file (read an existing file first). Prefer edit_file for changes.";

    /// <inheritdoc />
    public JsonElement ParametersSchema { get; } = ToolRegistry.Schema("""
        {"type":"object","properties":{"path":{"type":"string"},"content":{"type":"string"}},"required":["path","content"],"additionalProperties":false}
        """);

    /// <inheritdoc />
    public ToolEffect Effect => ToolEffect.Mutating;

    /// <inheritdoc />
    public Task<ToolResult> InvokeAsync(JsonElement arguments, ToolContext context, CancellationToken cancellationToken)
    {
        var path = WorkspacePaths.Resolve(arguments.GetProperty("path").GetString() ?? "", context.Workspace);
        var shown = WorkspacePaths.Show(path, context.Workspace);
        var content = arguments.GetProperty("content").GetString() ?? "";
        if (Directory.Exists(path))
            return Task.FromResult(ToolResult.Error($"Error: {shown} is a directory; give a file path."));
        if (WorkspacePaths.LeavesWorkspace(path, context.Workspace))
            return Task.FromResult(ToolResult.Error($"Error: {shown} leads outside the workspace through a symbolic link ({WorkspacePaths.RealPath(path)}); refusing to write there. Give the real path if that is intended."));
        var target = WorkspacePaths.WriteTarget(path);
        lock (FileLocks.For(target))
            return Task.FromResult(WriteLocked(target, shown, content, context));
    }

    private static ToolResult WriteLocked(string target, string shown, string content, ToolContext context)
    {
        var tracker = context.GetState<FileReadTracker>();
        if (tracker.CheckWritable(target, shown) is { } refusal)
            return ToolResult.Error("Error: " + refusal);

        var existed = File.Exists(target);
        var format = existed ? TextFile.Decode(File.ReadAllBytes(target)) : TextFile.Decode([]);
        var bytes = existed ? format.Encode(format.WithLineEndings(content)) : new System.Text.UTF8Encoding(false).GetBytes(content);
        try
        {
            WorkspacePaths.WriteAtomic(target, bytes);
        }
        catch (UnauthorizedAccessException)
        {
            return ToolResult.Error($"Error: permission denied writing {shown}.");
        }

        tracker.Record(target);
        var lines = content.Length == 0 ? 0 : content.Count(c => c == '\n') + (content.EndsWith('\n') ? 0 : 1);
        return ToolResult.Ok($"{(existed ? "Updated" : "Created")} {shown} ({lines} lines{(existed && format.Crlf ? ", CRLF kept" : "")}).");
    }
}
