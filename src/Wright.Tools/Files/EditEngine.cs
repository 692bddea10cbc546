using System.Globalization;
using System.Text;
using System.Text.Json;
using Wright.Core.Tools;

namespace Wright.Tools.Files;

/// <summary>
/// Applies exact-match edits to a file, all or nothing, keeping its line endings and encoding. When a search string
/// is not found, it reports the closest region with line numbers and what differs, so the model can retry.
/// </summary>
public static class EditEngine
{
    private const long MaxBytes = 256L * 1024 * 1024;

    /// <summary>Applies the edits to the file at <paramref name="given"/>.</summary>
    public static ToolResult Apply(string given, IReadOnlyList<TextEdit> edits, ToolContext context)
    {
        var path = WorkspacePaths.Resolve(given, context.Workspace);
        lock (FileLocks.For(path))
        {
            var shown = WorkspacePaths.Show(path, context.Workspace);
            try
            {
                return ApplyLocked(path, shown, edits, context);
            }
            catch (UnsafePathException ex) when (ex.Problem == PathProblem.NotFound)
            {
                return ToolResult.Error($"Error: {shown} does not exist. Use write_file to create a file.");
            }
            catch (UnsafePathException ex)
            {
                return ToolResult.Error($"Error: {ex.Message}; nothing was edited.");
            }
        }
    }

    private static ToolResult ApplyLocked(string path, string shown, IReadOnlyList<TextEdit> edits, ToolContext context)
    {
        if (WorkspaceFs.Relative(path, context.Workspace) is "")
            return ToolResult.Error($"Error: {shown} is a directory.");
        using var folder = WorkspaceFs.OpenParent(path, context.Workspace, create: false, out var name);
        var existing = folder.Lstat(name);
        if (existing is null)
            return ToolResult.Error($"Error: {shown} does not exist. Use write_file to create a file.");
        if (existing is { IsDirectory: true })
            return ToolResult.Error($"Error: {shown} is a directory.");
        folder.RequireFile(name, existing);
        var bytes = folder.ReadAll(name, MaxBytes + 1, out var stat);
        var tracker = context.GetState<FileReadTracker>();
        if (tracker.CheckWritable(path, stat, shown) is { } refusal)
            return ToolResult.Error("Error: " + refusal);
        if (bytes.Length > MaxBytes)
            return ToolResult.Error($"Error: {shown} is larger than {MaxBytes / (1024 * 1024)} MB; edit it with shell tools.");
        if (FileKind.Binary(bytes) is { } kind)
            return ToolResult.Error($"Error: {shown} is a binary file ({kind}); it cannot be edited as text.");
        var file = TextFile.Decode(bytes);
        var summary = new List<string>();
        if (Edit(file.Text.Replace("\r\n", "\n", StringComparison.Ordinal), edits, shown, summary, out var error) is not { } text)
            return error!;

        var written = folder.WriteAtomic(name, file.Encode(file.Crlf ? text.Replace("\n", "\r\n", StringComparison.Ordinal) : text), stat.Permissions);
        tracker.Record(path, written);
        return ToolResult.Ok($"Edited {shown}: {string.Join("; ", summary)}.");
    }

    /// <summary>
    /// What <see cref="Apply"/> would leave in the file (text with LF line endings), without writing: null when it
    /// would fail (missing, not a text file, an edit that does not match).
    /// </summary>
    public static PlannedFileChange? Plan(string given, IReadOnlyList<TextEdit> edits, string workspace)
    {
        var path = WorkspacePaths.Resolve(given, workspace);
        lock (FileLocks.For(path))
        {
            try
            {
                if (WorkspaceFs.Relative(path, workspace) is "")
                    return null;
                using var folder = WorkspaceFs.OpenParent(path, workspace, create: false, out var name);
                if (folder.Lstat(name) is not { IsFile: true } existing)
                    return null;
                folder.RequireFile(name, existing);
                var bytes = folder.ReadAll(name, MaxBytes + 1, out _);
                if (bytes.Length > MaxBytes || FileKind.Binary(bytes) is not null)
                    return null;
                var before = TextFile.Decode(bytes).Text.Replace("\r\n", "\n", StringComparison.Ordinal);
                return Edit(before, edits, WorkspacePaths.Show(path, workspace), [], out _) is { } after ? new PlannedFileChange(path, before, after) : null;
            }
            catch (Exception ex) when (ex is UnsafePathException or IOException or UnauthorizedAccessException)
            {
                return null;
            }
        }
    }

    /// <summary>Applies the edits to LF text in order; null (and the error) when one does not apply.</summary>
    private static string? Edit(string text, IReadOnlyList<TextEdit> edits, string shown, List<string> summary, out ToolResult? error)
    {
        error = null;
        for (var i = 0; i < edits.Count; i++)
        {
            var label = edits.Count > 1 ? $"edit {i + 1}: " : "";
            var oldText = edits[i].OldString.Replace("\r\n", "\n", StringComparison.Ordinal);
            var newText = edits[i].NewString.Replace("\r\n", "\n", StringComparison.Ordinal);
            if (oldText.Length == 0)
            {
                error = ToolResult.Error($"Error: {label}old_string is empty. Use write_file to create or replace a whole file.");
                return null;
            }

            if (oldText == newText)
            {
                error = ToolResult.Error($"Error: {label}old_string and new_string are the same; nothing would change.");
                return null;
            }

            var positions = Occurrences(text, oldText);
            if (positions.Count == 0)
            {
                error = ToolResult.Error($"Error: {label}old_string was not found in {shown}.{(edits.Count > 1 ? " No edit was applied." : "")}\n{Closest(text, oldText)}");
                return null;
            }

            if (positions.Count > 1 && !edits[i].ReplaceAll)
            {
                var lines = string.Join(", ", positions.Take(10).Select(p => LineOf(text, p)));
                error = ToolResult.Error($"Error: {label}old_string occurs {positions.Count} times in {shown} (lines {lines}). Add surrounding lines to make it unique, or set replace_all.");
                return null;
            }

            var firstLine = LineOf(text, positions[0]);
            text = edits[i].ReplaceAll ? text.Replace(oldText, newText, StringComparison.Ordinal) : text[..positions[0]] + newText + text[(positions[0] + oldText.Length)..];
            summary.Add(positions.Count > 1 ? $"replaced {positions.Count} occurrences" : $"replaced 1 occurrence at line {firstLine}");
        }

        return text;
    }

    /// <summary>Reads the <c>{old_string, new_string, replace_all?}</c> shape.</summary>
    public static TextEdit Parse(JsonElement e) => new(
        e.GetProperty("old_string").GetString() ?? "",
        e.GetProperty("new_string").GetString() ?? "",
        e.TryGetProperty("replace_all", out var all) && all.ValueKind == JsonValueKind.True);

    private static List<int> Occurrences(string text, string value)
    {
        var result = new List<int>();
        for (var at = text.IndexOf(value, StringComparison.Ordinal); at >= 0; at = text.IndexOf(value, at + value.Length, StringComparison.Ordinal))
            result.Add(at);
        return result;
    }

    private static int LineOf(string text, int index) => text.AsSpan(0, index).Count('\n') + 1;

    /// <summary>Explains the nearest near-match: same lines ignoring indentation/whitespace, or the best overlapping region.</summary>
    private static string Closest(string text, string oldText)
    {
        var fileLines = text.Split('\n');
        var wanted = oldText.Split('\n');
        var wantedTrim = wanted.Select(Normalize).ToArray();
        var bestStart = -1;
        var bestScore = 0;
        for (var start = 0; start + wanted.Length <= fileLines.Length; start++)
        {
            var score = 0;
            for (var k = 0; k < wanted.Length; k++)
            {
                if (Normalize(fileLines[start + k]) == wantedTrim[k])
                    score++;
            }

            if (score > bestScore)
            {
                bestScore = score;
                bestStart = start;
            }
        }

        if (bestStart < 0 || bestScore == 0)
            return "No similar text was found: read the file again and copy the exact lines.";
        var report = new StringBuilder();
        if (bestScore == wanted.Length)
        {
            var what = wanted.Zip(fileLines.Skip(bestStart)).Any(p => p.First.TrimStart() == p.Second.TrimStart() && p.First != p.Second)
                ? "indentation" : "whitespace";
            report.Append(CultureInfo.InvariantCulture, $"The text matches lines {bestStart + 1}–{bestStart + wanted.Length} if {what} is ignored; copy the lines exactly as they are:\n");
        }
        else
        {
            report.Append(CultureInfo.InvariantCulture, $"The closest region (lines {bestStart + 1}–{bestStart + wanted.Length}, {bestScore} of {wanted.Length} lines alike) is:\n");
        }

        for (var k = 0; k < wanted.Length && bestStart + k < fileLines.Length && k < 30; k++)
        {
            var line = fileLines[bestStart + k];
            var marker = k < wanted.Length && line == wanted[k] ? " " : "≠";
            report.Append(CultureInfo.InvariantCulture, $"{marker}{bestStart + k + 1,5}\t{Visible(line)}\n");
            if (marker == "≠" && k < wanted.Length)
                report.Append(CultureInfo.InvariantCulture, $"  yours\t{Visible(wanted[k])}\n");
        }

        return report.ToString().TrimEnd();
    }

    private static string Normalize(string line) => string.Join(' ', line.Split([' ', '\t', '\r'], StringSplitOptions.RemoveEmptyEntries));

    private static string Visible(string line) => line.Replace("\t", "→", StringComparison.Ordinal).Replace("\r", "␍", StringComparison.Ordinal);
}
