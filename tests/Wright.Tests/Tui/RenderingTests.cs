using Wright.Cli.Interactive;
using Wright.Core.Events;

namespace Wright.Tests.Tui;

public sealed class RenderingTests
{
    private static readonly Ansi Plain = new(false);

    [Fact]
    public void Markdown_headings_lists_code_and_inline_styles()
    {
        var markdown = new MarkdownLines(new Ansi(true));
        var rows = markdown.RenderAll("# Title\n- item with `code`\n1. **bold** step\n```cs\nvar x = 1;\n```\n> quoted", 80);
        Assert.Equal("\x1b[1m\x1b[4mTitle\x1b[0m\x1b[0m", rows[0]);
        Assert.Equal("• item with \x1b[36mcode\x1b[0m", rows[1]);
        Assert.Equal("1. \x1b[1mbold\x1b[0m step", rows[2]);
        Assert.Contains("cs", rows[3]);
        Assert.EndsWith("\x1b[35mvar\x1b[0m x = \x1b[33m1\x1b[0m;", rows[4]);
        Assert.Equal("\x1b[2m└\x1b[0m", rows[5]);
        Assert.Contains("quoted", rows[6]);

        var plain = new MarkdownLines(Plain).RenderAll("## Plan\n- [x] done *now*", 80);
        Assert.Equal(["Plan", "☑ done now"], plain);
    }

    [Fact]
    public void Edit_arguments_become_a_unified_diff()
    {
        var rows = DiffRenderer.Render("edit_file", """{"path":"a.txt","old_string":"one\ntwo\nthree","new_string":"one\n2\nthree"}""", Plain);
        Assert.Equal(["a.txt", " one", "-two", "+2", " three"], rows);

        var colored = DiffRenderer.Render("write_file", """{"path":"b.txt","content":"hi"}""", new Ansi(true));
        Assert.Equal("\x1b[32m+hi\x1b[0m", colored[1]);
        var patch = DiffRenderer.Render("apply_patch", """{"patch":"*** Begin Patch\n*** Update File: c.txt\n@@\n-old\n+new\n*** End Patch"}""", Plain);
        Assert.Contains("-old", patch);
        Assert.Contains("+new", patch);
        Assert.Empty(DiffRenderer.Render("edit_file", "not json", Plain));
    }

    [Fact]
    public void Tool_calls_render_as_headers_with_status_duration_and_diff()
    {
        var output = new StringWriter();
        var renderer = new TurnRenderer(new TerminalOutput(output, () => 80, isTerminal: false, color: false));
        renderer.Handle(new TextDelta("I will **edit** it.\n"));
        renderer.Handle(new ToolCallRequested("c1", "edit_file", """{"path":"a.txt","old_string":"x","new_string":"y"}"""));
        renderer.Handle(new ToolCallFinished("c1", "edit_file", ToolCallStatus.Ok, "edited", 1500));
        renderer.Handle(new ToolCallRequested("c2", "shell", """{"command":"rm -rf build"}"""));
        renderer.Handle(new ToolCallFinished("c2", "shell", ToolCallStatus.Denied, "the user declined this call.", 3));
        renderer.Handle(new TodoUpdated([new TodoItem("write tests", TodoStatus.InProgress), new TodoItem("ship", TodoStatus.Pending)]));
        renderer.Handle(new UsageReported(1, new TokenUsage(1000, 50, 0, 0), 0.25m));
        renderer.Handle(new TextDelta("Done"));
        renderer.Handle(new RunFinished(RunStatus.Success, "Done", 1, TokenUsage.Zero, 0.25m, 10));
        var lines = output.ToString().Split('\n');
        Assert.Equal("I will edit it.", lines[0]);
        Assert.Equal("● edit_file a.txt", lines[1]);
        Assert.Equal("✓ edit_file a.txt  1.5 s", lines[2]);
        Assert.Equal("    a.txt", lines[3]);
        Assert.Equal("    -x", lines[4]);
        Assert.Equal("    +y", lines[5]);
        Assert.Equal("✗ shell rm -rf build  3 ms", lines[7]);
        Assert.Equal("    the user declined this call.", lines[8]);
        Assert.Equal(["Todos", "  ▸ write tests", "  ○ ship"], lines[9..12]);
        Assert.Equal("Done", lines[12]);
        Assert.Equal(0.25m, renderer.CostUsd);
    }

    [Fact]
    public void Streaming_text_on_a_terminal_is_redrawn_as_markdown_when_the_line_completes()
    {
        var output = new StringWriter();
        var renderer = new TurnRenderer(new TerminalOutput(output, () => 80, isTerminal: true, color: false));
        renderer.Handle(new TextDelta("**He"));
        renderer.Handle(new TextDelta("llo**\n"));
        Assert.Equal("**He" + "llo**" + "\r\x1b[J" + "Hello\n", output.ToString());
    }

    [Fact]
    public void Repeated_retries_and_errors_are_folded_into_one_line_with_a_count()
    {
        var output = new StringWriter();
        var renderer = new TurnRenderer(new TerminalOutput(output, () => 80, isTerminal: true, color: false));
        renderer.Handle(new RetryScheduled(1, 1000, "overloaded (503)"));
        renderer.Handle(new RetryScheduled(2, 2000, "overloaded (503)"));
        renderer.Handle(new RetryScheduled(3, 4000, "overloaded (503)"));
        renderer.Handle(new ErrorOccurred(ErrorKind.Unknown, "boom"));
        renderer.Handle(new ErrorOccurred(ErrorKind.Unknown, "boom"));
        renderer.Handle(new TextDelta("ok\n"));
        renderer.Handle(new ErrorOccurred(ErrorKind.Unknown, "boom"));

        Assert.Equal(
            "retrying in 1 s (attempt 1): overloaded (503)\n"
            + "\x1b[1A\r\x1b[2Kretrying in 2 s (attempt 2): overloaded (503) (×2)\n"
            + "\x1b[1A\r\x1b[2Kretrying in 4 s (attempt 3): overloaded (503) (×3)\n"
            + "error: boom\n"
            + "\x1b[1A\r\x1b[2Kerror: boom (×2)\n"
            + "ok\r\x1b[Jok\n"
            + "error: boom\n",
            output.ToString());
    }
}
