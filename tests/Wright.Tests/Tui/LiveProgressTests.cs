using Wright.Cli.Interactive;
using Wright.Core.Events;

namespace Wright.Tests.Tui;

/// <summary>The live progress block: what it shows for the model and for a running tool, and how it is drawn in place.</summary>
public sealed class LiveProgressTests
{
    private static (TurnRenderer Renderer, TerminalOutput Terminal, StringWriter Output, FakeTime Time) Make(bool terminal = true)
    {
        var output = new StringWriter();
        var term = new TerminalOutput(output, () => 80, terminal, color: false);
        var time = new FakeTime();
        return (new TurnRenderer(term, time), term, output, time);
    }

    [Fact]
    public void The_model_phase_shows_a_spinner_the_elapsed_time_and_the_tokens_so_far()
    {
        var (renderer, _, _, time) = Make();
        renderer.BeginRun();
        time.Advance(12.4);
        renderer.Handle(new TextDelta(new string('x', 400)));
        var rows = renderer.ProgressRows(0, null, queued: false);
        Assert.Equal("⠋ Working… 12s · ↓ 100 tokens · esc to interrupt", Assert.Single(rows));
        renderer.Handle(new UsageReported(1, new TokenUsage(10, 250, 0, 0), 0m));
        time.Advance(63);
        Assert.Equal("⠙ Working… 1m 15s · ↓ 250 tokens · esc to interrupt", renderer.ProgressRows(1, null, queued: false)[0]);
    }

    [Fact]
    public void A_running_tool_shows_its_time_and_the_last_lines_of_its_output_as_it_arrives()
    {
        var (renderer, _, _, time) = Make();
        renderer.BeginRun();
        renderer.Handle(new ToolCallRequested("c1", "shell", """{"command":"for i in 1 2 3; do echo tick-$i; sleep 1; done"}"""));
        time.Advance(3);
        renderer.Handle(new ToolOutputDelta("c1", "tick-1\ntick-2\n"));
        renderer.Handle(new ToolOutputDelta("c1", "tick-3\ntick-4\r50%\r100%\n"));
        var rows = renderer.ProgressRows(2, null, queued: false);
        Assert.StartsWith("⠹ shell running… 3s · for i in", rows[0]);
        Assert.Equal(["  │ tick-2", "  │ tick-3", "  │ 100%"], rows.Skip(1));
        renderer.Handle(new ToolCallFinished("c1", "shell", ToolCallStatus.Ok, "tick-1", 3000));
        Assert.StartsWith("⠋ Working…", renderer.ProgressRows(0, null, queued: false)[0]);
    }

    [Fact]
    public void Type_ahead_shows_under_the_progress_and_says_whether_it_is_queued()
    {
        var (renderer, _, _, _) = Make();
        renderer.BeginRun();
        Assert.Equal("› next question (waits in the next prompt)", renderer.ProgressRows(0, "next question", queued: false)[^1]);
        Assert.Equal("› next question (queued: sent when this turn ends)", renderer.ProgressRows(0, "next question", queued: true)[^1]);
    }

    [Fact]
    public void The_live_block_is_erased_before_anything_is_written_and_never_reaches_the_scrollback()
    {
        var (_, terminal, output, _) = Make();
        terminal.WriteLine("answer line");
        terminal.SetLive(["⠋ Working…", "  │ tick"]);
        Assert.EndsWith("answer line\n\r\x1b[2K⠋ Working…\n\r\x1b[2K  │ tick\x1b[1A\r", output.ToString());
        terminal.WriteLine("next");
        Assert.EndsWith("  │ tick\x1b[1A\r\r\x1b[Jnext\n", output.ToString());
        terminal.SetLive([]);
        Assert.EndsWith("next\n", output.ToString());

        // Inside a line that still streams, the block goes under it and the cursor returns to the line's end.
        output.GetStringBuilder().Clear();
        terminal.Write("partial");
        terminal.SetLive(["⠋ Working…"]);
        Assert.Equal("partial\n\r\x1b[2K⠋ Working…\x1b[1A\r\x1b[7C", output.ToString());
        terminal.Write(" more");
        Assert.EndsWith("\x1b[7C\x1b[J more", output.ToString());
    }

    [Fact]
    public void Off_a_terminal_nothing_live_is_drawn()
    {
        var (_, terminal, output, _) = Make(terminal: false);
        terminal.SetLive(["⠋ Working…"]);
        terminal.ClearLive();
        Assert.Equal("", output.ToString());
    }

    [Fact]
    public void Last_lines_skip_blanks_and_keep_what_a_carriage_return_left()
    {
        Assert.Equal(["b", "done"], TurnRenderer.LastLines("a\n\nb\n\x1b[31mx\rdone\n\n", 2));
    }

    private sealed class FakeTime : TimeProvider
    {
        private long _ticks;

        public override long TimestampFrequency => TimeSpan.TicksPerSecond;

        public override long GetTimestamp() => _ticks;

        public void Advance(double seconds) => _ticks += (long)(seconds * TimeSpan.TicksPerSecond);
    }
}
