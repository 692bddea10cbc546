using Wright.Cli.Interactive;

namespace Wright.Tests.Tui;

public sealed class LineEditorTests
{
    private static (LineEditor Editor, StringWriter Output) Editor(ScriptedKeySource keys, InputHistory? history = null)
    {
        var output = new StringWriter();
        var terminal = new TerminalOutput(output, () => 80, isTerminal: true, color: false);
        return (new LineEditor(keys, terminal, history ?? new InputHistory(null)), output);
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
