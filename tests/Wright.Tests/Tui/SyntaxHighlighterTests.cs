using Wright.Cli.Interactive;

namespace Wright.Tests.Tui;

public sealed class SyntaxHighlighterTests
{
    private static readonly Ansi Color = new(true);

    private static string K(string s) => "\u001b[35m" + s + "\u001b[0m";

    private static string S(string s) => "\u001b[32m" + s + "\u001b[0m";

    private static string C(string s) => "\u001b[2m" + s + "\u001b[0m";

    private static string N(string s) => "\u001b[33m" + s + "\u001b[0m";

    private static string Cy(string s) => "\u001b[36m" + s + "\u001b[0m";

    [Fact]
    public void Block_comments_and_triple_quoted_strings_span_lines()
    {
        var go = SyntaxHighlighter.For("go", Color)!;
        Assert.Equal(K("func") + " \u001b[34mmain\u001b[0m() " + C("/* starts"), go.Highlight("func main() /* starts"));
        Assert.Equal(C("still */") + " " + K("return"), go.Highlight("still */ return"));

        var python = SyntaxHighlighter.For("python", Color)!;
        Assert.Equal("x = " + S("\"\"\"doc"), python.Highlight("x = \"\"\"doc"));
        Assert.Equal(S("end\"\"\"") + " " + C("# note"), python.Highlight("end\"\"\" # note"));
    }

    [Fact]
    public void Shell_yaml_sql_and_rust_have_their_own_rules()
    {
        var sh = SyntaxHighlighter.For("bash", Color)!;
        Assert.Equal(K("export") + " A=" + Cy("$HOME") + " " + C("# home"), sh.Highlight("export A=$HOME # home"));
        Assert.Equal("echo a#b", sh.Highlight("echo a#b").Replace(K("echo"), "echo", StringComparison.Ordinal));

        var yaml = SyntaxHighlighter.For("yml", Color)!;
        Assert.Equal("  - " + Cy("name") + ": " + S("\"x\"") + " " + C("# c"), yaml.Highlight("  - name: \"x\" # c"));
        Assert.Equal(Cy("on") + ": " + K("true"), yaml.Highlight("on: true"));

        var sql = SyntaxHighlighter.For("SQL", Color)!;
        Assert.Equal(K("SELECT") + " * " + K("from") + " t " + K("WHERE") + " a = " + S("'it''s'") + " " + C("-- x"),
            sql.Highlight("SELECT * from t WHERE a = 'it''s' -- x"));

        var rust = SyntaxHighlighter.For("rust", Color)!;
        var python = SyntaxHighlighter.For("py", Color)!;
        Assert.Equal("#[\u001b[34mderive\u001b[0m(Debug)]", rust.Highlight("#[derive(Debug)]")); // an attribute, not a comment
        Assert.Equal(C("#[1] note"), python.Highlight("#[1] note"));
        Assert.Equal(K("let") + " n: " + K("u32") + " = " + N("0x1F") + ";", rust.Highlight("let n: u32 = 0x1F;"));
    }

    [Fact]
    public void Unknown_languages_and_no_colour_get_no_highlighter()
    {
        Assert.Null(SyntaxHighlighter.For("brainfuck", Color));
        Assert.Null(SyntaxHighlighter.For("cs", new Ansi(false)));
        Assert.NotNull(SyntaxHighlighter.For("ts {title=a.ts}", Color));
    }

    [Fact]
    public void Links_show_their_address_and_are_osc8_hyperlinks_in_colour()
    {
        var plain = new MarkdownLines(new Ansi(false));
        Assert.Equal(["See the docs (https://x.dev/a_b) or https://bare.dev/x_y_z."], plain.RenderAll("See [the docs](https://x.dev/a_b) or https://bare.dev/x_y_z.", 80));
        Assert.Equal(["https://x.dev"], plain.RenderAll("[https://x.dev](https://x.dev)", 80));

        var colored = new MarkdownLines(Color).RenderAll("[docs](https://x.dev)", 80);
        Assert.Equal(["\u001b]8;;https://x.dev\u001b\\\u001b[4mdocs\u001b[0m\u001b]8;;\u001b\\" + C(" (https://x.dev)")], colored);
        Assert.Equal(TextWidth.Of("docs (https://x.dev)"), TextWidth.Of(colored[0]));
    }

    [Fact]
    public void A_bold_span_lasts_past_the_inline_code_inside_it()
    {
        var markdown = new MarkdownLines(Color);
        Assert.Equal("\u001b[1mrun \u001b[36mmake\u001b[0m\u001b[1m now\u001b[0m", markdown.Inline("**run `make` now**"));
        Assert.Equal("plain \u001b[3mem\u001b[0m", markdown.Inline("plain *em*"));
        Assert.Equal(["run make now"], new MarkdownLines(new Ansi(false)).RenderAll("**run `make` now**", 80));
    }
}
