namespace Wright.Tools.Patch;

/// <summary>
/// Parses the Codex patch format (grammar in openai/codex, codex-rs/apply-patch/apply_patch_tool_instructions.md) the
/// way Codex's own parser does, with its error messages (models are trained on them): markers and file headers may be
/// padded with whitespace, a heredoc wrapper (<c>&lt;&lt;'EOF'</c> … <c>EOF</c>) is accepted, the first chunk of a file
/// needs no <c>@@</c>, blank lines between chunks are skipped. Wright also skips blank lines between file operations.
/// An empty patch parses to no operations (applying it says "No files were modified.").
/// </summary>
public static class PatchParser
{
    private const string Begin = "*** Begin Patch";
    private const string End = "*** End Patch";
    private const string AddPrefix = "*** Add File: ";
    private const string DeletePrefix = "*** Delete File: ";
    private const string UpdatePrefix = "*** Update File: ";
    private const string MovePrefix = "*** Move to: ";
    private const string EndOfFile = "*** End of File";
    private const string EmptyHunk = "Update hunk does not contain any lines";

    /// <summary>Parses a patch; throws <see cref="FormatException"/> with Codex's message ("Invalid patch…", "Invalid patch hunk on line N: …").</summary>
    public static IReadOnlyList<PatchOperation> Parse(string text)
    {
        var lines = Lines(text);
        if (!Bounded(lines))
        {
            // A heredoc wrapper, as models write for a shell: <<'EOF' / <<"EOF" / <<EOF … EOF.
            if (lines.Count >= 4 && lines[0] is "<<EOF" or "<<'EOF'" or "<<\"EOF\"" && lines[^1].EndsWith("EOF", StringComparison.Ordinal) && Bounded(lines[1..^1]))
                lines = lines[1..^1];
            else if (lines.Count == 0 || lines[0].Trim() == Begin)
                throw new FormatException($"Invalid patch: The last line of the patch must be '{End}'");
            else
                throw new FormatException($"Invalid patch: The first line of the patch must be '{Begin}'");
        }

        var operations = new List<PatchOperation>();
        var i = 1;
        while (i < lines.Count - 1)
        {
            // Codex rejects a blank line between file operations; Wright skips it.
            if (lines[i].Trim().Length == 0)
            {
                i++;
                continue;
            }

            operations.Add(ParseOperation(lines, ref i));
        }

        return operations;
    }

    /// <summary>The patch's lines as Codex reads them: trimmed as a whole, split at '\n', a '\r' before it dropped.</summary>
    private static List<string> Lines(string text)
    {
        var trimmed = text.Trim();
        if (trimmed.Length == 0)
            return [];
        return [.. trimmed.Split('\n').Select(l => l.EndsWith('\r') ? l[..^1] : l)];
    }

    private static bool Bounded(List<string> lines) => lines.Count >= 2 && lines[0].Trim() == Begin && lines[^1].Trim() == End;

    /// <summary>One file operation starting at <paramref name="i"/> (its header, trimmed: padding is accepted).</summary>
    private static PatchOperation ParseOperation(List<string> lines, ref int i)
    {
        var header = lines[i].Trim();
        var number = i + 1;
        var last = lines.Count - 1; // the End Patch line
        if (header.StartsWith(AddPrefix, StringComparison.Ordinal))
        {
            var path = header[AddPrefix.Length..].Trim();
            i++;
            var content = new System.Text.StringBuilder();
            while (i < last && lines[i].StartsWith('+'))
                content.Append(lines[i++].AsSpan(1)).Append('\n');
            return new AddFile(path, content.ToString(), number);
        }

        if (header.StartsWith(DeletePrefix, StringComparison.Ordinal))
        {
            i++;
            return new DeleteFile(header[DeletePrefix.Length..].Trim(), number);
        }

        if (header.StartsWith(UpdatePrefix, StringComparison.Ordinal))
        {
            var path = header[UpdatePrefix.Length..].Trim();
            i++;
            string? moveTo = null;
            if (i < last && lines[i].TrimStart().StartsWith(MovePrefix, StringComparison.Ordinal))
                moveTo = lines[i++].Trim()[MovePrefix.Length..].Trim();
            var chunks = new List<PatchChunk>();
            while (i < last)
            {
                if (lines[i].Trim().Length == 0)
                {
                    i++;
                    continue;
                }

                if (lines[i].StartsWith('*'))
                    break;
                chunks.Add(ParseChunk(lines, ref i, last, allowMissingContext: chunks.Count == 0));
            }

            if (chunks.Count == 0)
                throw Hunk(number, $"Update file hunk for path '{path}' is empty");
            return new UpdateFile(path, moveTo, chunks, number);
        }

        throw Hunk(number, $"'{header}' is not a valid hunk header. Valid hunk headers: '*** Add File: {{path}}', '*** Delete File: {{path}}', '*** Update File: {{path}}'");
    }

    private static PatchChunk ParseChunk(List<string> lines, ref int i, int last, bool allowMissingContext)
    {
        var number = i + 1;
        string? context = null;
        if (lines[i] == "@@")
        {
            i++;
        }
        else if (lines[i].StartsWith("@@ ", StringComparison.Ordinal))
        {
            context = lines[i][3..];
            i++;
        }
        else if (!allowMissingContext)
        {
            throw Hunk(number, $"Expected update hunk to start with a @@ context marker, got: '{lines[i]}'");
        }

        if (i >= last)
            throw Hunk(number + 1, EmptyHunk);
        var oldLines = new List<string>();
        var newLines = new List<string>();
        var ops = new List<(char, string)>();
        var endOfFile = false;
        var parsed = 0;
        while (i < last)
        {
            var line = lines[i];
            if (line == EndOfFile)
            {
                if (parsed == 0)
                    throw Hunk(number + 1, EmptyHunk);
                endOfFile = true;
                i++;
                break;
            }

            var kind = line.Length == 0 ? ' ' : line[0];
            var text = line.Length == 0 ? "" : line[1..];
            if (kind is not (' ' or '+' or '-'))
            {
                if (parsed == 0)
                    throw Hunk(number + 1, $"Unexpected line found in update hunk: '{line}'. Every line should start with ' ' (context line), '+' (added line), or '-' (removed line)");
                break; // the start of the next chunk or file operation
            }

            if (kind != '+')
                oldLines.Add(text);
            if (kind != '-')
                newLines.Add(text);
            ops.Add((kind, text));
            parsed++;
            i++;
        }

        return new PatchChunk(context, oldLines, newLines, endOfFile, ops);
    }

    private static FormatException Hunk(int line, string message) => new($"Invalid patch hunk on line {line}: {message}");
}
