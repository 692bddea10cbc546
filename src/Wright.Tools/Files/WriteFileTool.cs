using System.Text.Json;
using Wright.Core.Tools;

namespace Wright.Tools.Files;

/// <summary>
/// <c>write_file {path, content}</c>: creates or replaces a file atomically. An existing file keeps its line endings,
/// encoding/BOM and permissions, and may be overwritten only after this session read it (and it has not changed).
/// Never writes through a symbolic link (see <see cref="WorkspaceFs"/>). With an editor (<see cref="IEditorFiles"/>)
/// a file inside the workspace is written through it, after the same checks on the disk (its folders are created
/// there, without following links).
/// </summary>
public sealed class WriteFileTool(IEditorFiles? editor = null) : ITool, IFileChangePlanner
{
    private const long MaxExistingBytes = 256L * 1024 * 1024;
    private readonly PlannedOnDisk _planned = new();

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
    public async Task<ToolResult> InvokeAsync(JsonElement arguments, ToolContext context, CancellationToken cancellationToken)
    {
        var path = WorkspacePaths.Resolve(arguments.GetProperty("path").GetString() ?? "", context.Workspace);
        var content = arguments.GetProperty("content").GetString() ?? "";
        var onDisk = _planned.Take(path);
        using (await FileLocks.EnterAsync(path, cancellationToken))
            return await WriteLockedAsync(path, WorkspacePaths.Show(path, context.Workspace), content, context, onDisk ? null : editor, cancellationToken);
    }

    /// <inheritdoc />
    public IReadOnlyList<PlannedFileChange> PlanChanges(JsonElement arguments, string workspace, Func<string, bool> include)
    {
        ArgumentNullException.ThrowIfNull(include);
        var path = WorkspacePaths.Resolve(arguments.GetProperty("path").GetString() ?? "", workspace);
        if (!include(path))
            return [];
        var content = arguments.GetProperty("content").GetString() ?? "";
        _planned.Mark(path);
        using (FileLocks.Enter(path))
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

    private static async Task<ToolResult> WriteLockedAsync(string path, string shown, string content, ToolContext context, IEditorFiles? editor,
        CancellationToken cancellationToken)
    {
        var tracker = context.GetState<FileReadTracker>();
        using var viaEditor = EditorRoute.Enter(editor, read: false, write: true, path, context.Workspace, out var note);
        try
        {
            if (WorkspaceFs.Relative(path, context.Workspace) is "")
                return ToolResult.Error($"Error: {shown} is a directory; give a file path.");
            using var folder = WorkspaceFs.OpenParent(path, context.Workspace, create: true, out var name);
            var existing = folder.Lstat(name);
            if (existing is { IsDirectory: true })
                return ToolResult.Error($"Error: {shown} is a directory; give a file path.");
            folder.RequireFile(name, existing);
            var old = existing is { IsFile: true } ? folder.ReadAll(name, MaxExistingBytes, out _) : null;
            var format = old is null ? null : TextFile.Decode(old);
            if (viaEditor is not null)
            {
                // A binary file is no editor buffer: what it was is checked on the disk.
                var editorText = old is not null && FileKind.Binary(old) is null && editor!.CanRead;
                return await WriteInEditorAsync(editor!, folder.PathOf(name), path, shown, content, existing, format, editorText, tracker, cancellationToken);
            }

            if (tracker.CheckWritable(path, existing, shown, format?.Text) is { } refusal)
                return ToolResult.Error("Error: " + refusal);

            var bytes = format is not null ? format.Encode(format.WithLineEndings(content)) : new System.Text.UTF8Encoding(false).GetBytes(content);
            var written = folder.WriteAtomic(name, bytes, existing?.Permissions);
            tracker.Record(path, written, format is not null ? format.WithLineEndings(content) : content);
            return ToolResult.Ok(EditorRoute.With(Summary(shown, content, existing is not null, format is { Crlf: true }), note));
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

    /// <summary>
    /// The editor's text of an existing file must be the one this session read (the editor's when it reads, else the
    /// disk's); the new text keeps that text's line endings, and the editor stores it as it stores the file.
    /// </summary>
    private static async Task<ToolResult> WriteInEditorAsync(IEditorFiles editor, string full, string path, string shown, string content, FileStat? existing, TextFile? disk,
        bool editorText, FileReadTracker tracker, CancellationToken cancellationToken)
    {
        var exists = existing is not null;
        try
        {
            var current = disk;
            if (editorText)
            {
                var text = await editor.ReadTextAsync(full, cancellationToken);
                if (tracker.CheckEditorText(path, text, shown) is { } changed)
                    return ToolResult.Error("Error: " + changed);
                current = TextFile.FromText(text);
            }
            else if (tracker.CheckWritable(path, existing, shown, disk?.Text) is { } refusal)
            {
                return ToolResult.Error("Error: " + refusal);
            }

            var next = current is not null ? current.WithLineEndings(content) : content;
            await editor.WriteTextAsync(full, next, cancellationToken);
            tracker.RecordText(path, next);
            return ToolResult.Ok(Summary(shown, content, exists, current is { Crlf: true }));
        }
        catch (EditorFilesException ex)
        {
            return ToolResult.Error($"Error: {shown}: {ex.Message}; nothing was written.");
        }
    }

    private static string Summary(string shown, string content, bool existed, bool crlf)
    {
        var lines = content.Length == 0 ? 0 : content.Count(c => c == '\n') + (content.EndsWith('\n') ? 0 : 1);
        return $"{(existed ? "Updated" : "Created")} {shown} ({lines} lines{(crlf ? ", CRLF kept" : "")}).";
    }
}
