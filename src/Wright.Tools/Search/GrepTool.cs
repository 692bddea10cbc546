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
    private static readonly TimeSpan MatchTimeout = TimeSpan.FromSeconds(2);

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
        var pattern = Str("pattern")!;
        var options = RegexOptions.CultureInvariant | (Flag("case_insensitive") ? RegexOptions.IgnoreCase : 0) | (multiline ? RegexOptions.Multiline | RegexOptions.Singleline : 0);
        Regex regex;
        Regex? textRegex;
        try
        {
            regex = new Regex(pattern, options, MatchTimeout);
            // Line mode scans the whole text with ^/$ at line ends and checks only candidate lines (see FileSearcher).
            textRegex = !multiline && FileSearcher.IsLineSafe(pattern) ? new Regex(pattern, options | RegexOptions.Multiline, MatchTimeout) : null;
        }
        catch (ArgumentException ex)
        {
            return Task.FromResult(ToolResult.Error($"Error: invalid regex: {ex.Message}"));
        }

        // Lines holding none of the pattern's required literals cannot match, so they are never given to the regex.
        var literals = RequiredLiterals.Find(pattern, Flag("case_insensitive"));

        var root = WorkspacePaths.Resolve(Str("path") ?? ".", context.Workspace);
        if (!Directory.Exists(root) && !File.Exists(root))
            return Task.FromResult(ToolResult.Error($"Error: {WorkspacePaths.Show(root, context.Workspace)} does not exist."));
        string[]? extensions = null;
        if (Str("type") is { } type && !Types.TryGetValue(type, out extensions))
            return Task.FromResult(ToolResult.Error($"Error: unknown type '{type}'. Known: {string.Join(", ", Types.Keys.Order(StringComparer.Ordinal))}."));
        var globMatch = Str("glob") is { } glob ? GlobMatcher(glob) : null;
        var files = File.Exists(root)
            ? [root]
            : WorkspaceWalker.Walk(root, int.MaxValue, includeHidden: false, metadata: false, cancellationToken).Where(e => !e.IsDirectory).Select(e => e.Path)
                .Where(p => extensions is null || extensions.Contains(Path.GetExtension(p), StringComparer.OrdinalIgnoreCase))
                .Where(p => globMatch is null || globMatch(Path.GetRelativePath(root, p)))
                .ToList();

        var mode = Str("output_mode") ?? "content";
        var contextLines = Int("context") ?? 0;
        var results = new FileMatches?[files.Count];
        try
        {
            Parallel.For(0, files.Count, new ParallelOptions { CancellationToken = cancellationToken, MaxDegreeOfParallelism = Environment.ProcessorCount },
                () => new FileSearcher(regex, textRegex, literals, multiline),
                (i, _, searcher) =>
                {
                    results[i] = searcher.Search(files[i], firstOnly: mode == "files_with_matches", mode == "content" ? contextLines : null);
                    return searcher;
                },
                static _ => { });
        }
        catch (RegexMatchTimeoutException)
        {
            return Task.FromResult(ToolResult.Error("Error: the regex took too long (catastrophic backtracking?); simplify it."));
        }
        catch (AggregateException ex) when (ex.InnerExceptions.All(e => e is RegexMatchTimeoutException))
        {
            return Task.FromResult(ToolResult.Error("Error: the regex took too long (catastrophic backtracking?); simplify it."));
        }

        var order = Enumerable.Range(0, files.Count).Where(i => results[i] is not null).Order(Comparer<int>.Create((x, y) => string.CompareOrdinal(files[x], files[y])));
        var output = new List<string>();
        foreach (var i in order)
        {
            var shownPath = WorkspacePaths.Show(files[i], context.Workspace);
            switch (mode)
            {
                case "files_with_matches":
                    output.Add(shownPath);
                    break;
                case "count":
                    output.Add(string.Create(CultureInfo.InvariantCulture, $"{shownPath}:{results[i]!.Lines.Count}"));
                    break;
                default:
                    var previous = -1;
                    foreach (var (line, text, match) in results[i]!.Shown!)
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
    internal static bool GlobMatch(string glob, string relative) => GlobMatcher(glob)(relative);

    /// <summary>A glob compiled once, for matching many relative paths (see <see cref="GlobMatch"/>).</summary>
    internal static Func<string, bool> GlobMatcher(string glob)
    {
        if (glob.Contains('/', StringComparison.Ordinal))
        {
            var rule = IgnoreRule.Parse("/" + glob.TrimStart('/'));
            return relative => rule?.Matches(relative, false) == true;
        }

        var nameRule = IgnoreRule.Parse(glob);
        return relative => nameRule?.Matches(Path.GetFileName(relative), false) == true;
    }
}
