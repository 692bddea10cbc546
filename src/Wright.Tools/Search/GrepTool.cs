using System.Collections.Concurrent;
using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using Wright.Core.Tools;
using Wright.Tools.Files;

namespace Wright.Tools.Search;

/// <summary>
/// <c>grep</c>: a regex over the workspace with ripgrep's default filters (see <see cref="WorkspaceWalker"/>),
/// searched in parallel, results sorted by path; lines with numbers, files only, or counts.
/// </summary>
public sealed class GrepTool : ITool
{
    private const int MaxLineChars = 500;
    private const int DefaultHeadLimit = 400;

    private static readonly Dictionary<string, string[]> Types = new(StringComparer.OrdinalIgnoreCase)
    {
        ["cs"] = [".cs", ".csx"], ["py"] = [".py", ".pyi"], ["js"] = [".js", ".mjs", ".cjs", ".jsx"], ["ts"] = [".ts", ".tsx", ".mts", ".cts"],
        ["go"] = [".go"], ["rust"] = [".rs"], ["java"] = [".java"], ["c"] = [".c", ".h"], ["cpp"] = [".cpp", ".cc", ".cxx", ".hpp", ".hh", ".h"],
        ["md"] = [".md", ".markdown"], ["json"] = [".json"], ["yaml"] = [".yaml", ".yml"], ["html"] = [".html", ".htm"], ["css"] = [".css", ".scss"],
        ["sh"] = [".sh", ".bash"], ["rb"] = [".rb"], ["php"] = [".php"], ["kotlin"] = [".kt", ".kts"], ["swift"] = [".swift"], ["toml"] = [".toml"],
        ["xml"] = [".xml", ".csproj", ".props", ".targets"], ["sql"] = [".sql"],
    };

    /// <inheritdoc />
    public string Name => "grep";

    /// <inheritdoc />
    public string Description => "Regex search (.NET syntax) over files, honouring .gitignore; output_mode content (default), files_with_matches or count.";

    /// <inheritdoc />
    public JsonElement ParametersSchema { get; } = ToolRegistry.Schema("""
        {"type":"object","properties":{"pattern":{"type":"string"},"path":{"type":"string"},"glob":{"type":"string"},"type":{"type":"string"},
        "case_insensitive":{"type":"boolean"},"multiline":{"type":"boolean"},"context":{"type":"integer","minimum":0},
        "output_mode":{"type":"string","enum":["content","files_with_matches","count"]},"head_limit":{"type":"integer","minimum":1}},
        "required":["pattern"],"additionalProperties":false}
        """);

    /// <inheritdoc />
    public ToolEffect Effect => ToolEffect.ReadOnly;

    /// <inheritdoc />
    public Task<ToolResult> InvokeAsync(JsonElement arguments, ToolContext context, CancellationToken cancellationToken)
    {
        string? Str(string name) => arguments.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString() : null;
        bool Flag(string name) => arguments.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.True;
        int? Int(string name) => arguments.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.Number ? v.GetInt32() : null;

        var multiline = Flag("multiline");
        var options = RegexOptions.CultureInvariant | (Flag("case_insensitive") ? RegexOptions.IgnoreCase : 0) | (multiline ? RegexOptions.Multiline | RegexOptions.Singleline : 0);
        Regex regex;
        try
        {
            regex = new Regex(Str("pattern")!, options, TimeSpan.FromSeconds(2));
        }
        catch (ArgumentException ex)
        {
            return Task.FromResult(ToolResult.Error($"Error: invalid regex: {ex.Message}"));
        }

        var root = WorkspacePaths.Resolve(Str("path") ?? ".", context.Workspace);
        if (!Directory.Exists(root) && !File.Exists(root))
            return Task.FromResult(ToolResult.Error($"Error: {WorkspacePaths.Show(root, context.Workspace)} does not exist."));
        string[]? extensions = null;
        if (Str("type") is { } type && !Types.TryGetValue(type, out extensions))
            return Task.FromResult(ToolResult.Error($"Error: unknown type '{type}'. Known: {string.Join(", ", Types.Keys.Order(StringComparer.Ordinal))}."));
        var glob = Str("glob");
        var files = File.Exists(root)
            ? [root]
            : WorkspaceWalker.Walk(root, cancellationToken: cancellationToken).Where(e => !e.IsDirectory).Select(e => e.Path)
                .Where(p => extensions is null || extensions.Contains(Path.GetExtension(p), StringComparer.OrdinalIgnoreCase))
                .Where(p => glob is null || GlobMatch(glob, Path.GetRelativePath(root, p)))
                .ToList();

        var mode = Str("output_mode") ?? "content";
        var contextLines = Int("context") ?? 0;
        var found = new ConcurrentDictionary<string, List<(int Line, string Text, bool Match)>>(StringComparer.Ordinal);
        var counts = new ConcurrentDictionary<string, int>(StringComparer.Ordinal);
        try
        {
            Parallel.ForEach(files, new ParallelOptions { CancellationToken = cancellationToken, MaxDegreeOfParallelism = Environment.ProcessorCount }, file =>
            {
                if (WorkspaceWalker.IsBinary(file))
                    return;
                string text;
                try
                {
                    text = TextFile.Decode(File.ReadAllBytes(file)).Text;
                }
                catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
                {
                    return;
                }

                var lines = text.Split('\n');
                var matched = new SortedSet<int>();
                if (multiline)
                {
                    foreach (Match m in regex.Matches(text))
                    {
                        var first = text.AsSpan(0, m.Index).Count('\n');
                        var last = first + m.Value.Count(c => c == '\n');
                        for (var l = first; l <= last; l++)
                            matched.Add(l);
                    }
                }
                else
                {
                    for (var l = 0; l < lines.Length; l++)
                    {
                        // Like ripgrep (without --crlf), a CR before the newline belongs to the line.
                        if ((l < lines.Length - 1 || lines[l].Length > 0) && regex.IsMatch(lines[l]))
                            matched.Add(l);
                    }
                }

                if (matched.Count == 0)
                    return;
                counts[file] = matched.Count;
                if (mode != "content")
                    return;
                var shown = new SortedDictionary<int, bool>();
                foreach (var l in matched)
                {
                    for (var k = Math.Max(0, l - contextLines); k <= Math.Min(lines.Length - 1, l + contextLines); k++)
                        shown[k] = shown.GetValueOrDefault(k) || k == l;
                }

                found[file] = [.. shown.Select(kv => (kv.Key + 1, lines[kv.Key].TrimEnd('\r'), kv.Value))];
            });
        }
        catch (RegexMatchTimeoutException)
        {
            return Task.FromResult(ToolResult.Error("Error: the regex took too long (catastrophic backtracking?); simplify it."));
        }

        var output = new List<string>();
        foreach (var file in counts.Keys.Order(StringComparer.Ordinal))
        {
            var shownPath = WorkspacePaths.Show(file, context.Workspace);
            switch (mode)
            {
                case "files_with_matches":
                    output.Add(shownPath);
                    break;
                case "count":
                    output.Add($"{shownPath}:{counts[file]}");
                    break;
                default:
                    var previous = -1;
                    foreach (var (line, text, match) in found[file])
                    {
                        if (contextLines > 0 && previous >= 0 && line > previous + 1)
                            output.Add("--");
                        var clipped = text.Length > MaxLineChars ? text[..MaxLineChars] + " […]" : text;
                        output.Add($"{shownPath}{(match ? ':' : '-')}{line}{(match ? ':' : '-')}{clipped}");
                        previous = line;
                    }

                    break;
            }
        }

        if (output.Count == 0)
            return Task.FromResult(ToolResult.Ok($"No matches in {files.Count} files."));
        var limit = Int("head_limit") ?? DefaultHeadLimit;
        var rendered = string.Join('\n', output.Take(limit));
        if (output.Count > limit)
            rendered += string.Create(CultureInfo.InvariantCulture, $"\n[… {output.Count - limit} more lines; narrow the search or raise head_limit]");
        return Task.FromResult(ToolResult.Ok(rendered));
    }

    /// <summary>Glob match: a pattern without '/' matches the file name, otherwise the relative path.</summary>
    internal static bool GlobMatch(string glob, string relative) =>
        glob.Contains('/', StringComparison.Ordinal)
            ? IgnoreRule.Parse("/" + glob.TrimStart('/'))!.Matches(relative, false)
            : IgnoreRule.Parse(glob)!.Matches(Path.GetFileName(relative), false);
}
