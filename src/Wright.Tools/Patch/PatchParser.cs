namespace Wright.Tools.Patch;

/// <summary>
/// Parses the Codex patch format (grammar in openai/codex, codex-rs/apply-patch/apply_patch_tool_instructions.md),
/// leniently like the reference parser: surrounding whitespace, a heredoc wrapper (<c>&lt;&lt;'EOF'</c> … <c>EOF</c>)
/// and a missing <c>@@</c> before the first hunk of a file are accepted.
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

    /// <summary>Parses a patch; throws <see cref="FormatException"/> naming the line and what was expected.</summary>
    public static IReadOnlyList<PatchOperation> Parse(string text)
    {
        var lines = text.Replace("\r\n", "\n", StringComparison.Ordinal).Trim().Split('\n').ToList();
        if (lines.Count >= 2 && lines[0].StartsWith("<<", StringComparison.Ordinal) && lines[^1].Trim() is "EOF" or "'EOF'" or "\"EOF\"")
            lines = lines[1..^1];
        if (lines.Count == 0 || lines[0].Trim() != Begin)
            throw new FormatException($"invalid patch: the first line must be '{Begin}'");
        if (lines[^1].Trim() != End)
            throw new FormatException($"invalid patch: the last line must be '{End}'");

        var operations = new List<PatchOperation>();
        var i = 1;
        while (i < lines.Count - 1)
        {
            var line = lines[i].TrimEnd();
            if (line.StartsWith(AddPrefix, StringComparison.Ordinal))
            {
                var path = Path(line[AddPrefix.Length..], i);
                i++;
                var content = new List<string>();
                while (i < lines.Count - 1 && lines[i].StartsWith('+'))
                    content.Add(lines[i++][1..]);
                operations.Add(new AddFile(path, content.Count == 0 ? "" : string.Join('\n', content) + "\n"));
            }
            else if (line.StartsWith(DeletePrefix, StringComparison.Ordinal))
            {
                operations.Add(new DeleteFile(Path(line[DeletePrefix.Length..], i)));
                i++;
            }
            else if (line.StartsWith(UpdatePrefix, StringComparison.Ordinal))
            {
                var path = Path(line[UpdatePrefix.Length..], i);
                i++;
                string? moveTo = null;
                if (i < lines.Count - 1 && lines[i].StartsWith(MovePrefix, StringComparison.Ordinal))
                    moveTo = Path(lines[i++][MovePrefix.Length..], i - 1);
                var chunks = new List<PatchChunk>();
                while (i < lines.Count - 1 && !lines[i].StartsWith("*** ", StringComparison.Ordinal) || (i < lines.Count - 1 && lines[i].TrimEnd() == EndOfFile))
                {
                    if (lines[i].TrimEnd() == EndOfFile)
                    {
                        i++;
                        continue;
                    }

                    chunks.Add(ParseChunk(lines, ref i, first: chunks.Count == 0));
                }

                if (chunks.Count == 0)
                    throw new FormatException($"invalid patch: line {i + 1}: the update of {path} has no hunks");
                operations.Add(new UpdateFile(path, moveTo, chunks));
            }
            else if (line.Length == 0)
            {
                i++;
            }
            else
            {
                throw new FormatException($"invalid patch: line {i + 1}: expected '*** Add File: ', '*** Delete File: ' or '*** Update File: ', got '{line}'");
            }
        }

        if (operations.Count == 0)
            throw new FormatException("invalid patch: it changes no file");
        return operations;
    }

    private static PatchChunk ParseChunk(List<string> lines, ref int i, bool first)
    {
        string? context = null;
        var header = lines[i].TrimEnd();
        if (header == "@@")
        {
            i++;
        }
        else if (header.StartsWith("@@ ", StringComparison.Ordinal))
        {
            context = header[3..];
            i++;
        }
        else if (!first)
        {
            throw new FormatException($"invalid patch: line {i + 1}: expected '@@' to start a hunk, got '{header}'");
        }

        var oldLines = new List<string>();
        var newLines = new List<string>();
        var endOfFile = false;
        var start = i;
        while (i < lines.Count - 1)
        {
            var line = lines[i];
            if (line.TrimEnd() == EndOfFile)
            {
                endOfFile = true;
                i++;
                break;
            }

            if (line.StartsWith("@@", StringComparison.Ordinal) || line.StartsWith("*** ", StringComparison.Ordinal))
                break;
            switch (line.Length == 0 ? ' ' : line[0])
            {
                case ' ':
                    var text = line.Length == 0 ? "" : line[1..];
                    oldLines.Add(text);
                    newLines.Add(text);
                    break;
                case '-':
                    oldLines.Add(line[1..]);
                    break;
                case '+':
                    newLines.Add(line[1..]);
                    break;
                default:
                    throw new FormatException($"invalid patch: line {i + 1}: a hunk line must start with ' ', '-' or '+', got '{line}'");
            }

            i++;
        }

        if (i == start && !endOfFile)
            throw new FormatException($"invalid patch: line {i + 1}: empty hunk");
        return new PatchChunk(context, oldLines, newLines, endOfFile);
    }

    private static string Path(string value, int index)
    {
        var path = value.Trim();
        if (path.Length == 0)
            throw new FormatException($"invalid patch: line {index + 1}: missing file path");
        return path;
    }
}
