using Wright.Permissions.Shell;

namespace Wright.Tests.Permissions.Shell;

public sealed class CommandPolicyTests
{
    private const string Ws = "/ws/proj";

    [Theory]
    [InlineData("git status")]
    [InlineData("npm test")]
    [InlineData("ls -la src | grep cs > listing.txt")]
    [InlineData("dotnet build 2>&1 | tail -20")]
    [InlineData("echo hi > /dev/null")]
    [InlineData("cat src/a.txt >> notes/b.txt")]
    public void Ordinary_commands_leave_the_decision_to_rules(string line) =>
        Assert.Empty(CommandPolicy.Assess(line, Ws, Ws).Reasons);

    [Theory]
    [InlineData("PAGER='sh -c evil' git log", "sets environment variables")]
    [InlineData("GIT_SSH_COMMAND='nc evil 1' git fetch", "sets environment variables")]
    [InlineData("PATH=/tmp/evil:$PATH; git status", "sets environment variables")]
    [InlineData("export GIT_PAGER=evil && git log", "changes the shell's state: export")]
    [InlineData("declare -x X=1; git log", "changes the shell's state: declare")]
    [InlineData("eval \"$CMD\"", "runs code indirectly: eval")]
    [InlineData("source ./evil.sh", "runs code indirectly: source")]
    [InlineData(". ./evil.sh", "runs code indirectly: .")]
    [InlineData("sh -c 'rm -rf /'", "sh -c")]
    [InlineData("bash -lc 'rm -rf /'", "bash -c")]
    [InlineData("/bin/bash -c id", "bash -c")]
    [InlineData("find . -name x -exec rm {} \\;", "find runs commands")]
    [InlineData("find . -delete", "find deletes or writes files")]
    [InlineData("rg --pre ./evil foo", "rg runs a preprocessor")]
    [InlineData("git -c core.pager='sh -c evil' log", "git is given configuration")]
    [InlineData("git -c core.sshCommand=evil fetch", "git is given configuration")]
    [InlineData("ls | xargs sh -c 'rm -rf /'", "runs another command through xargs")]
    [InlineData("env X=1 rm -rf /", "runs another command through env")]
    [InlineData("timeout 5 rm -rf /", "runs another command through timeout")]
    [InlineData("sudo rm -rf /", "runs another command through sudo")]
    [InlineData("echo pwned > /etc/cron.d/x", "writes outside the workspace")]
    [InlineData("echo pwned > ../proj-evil/x", "writes outside the workspace")]
    [InlineData("echo x > ~/.bashrc", "writes outside the workspace")]
    [InlineData("echo x > $OUT", "computed path")]
    [InlineData("$CMD --flag", "program name is computed")]
    [InlineData("python3 -c 'import os; os.system(\"id\")'", "runs inline code")]
    [InlineData("awk 'BEGIN { system(\"id\") }'", "awk program runs commands")]
    [InlineData("sed 's/x/id/e' file", "sed script runs commands")]
    [InlineData("tar --to-command=sh -xf a.tar", "tar runs a program")]
    [InlineData("ls\u200b -la", "invisible or control characters")]
    [InlineData("echo \u202Eevil", "invisible or control characters")]
    public void Bypass_attempts_always_need_a_person(string line, string reason)
    {
        var assessment = CommandPolicy.Assess(line, Ws, Ws);
        Assert.False(assessment.RulesMayDecide);
        Assert.Contains(assessment.Reasons.Concat(assessment.RuleReasons), r => r.Contains(reason, StringComparison.Ordinal));
    }

    [Fact]
    public void More_than_sixteen_commands_need_a_person()
    {
        var line = string.Join(" && ", Enumerable.Repeat("true", 17));
        Assert.Contains(CommandPolicy.Assess(line, Ws, Ws).Reasons, r => r.Contains("more than 16", StringComparison.Ordinal));
        Assert.Empty(CommandPolicy.Assess(string.Join(" && ", Enumerable.Repeat("true", 16)), Ws, Ws).Reasons);
    }

    [Fact]
    public void Prefix_confusion_is_not_inside()
    {
        Assert.False(Paths.IsInside("/ws/proj-evil/x", "/ws/proj"));
        Assert.True(Paths.IsInside("/ws/proj/x", "/ws/proj"));
        Assert.True(Paths.IsInside("/ws/proj", "/ws/proj/"));
    }

    [Fact]
    public void Invisible_characters_and_padding_are_made_visible()
    {
        Assert.Equal("ls⟨U+200B⟩ -la⟨12 spaces⟩; rm⟨tab⟩x", InvisibleText.MakeVisible("ls\u200b -la" + new string(' ', 12) + "; rm\tx"));
    }
}
