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

    /// <summary>Whether UTF-8 and Latin-1 files may be searched as raw bytes (off only to compare with the decoded path in tests).</summary>
    internal bool ByteSearch { get; init; } = true;

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
        FileStat? rootKind;
        try
        {
            rootKind = WorkspaceFs.Stat(root, context.Workspace);
        }
        catch (UnsafePathException ex)
        {
            return Task.FromResult(ToolResult.Error($"Error: {ex.Message}."));
        }

        if (rootKind is null)
            return Task.FromResult(ToolResult.Error($"Error: {WorkspacePaths.Show(root, context.Workspace)} does not exist."));
        string[]? extensions = null;
        if (Str("type") is { } type && !Types.TryGetValue(type, out extensions))
            return Task.FromResult(ToolResult.Error($"Error: unknown type '{type}'. Known: {string.Join(", ", Types.Keys.Order(StringComparer.Ordinal))}."));
        var globMatch = Str("glob") is { } glob ? GlobMatcher(glob) : null;
        var mode = Str("output_mode") ?? "content";
        var query = new GrepQuery(regex, textRegex, literals, multiline, FirstOnly: mode == "files_with_matches",
            mode == "content" ? Int("context") ?? 0 : null, file => WorkspacePaths.Show(file, context.Workspace), Int("head_limit") ?? DefaultHeadLimit,
            ByteSearch, LiteralOnly: literals?.IsExactly(pattern) == true && pattern.AsSpan().IndexOfAny(@"\.^$|?*+()[]{}#") < 0);
        var found = new List<(string Path, FileMatches Matches)>();
        var searched = 0;
        void Add(string file, FileMatches? matches)
        {
            Interlocked.Increment(ref searched);
            if (matches is not null)
            {
                lock (found)
                    found.Add((file, matches));
            }
        }

        try
        {
            if (!rootKind.Value.IsDirectory)
            {
                using var handle = WorkspaceFs.OpenRead(root, context.Workspace, out var stat, out _);
                using var source = FileSource.Wrap(handle, stat.Size);
                using var searcher = new FileSearcher(query);
                Add(root, searcher.Search(source, root));
            }
            else
            {
                using var folder = WorkspaceFs.OpenDirectory(root, context.Workspace);
                var walkRoot = folder.FullPath;
                WorkspaceWalker.ForEachFile(folder, Environment.ProcessorCount, () => new FileSearcher(query), (dir, name, file, searcher) =>
                {
                    if ((extensions is null || extensions.Contains(Path.GetExtension(name), StringComparer.OrdinalIgnoreCase))
                        && (globMatch is null || globMatch(Path.GetRelativePath(walkRoot, file))))
                        Add(file, searcher.Search(dir, name, file));
                }, cancellationToken);
            }
        }
        catch (UnsafePathException ex)
        {
            return Task.FromResult(ToolResult.Error($"Error: {ex.Message}."));
        }
        catch (RegexMatchTimeoutException)
        {
            return Task.FromResult(ToolResult.Error("Error: the regex took too long (catastrophic backtracking?); simplify it."));
        }

        if (found.Count == 0)
            return Task.FromResult(ToolResult.Ok($"No matches in {searched} files."));
        found.Sort((a, b) => string.CompareOrdinal(a.Path, b.Path));
        var limit = query.HeadLimit;
        var pieces = new List<string>();
        var total = 0;
        var length = 0;
        foreach (var (file, matches) in found)
        {
            var (block, lines) = mode switch
            {
                "files_with_matches" => (query.Show(file) + "\n", 1),
                "count" => (string.Create(CultureInfo.InvariantCulture, $"{query.Show(file)}:{matches.Count}\n"), 1),
                _ => (matches.Block!, matches.BlockLines),
            };
            if (total < limit)
            {
                var piece = lines <= limit - total ? block : block[..LinesLength(block, limit - total)];
                pieces.Add(piece);
                length += piece.Length;
            }

            total += lines;
        }

        // One copy into the result (no final newline), however large the output.
        var trailer = total > limit ? string.Create(CultureInfo.InvariantCulture, $"\n[… {total - limit} more lines; narrow the search or raise head_limit]") : "";
        var rendered = string.Create(length - 1 + trailer.Length, (pieces, trailer), static (span, state) =>
        {
            foreach (var piece in state.pieces)
            {
                var take = Math.Min(piece.Length, span.Length - state.trailer.Length);
                piece.AsSpan(0, take).CopyTo(span);
                span = span[take..];
            }

            state.trailer.AsSpan().CopyTo(span);
        });
        return Task.FromResult(ToolResult.Ok(rendered));
    }

    /// <summary>The length of the first <paramref name="count"/> '\n'-terminated lines of a block.</summary>
    private static int LinesLength(string block, int count)
    {
        var length = 0;
        for (var i = 0; i < count; i++)
            length += block.AsSpan(length).IndexOf('\n') + 1;
        return length;
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
