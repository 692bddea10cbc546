using System.Text.Json;

namespace Wright.Cli.Interactive;

/// <summary>
/// Coloured unified diffs of the edit tools' arguments (<c>edit_file</c>, <c>multi_edit</c>, <c>write_file</c>,
/// <c>apply_patch</c>): removed lines red with <c>-</c>, added lines green with <c>+</c>, a few lines of context.
/// </summary>
internal static class DiffRenderer
{
    private const int MaxRows = 60;

    /// <summary>True for the tools whose arguments describe an edit.</summary>
    public static bool IsEdit(string tool) => tool is "edit_file" or "multi_edit" or "write_file" or "apply_patch";

    /// <summary>The diff rows for one edit call, or empty when the arguments cannot be read.</summary>
    public static IReadOnlyList<string> Render(string tool, string argumentsJson, Ansi ansi)
    {
        try
        {
            using var document = JsonDocument.Parse(argumentsJson);
            var root = document.RootElement;
            var rows = new List<string>();
            switch (tool)
            {
                case "edit_file":
                    rows.Add(ansi.Bold(Text(root, "path")));
                    rows.AddRange(Lines(Text(root, "old_string"), Text(root, "new_string"), ansi));
                    break;
                case "multi_edit":
                    rows.Add(ansi.Bold(Text(root, "path")));
                    if (root.TryGetProperty("edits", out var edits) && edits.ValueKind == JsonValueKind.Array)
                    {
                        foreach (var edit in edits.EnumerateArray())
                        {
                            rows.Add(ansi.Cyan("@@"));
                            rows.AddRange(Lines(Text(edit, "old_string"), Text(edit, "new_string"), ansi));
                        }
                    }

                    break;
                case "write_file":
                    rows.Add(ansi.Bold(Text(root, "path")));
                    rows.AddRange(Lines("", Text(root, "content"), ansi));
                    break;
                case "apply_patch":
                    foreach (var line in Text(root, "patch").ReplaceLineEndings("\n").Split('\n'))
                    {
                        rows.Add(line.StartsWith("***", StringComparison.Ordinal) ? ansi.Bold(line)
                            : line.StartsWith('+') ? ansi.Green(line)
                            : line.StartsWith('-') ? ansi.Red(line)
                            : line.StartsWith("@@", StringComparison.Ordinal) ? ansi.Cyan(line)
                            : line);
                    }

                    break;
                default:
                    return [];
            }

            if (rows.Count > MaxRows)
            {
                var hidden = rows.Count - MaxRows;
                rows = rows.Take(MaxRows).ToList();
                rows.Add(ansi.Dim($"… {hidden} more lines"));
            }

            return rows;
        }
        catch (JsonException)
        {
            return [];
        }
    }

    /// <summary>A line diff of <paramref name="before"/> and <paramref name="after"/> (longest common subsequence).</summary>
    public static IEnumerable<string> Lines(string before, string after, Ansi ansi)
    {
        var a = before.Length == 0 ? [] : before.ReplaceLineEndings("\n").TrimEnd('\n').Split('\n');
        var b = after.Length == 0 ? [] : after.ReplaceLineEndings("\n").TrimEnd('\n').Split('\n');
        if ((long)a.Length * b.Length > 250_000)
        {
            foreach (var line in a)
                yield return ansi.Red("-" + line);
            foreach (var line in b)
                yield return ansi.Green("+" + line);
            yield break;
        }

        var lcs = new int[a.Length + 1, b.Length + 1];
        for (var i = a.Length - 1; i >= 0; i--)
        {
            for (var j = b.Length - 1; j >= 0; j--)
                lcs[i, j] = a[i] == b[j] ? lcs[i + 1, j + 1] + 1 : Math.Max(lcs[i + 1, j], lcs[i, j + 1]);
        }

        int x = 0, y = 0;
        while (x < a.Length || y < b.Length)
        {
            if (x < a.Length && y < b.Length && a[x] == b[y])
            {
                yield return ansi.Dim(" " + a[x]);
                x++;
                y++;
            }
            else if (x < a.Length && (y == b.Length || lcs[x + 1, y] >= lcs[x, y + 1]))
            {
                yield return ansi.Red("-" + a[x]);
                x++;
            }
            else
            {
                yield return ansi.Green("+" + b[y]);
                y++;
            }
        }
    }

    private static string Text(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() ?? "" : "";
}
