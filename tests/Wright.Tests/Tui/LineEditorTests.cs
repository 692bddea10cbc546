using Wright.Cli.Interactive;

namespace Wright.Tests.Tui;

public sealed class LineEditorTests
{
    private static (LineEditor Editor, StringWriter Output) Editor(ScriptedKeySource keys, InputHistory? history = null, FileMentions? mentions = null)
    {
        var output = new StringWriter();
        var terminal = new TerminalOutput(output, () => 80, isTerminal: true, color: false);
        return (new LineEditor(keys, terminal, history ?? new InputHistory(null), mentions), output);
    }

    [Fact]
    public async Task A_small_paste_is_inline_and_its_new_lines_do_not_send()
    {
        var keys = new ScriptedKeySource().Type("see: ").Paste("line one\r\nline two\n").Type("ok").Enter();
        var (editor, output) = Editor(keys);
        Assert.Equal("see: line one\nline two\nok", await editor.ReadAsync("› ", TestContext.Current.CancellationToken));
        Assert.StartsWith("\x1b[?2004h", output.ToString());
        Assert.EndsWith("\x1b[?2004l", output.ToString());
    }

    [Fact]
    public async Task A_large_paste_shows_a_placeholder_and_is_sent_and_remembered_in_full()
    {
        var pasted = string.Join("\n", Enumerable.Range(1, 42).Select(i => $"row {i}"));
        var history = new InputHistory(null);
        var keys = new ScriptedKeySource().Type("fix ").Paste(pasted).Type(" please").Enter()
            .Paste(new string('y', 1500)).Enter().Paste(pasted).Press(ConsoleKey.Backspace).Type("z").Enter();
        var (editor, output) = Editor(keys, history);
        Assert.Equal("fix " + pasted + " please", await editor.ReadAsync("› ", TestContext.Current.CancellationToken));
        Assert.Contains("fix [Pasted text #1 +42 lines] please", output.ToString());
        Assert.DoesNotContain("row 17", output.ToString());
        Assert.Equal("fix " + pasted + " please", history.Entries[^1]);
        Assert.Equal(new string('y', 1500), await editor.ReadAsync("› ", TestContext.Current.CancellationToken));
        Assert.Contains("› [Pasted text #2 1500 chars]", output.ToString());
        // Backspace deletes a placeholder whole.
        Assert.Equal("z", await editor.ReadAsync("› ", TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task Type_ahead_fills_the_prompt_without_sending_it()
    {
        var typed = new List<KeyInput> { new ConsoleKeyInfo('\x04', ConsoleKey.D, false, false, true) };
        foreach (var c in "draft")
            typed.Add(new ConsoleKeyInfo(c, ConsoleKey.A, false, false, false));
        typed.Add(new ConsoleKeyInfo('\r', ConsoleKey.Enter, false, false, false));
        typed.Add(new ConsoleKeyInfo('x', ConsoleKey.X, false, false, false));
        var keys = new ScriptedKeySource().Type("!").Enter();
        var (editor, output) = Editor(keys);
        Assert.Equal("draft\nx!", await editor.ReadAsync("› ", TestContext.Current.CancellationToken, typed));
        Assert.Contains("› draft", output.ToString());
        // The burst is drawn once, not after each key.
        Assert.DoesNotContain("› dra\r", output.ToString());
    }

    [Fact]
    public async Task Tab_completes_an_at_mention_and_lists_several_candidates()
    {
        var root = Directory.CreateTempSubdirectory("wright-complete-").FullName;
        Directory.CreateDirectory(Path.Combine(root, "src"));
        File.WriteAllText(Path.Combine(root, "src", "alpha.cs"), "");
        File.WriteAllText(Path.Combine(root, "src", "alpine.cs"), "");
        File.WriteAllText(Path.Combine(root, "my notes.md"), "");
        var mentions = new FileMentions(root);
        var keys = new ScriptedKeySource().Type("read @s").Press(ConsoleKey.Tab).Type("al").Press(ConsoleKey.Tab).Type("h")
            .Press(ConsoleKey.Tab).Type("and @my").Press(ConsoleKey.Tab).Type("now").Press(ConsoleKey.Tab).Enter();
        var (editor, output) = Editor(keys, mentions: mentions);
        Assert.Equal("read @src/alpha.cs and @\"my notes.md\" now    ", await editor.ReadAsync("› ", TestContext.Current.CancellationToken));
        Assert.Contains("alpha.cs  alpine.cs", output.ToString());
    }

    [Fact]
    public async Task Enter_sends_the_line_and_editing_keys_apply()
    {
        var keys = new ScriptedKeySource().Type("helo").Press(ConsoleKey.LeftArrow).Type("l").Press(ConsoleKey.End).Type(" world!")
            .Press(ConsoleKey.Backspace).Enter();
        var (editor, _) = Editor(keys);
        Assert.Equal("hello world", await editor.ReadAsync("› ", TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task Alt_enter_and_a_trailing_backslash_add_lines()
    {
        var keys = new ScriptedKeySource().Type("one").Press(ConsoleKey.Enter, alt: true, keyChar: '\r').Type("two\\").Enter().Type("three").Enter();
        var (editor, _) = Editor(keys);
        Assert.Equal("one\ntwo\nthree", await editor.ReadAsync("› ", TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task Ctrl_c_clears_then_twice_on_empty_exits_and_ctrl_d_exits()
    {
        var keys = new ScriptedKeySource().Type("draft").Press(ConsoleKey.C, control: true).Press(ConsoleKey.C, control: true)
            .Press(ConsoleKey.C, control: true);
        var (editor, output) = Editor(keys);
        Assert.Null(await editor.ReadAsync("› ", TestContext.Current.CancellationToken));
        Assert.Contains("Ctrl-C again", output.ToString());

        var (second, _) = Editor(new ScriptedKeySource().Press(ConsoleKey.D, control: true));
        Assert.Null(await second.ReadAsync("› ", TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task History_is_walked_with_arrows_and_persisted()
    {
        var path = Path.Combine(Directory.CreateTempSubdirectory("wright-history-").FullName, "history");
        var history = new InputHistory(path);
        history.Add("multi\nline \\ entry");
        history.Add("first");
        history.Add("second");
        var reloaded = new InputHistory(path);
        Assert.Equal(["multi\nline \\ entry", "first", "second"], reloaded.Entries);

        var keys = new ScriptedKeySource().Press(ConsoleKey.UpArrow).Press(ConsoleKey.UpArrow).Press(ConsoleKey.DownArrow)
            .Press(ConsoleKey.UpArrow).Type("!").Enter();
        var (editor, _) = Editor(keys, new InputHistory(path));
        Assert.Equal("first!", await editor.ReadAsync("› ", TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task Wide_characters_are_deleted_whole_and_the_cursor_lands_after_them()
    {
        var keys = new ScriptedKeySource().Type("ab").Enter();
        var buffer = new LineBuffer();
        buffer.Insert("中文😀");
        buffer.Backspace();
        Assert.Equal("中文", buffer.Text);
        buffer.Left();
        Assert.Equal(1, buffer.Cursor);
        buffer.Insert("x");
        Assert.Equal("中x文", buffer.Text);
        var (editor, output) = Editor(keys);
        Assert.Equal("ab", await editor.ReadAsync("› ", TestContext.Current.CancellationToken));
        Assert.Contains("› ab", output.ToString());
    }
}
