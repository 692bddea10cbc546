using Wright.Sessions.Rewind;

namespace Wright.Tests.Sessions.Rewind;

public sealed class IgnoreRulesTests
{
    [Theory]
    [InlineData("node_modules/", "node_modules/")]
    [InlineData("*.log", "*.log")]
    [InlineData("!keep.log", "!keep.log")]
    [InlineData("/pkg/web/dist/", "/dist/")]
    [InlineData("pkg/web/dist", "/dist")]
    [InlineData("/pkg/*/build", "/build")]
    [InlineData("/p[a-k]g/web/x", "/x")]
    [InlineData("!/pkg/web/keep", "!/keep")]
    [InlineData("**/tmp", "**/tmp")]
    [InlineData("/pkg/**/gen/", "**/gen/")]
    [InlineData("trailing   ", "trailing")]
    [InlineData("escaped\\ ", "escaped\\ ")]
    [InlineData("/other/x", null)]
    [InlineData("/pkg/", null)]
    [InlineData("/pkg/web", null)]
    [InlineData("/pkg/web/", null)]
    [InlineData("# comment", null)]
    [InlineData("", null)]
    public void Rebase_moves_a_pattern_from_an_ancestor_onto_the_workspace(string line, string? expected) =>
        Assert.Equal(expected, IgnoreRules.Rebase(line, ["pkg", "web"]));

    [Fact]
    public void Rebase_onto_the_same_directory_keeps_the_pattern() =>
        Assert.Equal(["/a/b", "x/", "!y"], new[] { "/a/b", "x/", "!y", "#c" }.Select(l => IgnoreRules.Rebase(l, [])).OfType<string>());

    [Theory]
    [InlineData("*.tmp", "/lib/x/**/*.tmp")]
    [InlineData("/build/", "/lib/x/build/")]
    [InlineData("a/b", "/lib/x/a/b")]
    [InlineData("!keep", "!/lib/x/**/keep")]
    [InlineData("#c", null)]
    public void Prefix_anchors_a_nested_repositorys_pattern_at_its_directory(string line, string? expected) =>
        Assert.Equal(expected, IgnoreRules.Prefix(line, "lib/x"));

    [Fact]
    public void Literal_escapes_wildcards_and_spaces_and_refuses_line_breaks()
    {
        Assert.Equal("/a\\*b\\?\\[c]\\\\\\ d", IgnoreRules.Literal("a*b?[c]\\ d"));
        Assert.Null(IgnoreRules.Literal("a\nb"));
    }

    [Theory]
    [InlineData("*", "anything", true)]
    [InlineData("a?c", "abc", true)]
    [InlineData("a?c", "ac", false)]
    [InlineData("*.cs", "x.cs", true)]
    [InlineData("*.cs", "x.csx", false)]
    [InlineData("[!a]x", "bx", true)]
    [InlineData("[!a]x", "ax", false)]
    [InlineData("[a-c]*z", "bqqz", true)]
    [InlineData("\\*", "*", true)]
    [InlineData("\\*", "a", false)]
    [InlineData("a*b*c", "aXbYbZc", true)]
    public void Glob_matches_one_segment(string pattern, string name, bool expected) =>
        Assert.Equal(expected, IgnoreRules.Glob(pattern, name));
}
