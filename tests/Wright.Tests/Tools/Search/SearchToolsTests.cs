using System.Diagnostics;
using System.Text;
using System.Text.Json;
using Wright.Core.Tools;
using Wright.Tests.Support;
using Wright.Tools.Search;

namespace Wright.Tests.Tools.Search;

/// <summary>grep/glob/list_dir, with grep's match set checked against ripgrep on a tree with tricky ignore rules.</summary>
public sealed class SearchToolsTests : IDisposable
{
    private readonly ToolTestContext _ctx = new();

    public SearchToolsTests()
    {
        void Make(string path, string text)
        {
            var full = Path.Combine(_ctx.Workspace, path);
            Directory.CreateDirectory(Path.GetDirectoryName(full)!);
            File.WriteAllText(full, text);
        }

        Directory.CreateDirectory(Path.Combine(_ctx.Workspace, ".git", "info"));
        Make(".git/info/exclude", "excluded-by-info.txt\n");
        Make(".gitignore", "*.log\n!keep.log\n/build\nnode_modules/\ndocs/*.tmp\n# comment\n\\#hash.txt\n");
        Make(".ignore", "ignored-by-dotignore.txt\n");
        Make("src/a.cs", "needle one\nfoo\nbar needle\n");
        Make("src/b.log", "needle in log\n");
        Make("keep.log", "needle kept\n");
        Make("build/out.txt", "needle build\n");
        Make("src/build/x.txt", "needle nested build\n");
        Make("node_modules/m.js", "needle module\n");
        Make("docs/n.tmp", "needle tmp\n");
        Make("docs/deep/n.tmp", "needle deep tmp\n");
        Make(".hidden/h.txt", "needle hidden\n");
        Make("ignored-by-dotignore.txt", "needle dotignore\n");
        Make("excluded-by-info.txt", "needle info\n");
        Make("sub/.gitignore", "*.txt\n!important.txt\n");
        Make("sub/x.txt", "needle sub\n");
        Make("sub/important.txt", "needle important\n");
        Make("#hash.txt", "needle hash\n");
        Make("crlf.txt", "needle crlf\r\nfoo\r\n");
        Make("目录/文件.txt", "needle 中文\n");
        File.WriteAllBytes(Path.Combine(_ctx.Workspace, "bin.dat"), [.. Encoding.UTF8.GetBytes("needle"), 0, 1, 2]);
        File.CreateSymbolicLink(Path.Combine(_ctx.Workspace, "link"), Path.Combine(_ctx.Workspace, "src"));
    }

    public void Dispose() => _ctx.Dispose();

    private async Task<ToolResult> Grep(string json) =>
        await new GrepTool().InvokeAsync(JsonDocument.Parse(json).RootElement, _ctx.Context, TestContext.Current.CancellationToken);

    private string[] Rg(params string[] args)
    {
        var psi = new ProcessStartInfo("rg") { WorkingDirectory = _ctx.Workspace, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var a in new[] { "--no-config", "--no-heading", "--color", "never" }.Concat(args))
            psi.ArgumentList.Add(a);
        using var process = Process.Start(psi)!;
        var output = process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        return [.. output.Split('\n', StringSplitOptions.RemoveEmptyEntries).Order(StringComparer.Ordinal)];
    }

    private static string[] PathLine(string output) =>
        [.. output.Split('\n').Where(l => l.Length > 0 && !l.StartsWith('[')).Select(l => string.Join(':', l.Split(':').Take(2))).Order(StringComparer.Ordinal)];

    [Theory]
    [InlineData("needle", false)]
    [InlineData("^foo$", false)]
    [InlineData("needle (one|crlf)", false)]
    [InlineData("中文", false)]
    [InlineData("NEEDLE", true)]
    public async Task The_match_set_equals_ripgreps(string pattern, bool ignoreCase)
    {
        var rgArgs = new List<string> { "-n" };
        if (ignoreCase)
            rgArgs.Add("-i");
        rgArgs.Add(pattern);
        var expected = Rg([.. rgArgs]).Select(l => string.Join(':', l.Split(':').Take(2))).Order(StringComparer.Ordinal).ToArray();
        var json = JsonSerializer.Serialize(new Dictionary<string, object> { ["pattern"] = pattern, ["case_insensitive"] = ignoreCase }, TestJson.Default.DictionaryStringObject);
        var ours = PathLine((await Grep(json)).Content);

        Assert.NotEmpty(expected);
        Assert.Equal(expected, ours);
    }

    [Fact]
    public async Task Files_and_counts_equal_ripgreps()
    {
        var files = (await Grep("""{"pattern":"needle","output_mode":"files_with_matches"}""")).Content.Split('\n').Order(StringComparer.Ordinal);
        var counts = (await Grep("""{"pattern":"needle","output_mode":"count"}""")).Content.Split('\n').Order(StringComparer.Ordinal);

        Assert.Equal(Rg("-l", "needle"), files);
        Assert.Equal(Rg("-c", "needle"), counts);
    }

    [Fact]
    public async Task Context_glob_type_head_limit_and_bad_regex()
    {
        var context = await Grep("""{"pattern":"^foo$","path":"src","context":1}""");
        Assert.Equal("src/a.cs-1-needle one\nsrc/a.cs:2:foo\nsrc/a.cs-3-bar needle", context.Content);
        Assert.Equal("src/a.cs", (await Grep("""{"pattern":"needle","type":"cs","output_mode":"files_with_matches"}""")).Content);
        Assert.Equal("src/build/x.txt", (await Grep("""{"pattern":"needle","glob":"src/**/*.txt","output_mode":"files_with_matches"}""")).Content);
        Assert.Contains("more lines", (await Grep("""{"pattern":"needle","head_limit":2}""")).Content);
        var bad = await Grep("""{"pattern":"(unclosed"}""");
        Assert.True(bad.IsError);
        Assert.StartsWith("Error: invalid regex", bad.Content);
    }

    [Fact]
    public async Task Glob_and_list_dir_honour_the_same_rules()
    {
        var glob = await new GlobTool().InvokeAsync(JsonDocument.Parse("""{"pattern":"**/*.txt"}""").RootElement, _ctx.Context, TestContext.Current.CancellationToken);
        var files = glob.Content.Split('\n');
        Assert.Contains("src/build/x.txt", files);
        Assert.Contains("sub/important.txt", files);
        Assert.DoesNotContain("sub/x.txt", files);
        Assert.DoesNotContain("build/out.txt", files);
        Assert.DoesNotContain(".hidden/h.txt", files);

        var tree = await new ListDirTool().InvokeAsync(JsonDocument.Parse("""{"depth":1}""").RootElement, _ctx.Context, TestContext.Current.CancellationToken);
        Assert.Contains("  src/", tree.Content);
        Assert.Contains("  keep.log (12 B)", tree.Content);
        Assert.DoesNotContain("node_modules", tree.Content);
        Assert.DoesNotContain(".git", tree.Content);
        Assert.DoesNotContain("a.cs", tree.Content);
    }

    [Fact]
    public async Task Utf16_files_with_a_bom_are_searched_and_a_named_pipe_does_not_hang_the_search()
    {
        File.WriteAllBytes(Path.Combine(_ctx.Workspace, "wide.txt"), [.. Encoding.Unicode.GetPreamble(), .. Encoding.Unicode.GetBytes("first\nwide needle 宽\n")]);
        using (var mkfifo = Process.Start("mkfifo", Path.Combine(_ctx.Workspace, "pipe.txt")))
            await mkfifo.WaitForExitAsync(TestContext.Current.CancellationToken);

        var result = await Grep("""{"pattern":"wide needle"}""").WaitAsync(TimeSpan.FromSeconds(20), TestContext.Current.CancellationToken);

        Assert.Contains("wide.txt:2:wide needle 宽", result.Content);
        Assert.DoesNotContain("pipe.txt", result.Content);
    }

    [Fact]
    public async Task One_file_with_many_matches_renders_no_more_than_head_limit_lines_but_counts_them_all()
    {
        File.WriteAllText(Path.Combine(_ctx.Workspace, "many.txt"), string.Concat(Enumerable.Range(0, 5000).Select(i => $"hit {i}\n")));

        var result = await Grep("""{"pattern":"^hit ","path":"many.txt","head_limit":5}""");

        Assert.Equal(5, result.Content.Split('\n').Count(l => l.StartsWith("many.txt:", StringComparison.Ordinal)));
        Assert.Contains("more lines", result.Content);
        Assert.Contains("many.txt:1:hit 0", result.Content);
        var count = await Grep("""{"pattern":"^hit ","path":"many.txt","output_mode":"count"}""");
        Assert.Contains("5000", count.Content);
    }
}
