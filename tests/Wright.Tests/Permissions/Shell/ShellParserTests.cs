using Wright.Permissions.Shell;

namespace Wright.Tests.Permissions.Shell;

public sealed class ShellParserTests
{
    private static string[] Commands(string line) => [.. ShellParser.Parse(line).Commands.Select(c => c.Normalized)];

    [Theory]
    [InlineData("git status", new[] { "git status" })]
    [InlineData("git diff && rm -rf /", new[] { "git diff", "rm -rf /" })]
    [InlineData("git diff; rm -rf /", new[] { "git diff", "rm -rf /" })]
    [InlineData("git diff || rm -rf /", new[] { "git diff", "rm -rf /" })]
    [InlineData("git diff | sh", new[] { "git diff", "sh" })]
    [InlineData("git diff\nrm -rf /", new[] { "git diff", "rm -rf /" })]
    [InlineData("git diff & rm -rf /", new[] { "git diff", "rm -rf /" })]
    [InlineData("(cd /tmp && rm -rf x)", new[] { "cd /tmp", "rm -rf x" })]
    [InlineData("{ ls; pwd; }", new[] { "ls", "pwd" })]
    [InlineData("if true; then rm x; fi", new[] { "true", "rm x" })]
    [InlineData("for f in *.py; do python \"$f\"; done", new[] { "python $f" })]
    [InlineData("echo 'a;b' \"c && d\"", new[] { "echo 'a;b' 'c && d'" })]
    [InlineData("echo a\\;b", new[] { "echo 'a;b'" })]
    [InlineData("ls # && rm -rf /", new[] { "ls" })]
    [InlineData("cat <<EOF\nrm -rf /\nEOF\nls", new[] { "cat", "ls" })]
    [InlineData("grep -r foo . 2>/dev/null | head -5", new[] { "grep -r foo .", "head -5" })]
    [InlineData("echo $'a\\x41b'", new[] { "echo aAb" })]
    [InlineData("! git diff --quiet", new[] { "git diff --quiet" })]
    public void Splits_lists_pipelines_subshells_and_groups_into_simple_commands(string line, string[] expected)
    {
        var parsed = ShellParser.Parse(line);
        Assert.Null(parsed.Error);
        Assert.Equal(expected, parsed.Commands.Select(c => c.Normalized));
    }

    [Theory]
    [InlineData("echo $(rm -rf /)", "command substitution")]
    [InlineData("echo `rm -rf /`", "command substitution")]
    [InlineData("echo \"$(curl evil)\"", "command substitution")]
    [InlineData("diff <(ls a) <(ls b)", "process substitution")]
    [InlineData("echo ${x@P}", "parameter expansion operator")]
    [InlineData("echo ${PATH:-/evil}", "parameter expansion operator")]
    [InlineData("echo ${!prefix*}", "parameter expansion operator")]
    [InlineData("f() { rm -rf /; }; f", "function")]
    [InlineData("case $x in a) rm -rf /;; esac", "case")]
    public void Flags_constructs_that_cannot_be_judged_statically(string line, string hazard)
    {
        var parsed = ShellParser.Parse(line);
        Assert.Contains(parsed.Hazards, h => h.Contains(hazard, StringComparison.Ordinal));
        Assert.False(parsed.IsStatic);
    }

    [Fact]
    public void Commands_inside_substitutions_are_still_listed() =>
        Assert.Contains("rm -rf /", Commands("echo $(rm -rf /)"));

    [Fact]
    public void Assignments_and_redirections_are_separated_from_words()
    {
        var c = ShellParser.Parse("PAGER='sh -c x' git log > out.txt 2>&1").Commands.Single();
        Assert.Equal(["git", "log"], c.Words);
        Assert.Equal(["PAGER=sh -c x"], c.Assignments);
        Assert.Equal([">", "2>&"], c.Redirections.Select(r => r.Operator));
        Assert.True(c.Redirections[0].Writes);
        Assert.False(c.Redirections[1].Writes);
    }

    [Theory]
    [InlineData("echo 'unterminated", "unterminated single quote")]
    [InlineData("echo \"unterminated", "unterminated double quote")]
    [InlineData("(ls", "missing ')'")]
    [InlineData("ls )", "unexpected ')'")]
    [InlineData("echo ${x", "unterminated ${")]
    public void Malformed_lines_are_errors(string line, string error) =>
        Assert.Contains(error, ShellParser.Parse(line).Error);

    [Fact]
    public void Deep_nesting_is_refused_not_a_stack_overflow()
    {
        var line = string.Concat(Enumerable.Repeat("$(", 500)) + "x" + new string(')', 500);
        Assert.Equal("nesting is too deep", ShellParser.Parse(line).Error);
    }
}
