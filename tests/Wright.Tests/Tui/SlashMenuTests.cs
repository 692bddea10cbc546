using Wright.Cli.Interactive;

namespace Wright.Tests.Tui;

/// <summary>The slash menu under the prompt, the status rows drawn in place, queued type-ahead and the picker.</summary>
public sealed class SlashMenuTests
{
    private static readonly SlashCommand[] Commands =
    [
        new("help", "list the commands"), new("compact", "compact now"), new("context", "how full"), new("cost", "tokens and cost"),
        new("model", "switch the model"), new("deploy", "a custom command"), new("pdf-tools", "skill: read PDFs"),
    ];

    private static (LineEditor Editor, StringWriter Output) Editor(ScriptedKeySource keys)
    {
        var output = new StringWriter();
        var terminal = new TerminalOutput(output, () => 80, isTerminal: true, color: false);
        return (new LineEditor(new OneByOne(keys), terminal, new InputHistory(null)) { Commands = () => Commands, Status = () => ["model · ask · context 3%"] }, output);
    }

    /// <summary>Keys as a person types them: none is waiting when the previous one is handled, so each is drawn.</summary>
    private sealed class OneByOne(ScriptedKeySource keys) : IKeySource
    {
        public ValueTask<KeyInput> ReadAsync(CancellationToken cancellationToken) => keys.ReadAsync(cancellationToken);

        public bool TryRead(out KeyInput input)
        {
            input = default;
            return false;
        }
    }

    [Fact]
    public async Task Typing_a_slash_lists_the_commands_and_filters_as_one_types()
    {
        var keys = new ScriptedKeySource().Type("/co").Press(ConsoleKey.Escape).Press(ConsoleKey.Backspace).Press(ConsoleKey.Backspace).Type("d").Enter();
        var (editor, output) = Editor(keys);
        // Esc hid the menu for "/co"; "/" showed it all again; "/d" selects the first match, which Enter runs.
        Assert.Equal("/deploy", await editor.ReadAsync("› ", TestContext.Current.CancellationToken));
        var text = output.ToString();
        Assert.Contains("› /compact  compact now", text);
        Assert.Contains("  /context  how full", text);
        Assert.Contains("  /cost     tokens and cost", text);
        Assert.Contains("  /pdf-tools  skill: read PDFs", text);
        Assert.Contains("› /deploy     a custom command", text);
        Assert.Contains("model · ask · context 3%", text);
    }

    [Fact]
    public async Task Arrows_select_Tab_completes_and_Enter_runs_the_selected_command()
    {
        var keys = new ScriptedKeySource().Type("/co").Press(ConsoleKey.DownArrow).Press(ConsoleKey.Tab).Enter()
            .Type("/cos").Enter()
            .Type("/pd").Enter()
            .Type("/model deepseek/deepseek-chat").Enter();
        var (editor, output) = Editor(keys);
        Assert.Equal("/context ", await editor.ReadAsync("› ", TestContext.Current.CancellationToken));
        Assert.Equal("/cost", await editor.ReadAsync("› ", TestContext.Current.CancellationToken));
        Assert.Equal("/pdf-tools", await editor.ReadAsync("› ", TestContext.Current.CancellationToken));
        Assert.Equal("/model deepseek/deepseek-chat", await editor.ReadAsync("› ", TestContext.Current.CancellationToken));
        // The menu and the status are drawn under the entry and erased when it is sent: nothing is under a sent entry.
        var text = output.ToString();
        Assert.DoesNotContain("context 3%", text[text.LastIndexOf("› /model deepseek/deepseek-chat", StringComparison.Ordinal)..]);
    }

    [Fact]
    public async Task Type_ahead_that_ends_with_Enter_is_sent_and_one_with_Enter_inside_keeps_its_lines()
    {
        List<KeyInput> typed = [.. "queued".Select(c => (KeyInput)new ConsoleKeyInfo(c, ConsoleKey.A, false, false, false)),
            new ConsoleKeyInfo('\r', ConsoleKey.Enter, false, false, false)];
        var (editor, _) = Editor(new ScriptedKeySource());
        Assert.Equal("queued", await editor.ReadAsync("› ", TestContext.Current.CancellationToken, typed));
    }

    [Fact]
    public async Task The_picker_filters_by_words_moves_with_arrows_and_returns_the_choice_or_null()
    {
        string[] models = ["deepseek/deepseek-chat", "deepseek/deepseek-reasoner", "openai-chat/gpt-4.1", "openai-chat/gpt-4.1-mini", "openai/gpt-4.1"];
        var output = new StringWriter();
        var terminal = new TerminalOutput(output, () => 80, isTerminal: true, color: false);
        var keys = new ScriptedKeySource().Type("chat 4.1").Press(ConsoleKey.DownArrow).Enter()
            .Press(ConsoleKey.DownArrow).Press(ConsoleKey.Escape)
            .Type("nothing-like-it").Enter().Press(ConsoleKey.Escape);
        var picker = new Picker(keys, terminal);
        Assert.Equal("openai-chat/gpt-4.1-mini", await picker.PickAsync("Choose:", models, "deepseek/deepseek-chat", TestContext.Current.CancellationToken));
        Assert.Contains("filter: chat 4.1", output.ToString());
        Assert.Null(await picker.PickAsync("Choose:", models, null, TestContext.Current.CancellationToken));
        Assert.Null(await picker.PickAsync("Choose:", models, null, TestContext.Current.CancellationToken));
        Assert.Contains("(no match)", output.ToString());
        Assert.Equal(["openai-chat/gpt-4.1", "openai-chat/gpt-4.1-mini"], Picker.Filter(models, "CHAT 4.1"));
    }
}
