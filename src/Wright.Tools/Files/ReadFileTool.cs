using System.Globalization;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.AI;
using Wright.Core.Tools;

namespace Wright.Tools.Files;

/// <summary>
/// <c>read_file {path, offset?, limit?}</c>: numbered lines of a text file (any common encoding), images as image
/// content, binaries described rather than dumped; capped with a note on how to read on.
/// </summary>
public sealed class ReadFileTool : ITool
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
    public async Task<ToolResult> InvokeAsync(JsonElement arguments, ToolContext context, CancellationToken cancellationToken)
    {
        var given = arguments.GetProperty("path").GetString() ?? "";
        var path = WorkspacePaths.Resolve(given, context.Workspace);
        var shown = WorkspacePaths.Show(path, context.Workspace);
        if (Directory.Exists(path))
            return ToolResult.Error($"Error: {shown} is a directory. Use list_dir (or shell `ls`) to see what it holds.");
        if (!File.Exists(path))
            return ToolResult.Error($"Error: {shown} does not exist.{Suggest(path, context.Workspace)}");

        var info = new FileInfo(path);
        byte[] bytes;
        try
        {
            await using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
            bytes = new byte[Math.Min(stream.Length, MaxBytes)];
            await stream.ReadExactlyAsync(bytes, cancellationToken);
        }
        catch (UnauthorizedAccessException)
        {
            return ToolResult.Error($"Error: permission denied reading {shown}.");
        }

        if (FileKind.ImageType(bytes) is { } image)
        {
            context.GetState<FileReadTracker>().Record(path);
            return new ToolResult($"{shown}: {image}, {info.Length:N0} bytes (attached as an image).")
            {
                Attachments = [new DataContent(bytes, image)],
            };
        }

        if (FileKind.Binary(bytes) is { } kind)
            return ToolResult.Error($"Error: {shown} is a binary file ({kind}, {info.Length:N0} bytes); read_file shows text only. Inspect it with shell tools (e.g. file, xxd | head).");

        var file = TextFile.Decode(bytes);
        context.GetState<FileReadTracker>().Record(path);
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
        if (bytes.Length < info.Length)
            text.Append(CultureInfo.InvariantCulture, $"[only the first {MaxBytes / (1024 * 1024)} MB of {info.Length:N0} bytes were read]\n");
        if (file.Latin1Fallback)
            text.Append("[not valid UTF-8: decoded as Latin-1]\n");
        if (lines.Length > 0 && lines[^1].Length > 0)
            text.Append("[no newline at end of file]\n");
        return ToolResult.Ok(text.ToString().TrimEnd('\n'));
    }

    private static string Suggest(string path, string workspace)
    {
        var dir = Path.GetDirectoryName(path);
        if (dir is null || !Directory.Exists(dir))
            return dir is null ? "" : $" Its folder {WorkspacePaths.Show(dir, workspace)} does not exist either.";
        var name = Path.GetFileName(path);
        var similar = Directory.EnumerateFileSystemEntries(dir).Select(Path.GetFileName).OfType<string>()
            .Where(n => string.Equals(n, name, StringComparison.OrdinalIgnoreCase)
                || string.Equals(Path.GetFileNameWithoutExtension(n), Path.GetFileNameWithoutExtension(name), StringComparison.OrdinalIgnoreCase)
                || (name.Length >= 4 && n.Contains(name[..^Math.Min(2, name.Length - 2)], StringComparison.OrdinalIgnoreCase)))
            .Take(5).ToList();
        return similar.Count == 0 ? "" : " Did you mean: " + string.Join(", ", similar.Select(n => WorkspacePaths.Show(Path.Combine(dir, n), workspace))) + "?";
    }
}
