using System.Text;

namespace Wright.Extensibility.Markdown;

/// <summary>
/// Reads the YAML front matter used by SKILL.md, commands and agent files: top-level <c>key: value</c> pairs with
/// quoted values, <c>|</c>/<c>&gt;</c> block scalars and <c>- item</c> lists. Hand-written because these files only use
/// that subset and a full YAML library needs reflection NativeAOT cannot keep.
/// </summary>
public static class FrontMatter
{
    /// <summary>Parses a document; text without front matter is all body.</summary>
    public static FrontMatterDocument Parse(string text)
    {
        text = text.TrimStart('\uFEFF').ReplaceLineEndings("\n");
        var fields = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        if (!text.StartsWith("---\n", StringComparison.Ordinal))
            return new FrontMatterDocument(fields, text.Trim());
        var end = text.IndexOf("\n---", 3, StringComparison.Ordinal);
        if (end < 0)
            return new FrontMatterDocument(fields, text.Trim());
        var lines = text[4..end].Split('\n');
        var bodyStart = text.IndexOf('\n', end + 4);
        var body = bodyStart < 0 ? "" : text[(bodyStart + 1)..];

        for (var i = 0; i < lines.Length; i++)
        {
            var line = lines[i];
            if (line.Length == 0 || line.StartsWith('#') || char.IsWhiteSpace(line[0]))
                continue;
            var colon = line.IndexOf(':', StringComparison.Ordinal);
            if (colon <= 0)
                continue;
            var key = line[..colon].Trim();
            var value = line[(colon + 1)..].Trim();
            if (value is "|" or ">" or "|-" or ">-" or "")
            {
                var block = new StringBuilder();
                while (i + 1 < lines.Length && (lines[i + 1].Length == 0 || char.IsWhiteSpace(lines[i + 1][0])))
                {
                    i++;
                    var item = lines[i].Trim();
                    if (item.Length == 0)
                        continue;
                    if (block.Length > 0)
                        block.Append(value.StartsWith('>') ? ' ' : '\n');
                    block.Append(item);
                }

                value = block.ToString();
            }

            fields[key] = Unquote(value);
        }

        return new FrontMatterDocument(fields, body.Trim());
    }

    private static string Unquote(string value) =>
        value.Length >= 2 && ((value[0] == '"' && value[^1] == '"') || (value[0] == '\'' && value[^1] == '\''))
            ? value[1..^1].Replace("\\\"", "\"", StringComparison.Ordinal).Replace("''", "'", StringComparison.Ordinal)
            : value;
}
