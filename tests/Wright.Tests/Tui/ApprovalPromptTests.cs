using Wright.Cli.Interactive;
using Wright.Core.Approvals;
using Wright.Permissions;

namespace Wright.Tests.Tui;

public sealed class ApprovalPromptTests
{
    private static readonly ApprovalRequest Request = new("shell", "git push origin main", "shell is not automatic in ask mode", true, "shell(git push *)");

    private static (TuiApprovalPrompt Prompt, StringWriter Output) Prompt(ScriptedKeySource keys)
    {
        var output = new StringWriter();
        var terminal = new TerminalOutput(output, () => 80, isTerminal: true, color: false);
        return (new TuiApprovalPrompt(keys, terminal, new InputGate(), _ => ["+diff row"]), output);
    }

    [Fact]
    public async Task Y_allows_once_and_shows_the_action_and_the_reason()
    {
        var (prompt, output) = Prompt(new ScriptedKeySource().Type("y"));
        var answer = await prompt.AskAsync(Request, TestContext.Current.CancellationToken);
        Assert.Equal(ApprovalAnswer.Once, answer);
        var text = output.ToString();
        Assert.Contains("shell needs your approval", text);
        Assert.Contains("  git push origin main", text);
        Assert.Contains("why: shell is not automatic in ask mode", text);
        Assert.Contains("+diff row", text);
        Assert.Contains("[a] yes, and don't ask again for shell(git push *)", text);
    }

    [Fact]
    public async Task A_remembers_only_when_the_request_allows_it()
    {
        var (prompt, _) = Prompt(new ScriptedKeySource().Type("a"));
        Assert.Equal(new ApprovalAnswer(true, Remember: true), await prompt.AskAsync(Request, TestContext.Current.CancellationToken));

        // Not rememberable: 'a' is ignored, 'y' answers.
        var (strict, output) = Prompt(new ScriptedKeySource().Type("ay"));
        var answer = await strict.AskAsync(Request with { MayRemember = false }, TestContext.Current.CancellationToken);
        Assert.Equal(ApprovalAnswer.Once, answer);
        Assert.DoesNotContain("[a]", output.ToString());
    }

    [Fact]
    public async Task N_declines_with_the_feedback_typed()
    {
        var (prompt, _) = Prompt(new ScriptedKeySource().Type("n").Type("push to a branch instead").Enter());
        var answer = await prompt.AskAsync(Request, TestContext.Current.CancellationToken);
        Assert.False(answer.Allowed);
        Assert.Equal("push to a branch instead", answer.Feedback);

        var (escape, _) = Prompt(new ScriptedKeySource().Press(ConsoleKey.Escape));
        Assert.False((await escape.AskAsync(Request, TestContext.Current.CancellationToken)).Allowed);
    }
}
