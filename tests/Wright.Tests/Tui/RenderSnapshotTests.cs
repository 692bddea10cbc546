using Spectre.Console.Testing;
using Wright.Cli.Interactive;
using Wright.Core.Events;

namespace Wright.Tests.Tui;

/// <summary>
/// Realistic event sequences rendered into Spectre's TestConsole (through its output writer) at 80 columns and
/// compared with the snapshots under Tui/Snapshots: plain (a pipe or NO_COLOR) and with ANSI on a terminal.
/// </summary>
public sealed class RenderSnapshotTests
{
    private const string Answer = """
        ## 登录方案对比

        Here is the [summary](https://example.com/docs) of the options:

        | 方案 | Latency | Notes |
        |:-----|--------:|:-----:|
        | 会话令牌 | 12 ms | **fast** 🚀 |
        | OAuth | 120 ms | `refresh` 需要刷新 |

        Done.

        """;

    private const string Code = """
        ```cs
        // Program entry
        var name = "wright"; return 42;
        ```
        ```python
        def f(x):  # doubles
            return x * 2
        ```
        ```json
        {"key": "value", "n": 1, "ok": true}
        ```
        ```diff
        -old line
        +new line
        ```
        ```unknownlang
        plain text 123 "as is"
        ```

        """;

    [Fact]
    public void Turn_plain()
    {
        var (console, renderer, time) = Setup(terminal: false, color: false);
        Play(renderer, time);
        Snapshot.Match("turn.plain", console.Output);
        Assert.DoesNotContain("\u001b", console.Output);
        AssertTablesAligned(console.Output);
    }

    [Fact]
    public void Turn_ansi_on_a_terminal()
    {
        var (console, renderer, time) = Setup(terminal: true, color: true);
        Play(renderer, time);
        Snapshot.Match("turn.ansi", console.Output);
    }

    [Fact]
    public void Code_blocks_are_coloured_by_language_and_plain_without_colour()
    {
        var (console, renderer, _) = Setup(terminal: true, color: true);
        renderer.Handle(new TextDelta(Code));
        renderer.Settle();
        Snapshot.Match("code.ansi", console.Output);
        var output = console.Output;
        Assert.Contains("\u001b[35mvar\u001b[0m", output); // keyword
        Assert.Contains("\u001b[32m\"wright\"\u001b[0m", output); // string
        Assert.Contains("\u001b[2m// Program entry\u001b[0m", output); // comment
        Assert.Contains("\u001b[33m42\u001b[0m", output); // number
        Assert.Contains("\u001b[36m\"key\"\u001b[0m", output); // JSON key
        Assert.Contains("\u001b[31m-old line\u001b[0m", output);
        Assert.Contains("\u001b[32m+new line\u001b[0m", output);
        Assert.Contains("│ \u001b[0mplain text 123 \"as is\"", output); // an unknown language stays plain

        var plain = new MarkdownLines(new Ansi(false)).RenderAll(Code, 80);
        var source = Code.Split('\n').Where(l => !l.StartsWith("```", StringComparison.Ordinal) && l.Length > 0);
        Assert.Equal(source.Select(l => "│ " + l), plain.Where(r => r.StartsWith("│ ", StringComparison.Ordinal)));
    }

    [Fact]
    public void A_wide_table_shrinks_to_the_terminal_and_wraps_its_cells()
    {
        var markdown = new MarkdownLines(new Ansi(true));
        var long1 = string.Concat(Enumerable.Repeat("登录超时的原因是会话令牌过期", 3));
        var rows = markdown.RenderAll($"| Name | Description |\n|---|---|\n| **token** | **{long1}** and then some more English words to wrap |\n| `x` | 短 |", 80);
        var console = new TestConsole().Width(80);
        console.EmitAnsiSequences = true;
        foreach (var row in rows)
            console.Profile.Out.Writer.Write(row + "\n");
        Snapshot.Match("table.wide", console.Output);
        Assert.All(rows, row => Assert.Equal(80, TextWidth.Of(row)));
        // A bold cell that wraps closes its style before the border and opens it again on the next row.
        var bold = rows.Where(r => r.Contains('登') || r.Contains('令')).ToList();
        Assert.True(bold.Count >= 2, string.Join("\n", rows));
        Assert.All(bold, r => Assert.Contains("\u001b[2m│\u001b[0m \u001b[1m", r));
    }

    [Fact]
    public void Tool_output_is_cut_to_a_few_lines_and_expand_prints_it_all()
    {
        var (console, renderer, _) = Setup(terminal: false, color: false);
        var listing = string.Join("\n", Enumerable.Range(1, 9).Select(i => $"file{i}.cs"));
        renderer.Handle(new ToolCallRequested("c1", "shell", """{"command":"ls src"}"""));
        renderer.Handle(new ToolCallFinished("c1", "shell", ToolCallStatus.Ok, listing, 1234));
        renderer.Handle(new ToolCallRequested("c2", "read_file", """{"path":"a.txt"}"""));
        renderer.Handle(new ToolCallFinished("c2", "read_file", ToolCallStatus.Ok, "one line \u001b[31mred\u001b[0m", 5));
        renderer.Handle(new RunFinished(RunStatus.Success, "", 1, TokenUsage.Zero, null, 10));
        renderer.Expand();
        var lines = console.Output.Split('\n');
        Assert.Equal("✓ shell ls src  1.2 s", lines[1]);
        Assert.Equal(["    file1.cs", "    file2.cs", "    file3.cs", "    file4.cs", "    file5.cs", "    … +4 lines (ctrl-o to expand)"], lines[2..8]);
        Assert.Equal("    one line [31mred[0m", lines[10]); // escapes from a tool never reach the terminal
        Assert.Equal("✓ shell ls src  1.2 s", lines[11]);
        Assert.Equal(listing.Split('\n').Select(l => "    " + l), lines[12..21]);
        Snapshot.Match("tool.expand", console.Output);

        // The next run starts a new list: nothing was cut, so there is nothing to expand.
        renderer.Handle(new TextDelta("ok\n"));
        renderer.Expand();
        Assert.EndsWith("Nothing to expand: the last turn's reasoning and tool output are shown in full.\n", console.Output);
    }

    [Fact]
    public void Reasoning_streams_as_one_live_line_and_collapses_to_a_summary()
    {
        var (console, renderer, time) = Setup(terminal: true, color: false);
        renderer.Handle(new ReasoningDelta("First I read the code. "));
        time.Advance(1.5);
        renderer.Handle(new ReasoningDelta("Then 修改 two files."));
        time.Advance(1.7);
        renderer.Handle(new TextDelta("Answer.\n"));
        Assert.Equal(
            "\r\u001b[2K✻ First I read the code." + "\r\u001b[2K✻ First I read the code. Then 修改 two files." + "\r\u001b[2K"
            + "✻ Thought for 3.2s · 10 words (ctrl-o to expand)\n" + "Answer.\r\u001b[JAnswer.\n",
            console.Output);

        var (pipe, piped, _) = Setup(terminal: false, color: false);
        piped.Handle(new ReasoningDelta("thinking hard"));
        piped.Handle(new ToolCallRequested("c1", "shell", """{"command":"ls"}"""));
        piped.Expand();
        Assert.Equal("✻ Thought for 0.0s · 2 words (ctrl-o to expand)\n● shell ls\n✻ Thinking\n    thinking hard\n", pipe.Output);
    }

    [Fact]
    public void A_table_streaming_on_a_terminal_shows_raw_rows_then_replaces_them()
    {
        var (console, renderer, _) = Setup(terminal: true, color: false);
        renderer.Handle(new TextDelta("| a | b |\n|---|---|\n| 1 | 2 |\nafter\n"));
        var output = console.Output;
        // Each raw row is shown (dimmed when in colour) as it completes; the table replaces the three of them.
        Assert.Contains("| 1 | 2 |\nafter\r\u001b[J\u001b[3A\r\u001b[J┌───┬───┐\n│ a │ b │\n├───┼───┤\n│ 1 │ 2 │\n└───┴───┘\nafter\n", output);
    }

    [Fact]
    public void A_long_table_shows_its_first_raw_rows_then_a_running_count_and_is_drawn_whole()
    {
        var (console, renderer, _) = Setup(terminal: true, color: false);
        renderer.Handle(new TextDelta("| n | 值 |\n|---|---|\n"));
        for (var i = 1; i <= 30; i++)
            renderer.Handle(new TextDelta($"| {i} | 值{i} |\n"));
        var streaming = console.Output;
        Assert.Contains("| 10 | 值10 |\n", streaming);
        // Row 11 streams as the current line, then gives way to the count instead of staying on screen.
        Assert.DoesNotContain("| 11 | 值11 |\n", streaming);
        Assert.Contains("… 1 more table row\n", streaming);
        Assert.Contains("\u001b[1A\r\u001b[2K… 20 more table rows\n", streaming);

        renderer.Handle(new TextDelta("done\n"));
        var output = console.Output[streaming.Length..];
        // The 12 raw rows (header, separator, ten rows) and the count line are erased and the whole table drawn.
        Assert.StartsWith("done\r\u001b[J\u001b[13A\r\u001b[J┌", output);
        Assert.Contains("│ 30 │ 值30 │", output);
        Assert.EndsWith("┘\ndone\n", output);
    }

    [Fact]
    public void Fast_streams_write_each_piece_once_and_redraw_only_the_current_line()
    {
        var (console, renderer, _) = Setup(terminal: true, color: true);
        var words = Enumerable.Range(0, 20_000).Select(i => i % 15 == 14 ? $"w{i}\n" : $"w{i} ").ToList();
        foreach (var word in words)
            renderer.Handle(new TextDelta(word));
        renderer.Settle();
        var input = words.Sum(w => w.Length);
        // Each line is written raw as it streams and once more as markdown: about twice the text, never the transcript
        // again (speed itself is measured by bench/tui.sh, not asserted here).
        Assert.InRange(console.Output.Length, 2 * input - 1000, (2 * input) + (words.Count / 15 * 10));
    }

    [Fact]
    public async Task Ctrl_o_at_the_prompt_prints_above_it_and_keeps_the_line()
    {
        var keys = new ScriptedKeySource().Type("dra").Press(ConsoleKey.O, control: true).Type("ft").Enter();
        var output = new StringWriter();
        var terminal = new TerminalOutput(output, () => 80, isTerminal: true, color: false);
        var expanded = 0;
        var editor = new LineEditor(keys, terminal, new InputHistory(null)) { OnExpand = () => { expanded++; terminal.WriteLine("FULL OUTPUT"); } };
        Assert.Equal("draft", await editor.ReadAsync("› ", TestContext.Current.CancellationToken));
        Assert.Equal(1, expanded);
        // The prompt is cleared, the expansion printed above it, and the line drawn again with what was typed (keys that
        // arrive together are drawn once, so "dra" shows only with "ft").
        Assert.Contains("\r\u001b[J" + "FULL OUTPUT\n" + "\r\u001b[J› draft", output.ToString());
    }

    private static void Play(TurnRenderer renderer, FakeTime time)
    {
        renderer.Handle(new ReasoningDelta("The user wants a comparison. "));
        time.Advance(3.2);
        renderer.Handle(new ReasoningDelta("A table fits."));
        // The answer arrives in small pieces, as a stream does.
        for (var i = 0; i < Answer.Length; i += 7)
            renderer.Handle(new TextDelta(Answer.Substring(i, Math.Min(7, Answer.Length - i))));
        renderer.Handle(new ToolCallRequested("c1", "shell", """{"command":"ls -1 src"}"""));
        renderer.Handle(new ToolCallFinished("c1", "shell", ToolCallStatus.Ok, "a.cs\nb.cs\nc.cs\nd.cs\ne.cs\nf.cs\ng.cs", 1200));
        renderer.Handle(new TextDelta("Listed.\n"));
        renderer.Handle(new RunFinished(RunStatus.Success, "", 1, TokenUsage.Zero, null, 10));
        renderer.Expand();
    }

    private static void AssertTablesAligned(string output)
    {
        var rows = output.Split('\n').Where(r => r.Length > 0 && r[0] is '┌' or '│' or '├' or '└').ToList();
        Assert.Equal(6, rows.Count);
        Assert.All(rows, r => Assert.Equal(TextWidth.Of(rows[0]), TextWidth.Of(r)));
    }

    private static (TestConsole Console, TurnRenderer Renderer, FakeTime Time) Setup(bool terminal, bool color)
    {
        var console = new TestConsole().Width(80);
        console.EmitAnsiSequences = color;
        var time = new FakeTime();
        var output = new TerminalOutput(console.Profile.Out.Writer, () => console.Profile.Width, terminal, color);
        return (console, new TurnRenderer(output, time), time);
    }

    private sealed class FakeTime : TimeProvider
    {
        private long _ticks;

        public override long TimestampFrequency => TimeSpan.TicksPerSecond;

        public override long GetTimestamp() => _ticks;

        public void Advance(double seconds) => _ticks += (long)(seconds * TimeSpan.TicksPerSecond);
    }
}
