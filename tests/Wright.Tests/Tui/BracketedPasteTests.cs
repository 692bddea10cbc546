using Wright.Cli.Interactive;

namespace Wright.Tests.Tui;

public sealed class BracketedPasteTests
{
    /// <summary>Keys as .NET's Console.ReadKey delivers them on Unix: the paste markers arrive as separate keys.</summary>
    private static (BracketedPaste Reader, Queue<ConsoleKeyInfo> Keys) Reader(string raw)
    {
        var keys = new Queue<ConsoleKeyInfo>(raw.Select(c => c switch
        {
            '\x1b' => new ConsoleKeyInfo(c, ConsoleKey.Escape, false, false, false),
            '\r' => new ConsoleKeyInfo(c, ConsoleKey.Enter, false, false, false),
            _ => new ConsoleKeyInfo(c, ConsoleKey.NoName, false, false, false),
        }));
        return (new BracketedPaste(keys.Dequeue, () => keys.Count > 0), keys);
    }

    [Fact]
    public void A_bracketed_paste_becomes_one_input_with_its_line_ends()
    {
        var (reader, _) = Reader("x\x1b[200~one\rtwo\x1b[B\tthree\x1b[201~y");
        Assert.Equal('x', reader.Read().Key.KeyChar);
        var paste = reader.Read();
        Assert.True(paste.IsPaste);
        Assert.Equal("one\ntwo[B\tthree", paste.Paste);
        Assert.Equal('y', reader.Read().Key.KeyChar);
    }

    [Fact]
    public void A_lone_escape_and_other_sequences_pass_through()
    {
        var (reader, keys) = Reader("\x1b");
        var escape = reader.Read();
        Assert.False(escape.IsPaste);
        Assert.Equal(ConsoleKey.Escape, escape.Key.Key);
        Assert.Empty(keys);

        var (other, _) = Reader("\x1b[2x");
        Assert.Equal(ConsoleKey.Escape, other.Read().Key.Key);
        Assert.Equal("[2x", string.Concat(other.Read().Key.KeyChar, other.Read().Key.KeyChar, other.Read().Key.KeyChar));
    }

    [Fact]
    public void Without_markers_an_enter_with_more_input_waiting_is_a_new_line()
    {
        var (reader, _) = Reader("a\rb\r");
        Assert.Equal('a', reader.Read().Key.KeyChar);
        var enter = reader.Read();
        Assert.Equal(ConsoleModifiers.Alt, enter.Key.Modifiers);
        Assert.Equal('b', reader.Read().Key.KeyChar);
        Assert.Equal((ConsoleModifiers)0, reader.Read().Key.Modifiers);
    }
}
