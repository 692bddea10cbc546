using System.Globalization;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.AI;
using Wright.Core.Tools;

namespace Wright.Tools.Files;

/// <summary>
/// <c>read_file {path, offset?, limit?}</c>: numbered lines of a text file (any common encoding), images as image
/// content, binaries described rather than dumped; capped with a note on how to read on. With an editor
/// (<see cref="IEditorFiles"/>) the text of a file inside the workspace is the editor's (unsaved changes included),
/// after the same checks on the disk.
/// </summary>
public sealed class ReadFileTool(IEditorFiles? editor = null) : ITool
{
    /// <summary>Lines shown by default.</summary>
    public const int DefaultLimit = 2000;

    /// <summary>Characters shown at most per call.</summary>
    public const int MaxChars = 256 * 1024;

    private const int MaxLineChars = 2000;
    private const long MaxBytes = 64L * 1024 * 1024;

    /// <inheritdoc />
    public string Name => "read_file";

    /// <inheritdoc />
    public string Description => "Read a file with line numbers (offset = first line, 1-based; limit = line count). Images are shown as images.";

    /// <inheritdoc />
    public JsonElement ParametersSchema { get; } = ToolRegistry.Schema("""
        {"type":"object","properties":{"path":{"type":"string"},"offset":{"type":"integer","minimum":1},
        "limit":{"type":"integer","minimum":1}},"required":["path"],"additionalProperties":false}
        """);

    /// <inheritdoc />
    public ToolEffect Effect => ToolEffect.ReadOnly;

    /// <inheritdoc />
    public Task<ToolResult> InvokeAsync(JsonElement arguments, ToolContext context, CancellationToken cancellationToken) =>
        ReadAsync(arguments, context, cancellationToken);

    private async Task<ToolResult> ReadAsync(JsonElement arguments, ToolContext context, CancellationToken cancellationToken)
    {
        var given = arguments.GetProperty("path").GetString() ?? "";
        var path = WorkspacePaths.Resolve(given, context.Workspace);
        var shown = WorkspacePaths.Show(path, context.Workspace);
        // The editor's lease comes first: no command can start between the checks below and the editor's read.
        using var viaEditor = EditorRoute.Enter(editor, read: true, write: false, path, context.Workspace, out var note);
        byte[] bytes;
        FileStat info;
        string resolved;
        try
        {
            if (WorkspaceFs.Stat(path, context.Workspace) is not { } found)
                return ToolResult.Error($"Error: {shown} does not exist.{Suggest(path, context.Workspace)}");
            if (found.IsDirectory)
                return ToolResult.Error($"Error: {shown} is a directory. Use list_dir (or shell `ls`) to see what it holds.");
            using var handle = WorkspaceFs.OpenRead(path, context.Workspace, out info, out resolved);
            bytes = WorkspaceFs.ReadAll(handle, info.Size, MaxBytes);
        }
        catch (UnsafePathException ex) when (ex.Problem == PathProblem.NotFound)
        {
            return ToolResult.Error($"Error: {shown} does not exist.{Suggest(path, context.Workspace)}");
        }
        catch (UnsafePathException ex) when (ex.Problem == PathProblem.Denied)
        {
            return ToolResult.Error($"Error: permission denied reading {shown}.");
        }
        catch (UnsafePathException ex)
        {
            return ToolResult.Error($"Error: {ex.Message}.");
        }

        var tracker = context.GetState<FileReadTracker>();
        void Record(string? text)
        {
            tracker.Record(path, info, text);
            if (resolved != path)
                tracker.Record(resolved, info, text);
        }

        if (FileKind.ImageType(bytes) is { } image)
        {
            Record(null);
            return new ToolResult($"{shown}: {image}, {info.Size:N0} bytes (attached as an image).")
            {
                Attachments = [new DataContent(bytes, image)],
            };
        }

        if (FileKind.Binary(bytes) is { } kind)
            return ToolResult.Error($"Error: {shown} is a binary file ({kind}, {info.Size:N0} bytes); read_file shows text only. Inspect it with shell tools (e.g. file, xxd | head).");

        TextFile file;
        if (viaEditor is not null && bytes.Length == info.Size && WorkspaceFs.Relative(resolved, context.Workspace) is { Length: > 0 })
        {
            // The path the editor is given is the one just checked: resolved beneath the workspace, no link on it.
            string buffer;
            try
            {
                buffer = await editor!.ReadTextAsync(resolved, cancellationToken);
            }
            catch (EditorFilesException ex)
            {
                return ToolResult.Error($"Error: {shown}: {ex.Message}");
            }

            file = TextFile.FromText(buffer);
            tracker.RecordText(path, buffer);
            if (resolved != path)
                tracker.RecordText(resolved, buffer);
        }
        else
        {
            file = TextFile.Decode(bytes);
            Record(file.Text);
        }

        var lines = file.Text.Split('\n');
        var total = lines.Length;
        if (total > 0 && lines[^1].Length == 0)
            total--;
        var offset = arguments.TryGetProperty("offset", out var o) && o.ValueKind == JsonValueKind.Number ? o.GetInt32() : 1;
        var limit = arguments.TryGetProperty("limit", out var l) && l.ValueKind == JsonValueKind.Number ? l.GetInt32() : DefaultLimit;
        if (total == 0)
            return ToolResult.Ok($"{shown} is empty (0 lines).");
        if (offset > total)
            return ToolResult.Error($"Error: {shown} has {total} lines; offset {offset} is past the end.");

        var text = new StringBuilder();
        var last = offset - 1;
        var width = Math.Max(4, (offset + limit).ToString(CultureInfo.InvariantCulture).Length);
        for (var i = offset - 1; i < Math.Min(total, offset - 1 + limit); i++)
        {
            var line = lines[i].TrimEnd('\r');
            if (line.Length > MaxLineChars)
                line = line[..MaxLineChars] + $" [… line truncated, {line.Length - MaxLineChars:N0} more characters]";
            if (text.Length + line.Length > MaxChars)
                break;
            text.Append((i + 1).ToString(CultureInfo.InvariantCulture).PadLeft(width)).Append('\t').Append(line).Append('\n');
            last = i + 1;
        }

        if (last < total)
            text.Append(CultureInfo.InvariantCulture, $"[showing lines {offset}–{last} of {total}; call read_file with offset={last + 1} to read on]\n");
        if (bytes.Length < info.Size)
            text.Append(CultureInfo.InvariantCulture, $"[only the first {MaxBytes / (1024 * 1024)} MB of {info.Size:N0} bytes were read]\n");
        if (file.Latin1Fallback)
            text.Append("[not valid UTF-8: decoded as Latin-1]\n");
        if (lines.Length > 0 && lines[^1].Length > 0)
            text.Append("[no newline at end of file]\n");
        return ToolResult.Ok(EditorRoute.With(text.ToString().TrimEnd('\n'), note));
    }

    private static string Suggest(string path, string workspace)
    {
        var dir = Path.GetDirectoryName(path);
        if (dir is null)
            return "";
        List<string> names;
        try
        {
            using var folder = WorkspaceFs.OpenDirectory(dir, workspace);
            names = folder.List().ConvertAll(e => e.Name);
        }
        catch (IOException)
        {
            return WorkspaceFs.Stat(dir, workspace) is null ? $" Its folder {WorkspacePaths.Show(dir, workspace)} does not exist either." : "";
        }

        var name = Path.GetFileName(path);
        var similar = names
            .Where(n => string.Equals(n, name, StringComparison.OrdinalIgnoreCase)
                || string.Equals(Path.GetFileNameWithoutExtension(n), Path.GetFileNameWithoutExtension(name), StringComparison.OrdinalIgnoreCase)
                || (name.Length >= 4 && n.Contains(name[..^Math.Min(2, name.Length - 2)], StringComparison.OrdinalIgnoreCase)))
            .Order(StringComparer.Ordinal).Take(5).ToList();
        return similar.Count == 0 ? "" : " Did you mean: " + string.Join(", ", similar.Select(n => WorkspacePaths.Show(Path.Combine(dir, n), workspace))) + "?";
    }
}
