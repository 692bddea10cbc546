using System.Text.Json;
using Wright.Core.Tools;

namespace Wright.Tools.Files;

/// <summary>
/// <c>write_file {path, content}</c>: creates or replaces a file atomically. An existing file keeps its line endings,
/// encoding/BOM and permissions, and may be overwritten only after this session read it (and it has not changed).
/// Never writes through a symbolic link (see <see cref="WorkspaceFs"/>).
/// </summary>
public sealed class WriteFileTool : ITool, IFileChangePlanner
{
    private const long MaxExistingBytes = 256L * 1024 * 1024;

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
        var content = arguments.GetProperty("content").GetString() ?? "";
        lock (FileLocks.For(path))
            return Task.FromResult(WriteLocked(path, WorkspacePaths.Show(path, context.Workspace), content, context));
    }

    /// <inheritdoc />
    public IReadOnlyList<PlannedFileChange> PlanChanges(JsonElement arguments, string workspace, Func<string, bool> include)
    {
        ArgumentNullException.ThrowIfNull(include);
        var path = WorkspacePaths.Resolve(arguments.GetProperty("path").GetString() ?? "", workspace);
        if (!include(path))
            return [];
        var content = arguments.GetProperty("content").GetString() ?? "";
        lock (FileLocks.For(path))
        {
            try
            {
                if (WorkspaceFs.Relative(path, workspace) is "")
                    return [];
                using var folder = WorkspaceFs.OpenParent(path, workspace, create: false, out var name);
                var existing = folder.Lstat(name);
                if (existing is { IsDirectory: true })
                    return [];
                folder.RequireFile(name, existing);
                var before = existing is { IsFile: true } ? TextFile.Decode(folder.ReadAll(name, MaxExistingBytes, out _)).Text : null;
                return [new PlannedFileChange(path, before, content)];
            }
            catch (UnsafePathException ex) when (ex.Problem == PathProblem.NotFound)
            {
                return [new PlannedFileChange(path, null, content)]; // its folder is created by the write
            }
            catch (Exception ex) when (ex is UnsafePathException or IOException or UnauthorizedAccessException)
            {
                return [];
            }
        }
    }

    private static ToolResult WriteLocked(string path, string shown, string content, ToolContext context)
    {
        var tracker = context.GetState<FileReadTracker>();
        try
        {
            if (WorkspaceFs.Relative(path, context.Workspace) is "")
                return ToolResult.Error($"Error: {shown} is a directory; give a file path.");
            using var folder = WorkspaceFs.OpenParent(path, context.Workspace, create: true, out var name);
            var existing = folder.Lstat(name);
            if (existing is { IsDirectory: true })
                return ToolResult.Error($"Error: {shown} is a directory; give a file path.");
            folder.RequireFile(name, existing);
            if (tracker.CheckWritable(path, existing, shown) is { } refusal)
                return ToolResult.Error("Error: " + refusal);

            var format = existing is { IsFile: true } ? TextFile.Decode(folder.ReadAll(name, MaxExistingBytes, out _)) : null;
            var bytes = format is not null ? format.Encode(format.WithLineEndings(content)) : new System.Text.UTF8Encoding(false).GetBytes(content);
            var written = folder.WriteAtomic(name, bytes, existing?.Permissions);
            tracker.Record(path, written);
            var lines = content.Length == 0 ? 0 : content.Count(c => c == '\n') + (content.EndsWith('\n') ? 0 : 1);
            return ToolResult.Ok($"{(existing is not null ? "Updated" : "Created")} {shown} ({lines} lines{(format is { Crlf: true } ? ", CRLF kept" : "")}).");
        }
        catch (UnsafePathException ex)
        {
            return ToolResult.Error($"Error: {ex.Message}; nothing was written.");
        }
        catch (UnauthorizedAccessException)
        {
            return ToolResult.Error($"Error: permission denied writing {shown}.");
        }
    }
}
