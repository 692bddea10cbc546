using System.Text;
using Wright.Tools.Files;

namespace Wright.Tools.Patch;

/// <summary>
/// Applies a parsed patch all or nothing: every new file content is computed in memory first, then written
/// atomically; if a write fails, what was already written is restored. Paths must stay inside the workspace; CRLF
/// files stay CRLF.
/// </summary>
public static class PatchApplier
{
    /// <summary>Applies the patch and returns the summary (<c>A|M|D path</c> lines); throws <see cref="PatchException"/>.</summary>
    public static string Apply(IReadOnlyList<PatchOperation> operations, string workspace)
    {
        var root = Path.GetFullPath(workspace).TrimEnd('/');
        var writes = new List<(string Path, byte[]? Bytes)>();
        var summary = new List<string>();
        foreach (var op in operations)
        {
            var path = Resolve(op.Path, root);
            switch (op)
            {
                case AddFile add:
                    writes.Add((path, new UTF8Encoding(false).GetBytes(add.Content)));
                    summary.Add("A " + op.Path);
                    break;
                case DeleteFile:
                    if (!File.Exists(path))
                        throw new PatchException($"{op.Path}: cannot delete, the file does not exist");
                    writes.Add((path, null));
                    summary.Add("D " + op.Path);
                    break;
                case UpdateFile update:
                    if (!File.Exists(path))
                        throw new PatchException($"{op.Path}: cannot update, the file does not exist");
                    var file = TextFile.Decode(File.ReadAllBytes(path));
                    var updated = Update(file.Text.Replace("\r\n", "\n", StringComparison.Ordinal), update);
                    var bytes = file.Encode(file.Crlf ? updated.Replace("\n", "\r\n", StringComparison.Ordinal) : updated);
                    if (update.MoveTo is { } moveTo)
                    {
                        writes.Add((Resolve(moveTo, root), bytes));
                        writes.Add((path, null));
                        summary.Add("M " + moveTo);
                    }
                    else
                    {
                        writes.Add((path, bytes));
                        summary.Add("M " + op.Path);
                    }

                    break;
            }
        }

        Commit(writes);
        return "Success. Updated the following files:\n" + string.Join('\n', summary) + "\n";
    }

    private static string Update(string text, UpdateFile update)
    {
        var lines = text.Split('\n').ToList();
        if (lines.Count > 0 && lines[^1].Length == 0)
            lines.RemoveAt(lines.Count - 1);
        var replacements = new List<(int Start, int Length, IReadOnlyList<string> Lines)>();
        var index = 0;
        for (var c = 0; c < update.Chunks.Count; c++)
        {
            var chunk = update.Chunks[c];
            if (chunk.Context is { } context)
            {
                var at = SeekSequence.Find(lines, [context], index, false);
                if (at < 0)
                    throw new PatchException($"{update.Path}: hunk {c + 1}: could not find the context line '{context}'");
                index = at + 1;
            }

            if (chunk.OldLines.Count == 0)
            {
                replacements.Add((lines.Count, 0, chunk.NewLines));
                continue;
            }

            var pattern = chunk.OldLines;
            var newLines = chunk.NewLines;
            var found = SeekSequence.Find(lines, pattern, index, chunk.EndOfFile);
            if (found < 0 && pattern.Count > 0 && pattern[^1].Length == 0)
            {
                pattern = [.. pattern.Take(pattern.Count - 1)];
                if (newLines.Count > 0 && newLines[^1].Length == 0)
                    newLines = [.. newLines.Take(newLines.Count - 1)];
                found = SeekSequence.Find(lines, pattern, index, chunk.EndOfFile);
            }

            if (found < 0)
                throw new PatchException($"{update.Path}: hunk {c + 1} did not match: could not find the lines:\n{string.Join('\n', chunk.OldLines)}");
            replacements.Add((found, pattern.Count, newLines));
            index = found + pattern.Count;
        }

        foreach (var (start, length, replacement) in replacements.OrderByDescending(r => r.Start))
        {
            lines.RemoveRange(start, length);
            lines.InsertRange(start, replacement);
        }

        return string.Join('\n', lines) + "\n";
    }

    private static string Resolve(string relative, string root)
    {
        var full = Path.GetFullPath(Path.IsPathRooted(relative) ? relative : Path.Combine(root, relative));
        if (!full.StartsWith(root + "/", StringComparison.Ordinal))
            throw new PatchException($"{relative}: the path is outside the workspace");

        // No folder on the way (and not the file itself) may be a symbolic link that leads out of the workspace.
        var current = root;
        foreach (var part in Path.GetRelativePath(root, full).Split('/'))
        {
            current = Path.Combine(current, part);
            FileSystemInfo info = Directory.Exists(current) ? new DirectoryInfo(current) : new FileInfo(current);
            if (info.LinkTarget is null)
                continue;
            var target = info.ResolveLinkTarget(returnFinalTarget: true)?.FullName ?? "";
            if (target != root && !target.StartsWith(root + "/", StringComparison.Ordinal))
                throw new PatchException($"{relative}: the path leads outside the workspace through the symbolic link {Path.GetRelativePath(root, current)}");
        }

        return full;
    }

    private static void Commit(List<(string Path, byte[]? Bytes)> writes)
    {
        var backups = new List<(string Path, byte[]? Bytes)>();
        try
        {
            foreach (var (path, bytes) in writes)
            {
                backups.Add((path, File.Exists(path) ? File.ReadAllBytes(path) : null));
                if (bytes is null)
                    File.Delete(path);
                else
                    WorkspacePaths.WriteAtomic(path, bytes);
            }
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            foreach (var (path, bytes) in Enumerable.Reverse(backups))
            {
                try
                {
                    if (bytes is null)
                        File.Delete(path);
                    else
                        WorkspacePaths.WriteAtomic(path, bytes);
                }
                catch (Exception restore) when (restore is IOException or UnauthorizedAccessException)
                {
                    // Best effort; the original error is reported below.
                }
            }

            throw new PatchException($"writing failed ({ex.Message}); no file was changed");
        }
    }
}
