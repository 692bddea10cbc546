using System.Text;
using System.Text.Json;
using Wright.Core.Tools;
using Wright.Tests.Support;
using Wright.Tools.Search;

namespace Wright.Tests.Tools.Search;

/// <summary>
/// grep's byte path (UTF-8 and Latin-1 files searched as raw bytes, only candidate lines decoded) against its decoded
/// path on files made to catch the differences: every output equals the decoded path's, byte for byte.
/// </summary>
public sealed class ByteSearchTests : IDisposable
{
    private static readonly byte[] Utf8Bom = [0xEF, 0xBB, 0xBF];
    private readonly ToolTestContext _ctx = new();

    public ByteSearchTests()
    {
        void Make(string path, params byte[][] parts) => File.WriteAllBytes(Path.Combine(_ctx.Workspace, path), [.. parts.SelectMany(p => p)]);
        static byte[] U(string s) => Encoding.UTF8.GetBytes(s);

        Make("end.txt", U("first line\nsecond\nthe needle at the end"));
        Make("crlf.txt", U("needle crlf\r\nplain\r\nError here\r\n"));
        // Latin-1: é as one byte 0xE9, which is not UTF-8, so the whole file decodes as Latin-1.
        Make("latin1.txt", U("caf"), [0xE9], U(" needle\nplain needle\n"));
        // Valid UTF-8 in its first 64 KB, an invalid byte after: the non-ASCII line must decode as Latin-1.
        Make("late-invalid.txt", U("é needle\n"), U(new string('x', 70_000) + "\n"), [0xFF], U("\nlast needle\n"));
        // A large file whose first matching line is ASCII: files mode settles it from its first 64 KB.
        Make("early.txt", U("an ascii needle\n"), U(string.Concat(Enumerable.Repeat("filler line\n", 8000))), [0xFF, 0x0A]);
        Make("utf8.txt", U("naïve needle\nÉRROR in caps\nstraße needle\nSTRASSE\nKelvin \u212Aelvin\n中文 needle 中文\n"));
        Make("bom.txt", Utf8Bom, U("needle after bom\n"), [0xC3, 0x28], U(" broken needle\n"));
        // Literals across the 8 KB and 64 KB read boundaries.
        Make("boundary.txt", U(new string('a', 8190) + "needle\n" + new string('b', 65_530) + "needle" + "\n"));
        Make("long.txt", U(new string('y', 200_000) + " needle " + new string('z', 1000) + "\nshort needle\n"));
        Make("context.txt", U(string.Concat(Enumerable.Range(1, 30).Select(i => i % 7 == 0 ? $"line {i} needle\n" : $"line {i}\n"))));
        Make("alternation.txt", U("public class Foo\nstruct bar\nenum Baz { }\nclass\n  struct   Qux\n"));
        // Files over 256 KB are first scanned through a fixed buffer (8 KB, or 64 KB in files mode, then 256 KB less the
        // 5 bytes kept): a needle straddling the second chunk's end, the only one in the file.
        Make("straddle-content.txt", U(Filler(8192 + (256 * 1024) - 5 - 3) + "needle\n" + Filler(300_000)));
        Make("straddle-files.txt", U(Filler(65_536 + (256 * 1024) - 5 - 3) + "needle\n" + Filler(1000)));
        Make("large-none.txt", U(Filler(600_000)));
        Make("empty.txt");
        Make("newline-only.txt", U("\n\n"));
    }

    public void Dispose() => _ctx.Dispose();

    /// <summary>Lines of x, exactly <paramref name="length"/> bytes, the last without its newline.</summary>
    private static string Filler(int length) =>
        string.Concat(Enumerable.Range(0, length / 64).Select(_ => new string('x', 63) + "\n")) + new string('x', length % 64);

    public static TheoryData<string, bool> Patterns => new()
    {
        { "needle", false },
        { "NEEDLE", true },
        { "caf. needle", false },
        { "[é] needle", false },
        { "é needle", false },
        { "\\berror\\b", true },
        { "straße", true },
        { "kelvin", true },
        { "Érror", true },
        { "\\b(class|struct|enum)\\s+[A-Z]\\w*", false },
        { "(?i)STRUCT|enum", false },
        { "needle$", false },
        { "^line \\d+ needle", false },
        { "the needle at the end", false },
        { "broken needle", false },
        { "ab", false },
    };

    [Theory]
    [MemberData(nameof(Patterns))]
    public async Task Every_mode_gives_what_the_decoded_path_gives(string pattern, bool ignoreCase)
    {
        foreach (var (mode, context) in new[] { ("content", 0), ("content", 2), ("files_with_matches", 0), ("count", 0) })
        {
            var json = JsonSerializer.Serialize(
                new Dictionary<string, object> { ["pattern"] = pattern, ["case_insensitive"] = ignoreCase, ["output_mode"] = mode, ["context"] = context, ["head_limit"] = 100_000 },
                TestJson.Default.DictionaryStringObject);
            var bytes = await Grep(json, byteSearch: true);
            var decoded = await Grep(json, byteSearch: false);

            Assert.False(bytes.IsError, bytes.Content);
            Assert.Equal(decoded.Content, bytes.Content);
        }
    }

    [Fact]
    public async Task Edge_lines_are_found_and_shown_as_decoded()
    {
        var content = (await Grep("""{"pattern":"needle","head_limit":1000}""", byteSearch: true)).Content.Split('\n');
        var across = (await Grep("""{"pattern":"aneedle$|bneedle$","path":"boundary.txt","output_mode":"count"}""", byteSearch: true)).Content;

        Assert.Contains("end.txt:3:the needle at the end", content);
        Assert.Contains("crlf.txt:1:needle crlf", content);
        Assert.Contains("latin1.txt:1:café needle", content);
        Assert.Contains("late-invalid.txt:1:Ã© needle", content);
        Assert.Contains("bom.txt:2:\uFFFD( broken needle", content);
        Assert.Contains("boundary.txt:1:" + new string('a', 500) + " […]", content);
        Assert.Contains("boundary.txt:2:" + new string('b', 500) + " […]", content);
        Assert.Contains("long.txt:1:" + new string('y', 500) + " […]", content);
        Assert.Contains("long.txt:2:short needle", content);
        Assert.Contains("utf8.txt:6:中文 needle 中文", content);
        Assert.Equal("boundary.txt:2", across);
        Assert.Contains("straddle-content.txt:1", (await Grep("""{"pattern":"needle","output_mode":"count"}""", byteSearch: true)).Content.Split('\n'));
        Assert.Contains("straddle-files.txt", (await Grep("""{"pattern":"needle","output_mode":"files_with_matches"}""", byteSearch: true)).Content.Split('\n'));
    }

    [Fact]
    public async Task Files_mode_decides_a_non_ascii_line_only_with_the_whole_file()
    {
        // "é needle" is in late-invalid.txt's bytes, but the file is Latin-1, where that line reads "Ã© needle";
        // latin1.txt's 0xE9 is é in Latin-1.
        var files = (await Grep("""{"pattern":"[é] needle","output_mode":"files_with_matches"}""", byteSearch: true)).Content;
        var kelvin = (await Grep("""{"pattern":"kelvin","case_insensitive":true,"output_mode":"count"}""", byteSearch: true)).Content;
        var early = (await Grep("""{"pattern":"ascii needle","output_mode":"files_with_matches"}""", byteSearch: true)).Content;

        Assert.Equal("latin1.txt", files);
        Assert.Equal("utf8.txt:1", kelvin);
        Assert.Equal("early.txt", early);
    }

    [Fact]
    public async Task Caseless_byte_search_finds_every_case_at_every_offset()
    {
        // Every offset within and across the 16-byte vectors, mixed case, with near misses around it.
        var lines = Enumerable.Range(0, 40).Select(i => new string('.', i) + (i % 2 == 0 ? "eRrOr" : "ERROR") + " errr erro" + new string('-', 40 - i)).ToList();
        File.WriteAllText(Path.Combine(_ctx.Workspace, "cases.txt"), string.Join("\n", lines));

        var count = await Grep("""{"pattern":"error","case_insensitive":true,"path":"cases.txt","output_mode":"count"}""", byteSearch: true);

        Assert.Equal("cases.txt:40", count.Content);
    }

    private async Task<ToolResult> Grep(string json, bool byteSearch) =>
        await new GrepTool { ByteSearch = byteSearch }.InvokeAsync(JsonDocument.Parse(json).RootElement, _ctx.Context, TestContext.Current.CancellationToken);
}
