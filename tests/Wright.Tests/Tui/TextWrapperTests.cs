using Wright.Cli.Interactive;

namespace Wright.Tests.Tui;

public sealed class TextWrapperTests
{
    [Theory]
    [InlineData("a", 1)]
    [InlineData("中", 2)]
    [InlineData("😀", 2)]
    [InlineData("é", 1)]
    [InlineData("\u0301", 0)]
    [InlineData("\x1b[1mbold\x1b[0m", 4)]
    [InlineData("ｆｕｌｌ", 8)]
    public void Widths_follow_wcwidth(string text, int width) => Assert.Equal(width, TextWidth.Of(text));

    [Fact]
    public void Chinese_wraps_at_80_columns_without_splitting_a_character()
    {
        var text = string.Concat(Enumerable.Repeat("登录超时的原因是会话令牌过期。", 12));
        var rows = TextWrapper.Wrap(text, 80);
        Assert.True(rows.Count > 1);
        Assert.All(rows, row => Assert.True(TextWidth.Of(row) <= 80, row));
        Assert.All(rows.SkipLast(1), row => Assert.Equal(80, TextWidth.Of(row)));
        Assert.Equal(text, string.Concat(rows));
    }

    [Fact]
    public void English_wraps_at_spaces_and_long_words_are_cut()
    {
        var rows = TextWrapper.Wrap("the quick brown fox jumps over the lazy dog", 15);
        Assert.Equal(["the quick brown", "fox jumps over", "the lazy dog"], rows);
        var cut = TextWrapper.Wrap(new string('x', 25), 10);
        Assert.Equal([new string('x', 10), new string('x', 10), new string('x', 5)], cut);
    }

    [Fact]
    public void Mixed_text_and_emoji_never_exceed_the_width()
    {
        var rows = TextWrapper.Wrap("修复 login 的 bug 🎉🎉 then run the tests 测试全部通过 ✅ done", 12, "  ");
        Assert.All(rows, row => Assert.True(TextWidth.Of(row) <= 12, row));
        Assert.All(rows.Skip(1), row => Assert.StartsWith("  ", row));
    }
}
