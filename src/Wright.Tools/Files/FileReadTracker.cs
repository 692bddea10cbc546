using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;

namespace Wright.Tools.Files;

/// <summary>
/// Which files this session has read, and how they looked then: writing or editing an existing file is allowed only
/// after reading it, and only while it has not changed since. On the disk the state comes from the descriptor the
/// tool read or wrote through (<see cref="FileStat"/>), never from a second lookup by path, with a hash of the text
/// when the tool had it; for a file read or written through the editor (<see cref="IEditorFiles"/>), whose unsaved
/// buffer may differ from the disk, only the hash of the text counts.
/// </summary>
public sealed class FileReadTracker
{
    private readonly ConcurrentDictionary<string, Seen> _seen = new(StringComparer.Ordinal);

    /// <summary>Records the state of the file at <paramref name="path"/> (its absolute path) on the disk, and its text when known.</summary>
    public void Record(string path, FileStat stat, string? text = null) =>
        _seen[path] = new Seen(stat.ModifiedUtc, stat.Size, text is null ? null : Hash(text));

    /// <summary>Records the text of the file at <paramref name="path"/> as the editor has it (read or just written).</summary>
    public void RecordText(string path, string text) => _seen[path] = new Seen(null, null, Hash(text));

    /// <summary>
    /// Null when the session may overwrite the file on the disk (<paramref name="current"/> null: it does not exist),
    /// else why not. It may when the file has the state it was read in, or the text it was last seen with
    /// (<paramref name="currentText"/>, when the caller has it).
    /// </summary>
    public string? CheckWritable(string path, FileStat? current, string shown, string? currentText = null)
    {
        if (current is not { } now)
            return null;
        if (!_seen.TryGetValue(path, out var seen))
            return NotRead(shown);
        if (seen.Modified == now.ModifiedUtc && seen.Length == now.Size)
            return null;
        if (seen.Text is { } text && currentText is not null && text.AsSpan().SequenceEqual(Hash(currentText)))
            return null;
        return $"{shown} changed on disk since you read it (by you via shell, the user, or another tool): read it again before writing.";
    }

    /// <summary>Null when the session may replace the editor's text of the file (it read that very text), else why not.</summary>
    public string? CheckEditorText(string path, string currentText, string shown)
    {
        if (!_seen.TryGetValue(path, out var seen))
            return NotRead(shown);
        return seen.Text is { } text && text.AsSpan().SequenceEqual(Hash(currentText))
            ? null
            : $"{shown} changed in the editor since you read it (the user typed in it, or it was read from the disk then): read it again before writing.";
    }

    private static string NotRead(string shown) =>
        $"{shown} exists and this session has not read it: read it with read_file first, so nothing is overwritten blindly.";

    private static byte[] Hash(string text) => SHA256.HashData(Encoding.UTF8.GetBytes(text));

    private sealed record Seen(DateTime? Modified, long? Length, byte[]? Text);
}
