using System.Threading.Channels;
using Wright.Cli.Interactive;

namespace Wright.Tests.Tui;

/// <summary>Key presses from a script, for the line editor and the approval dialog.</summary>
internal sealed class ScriptedKeySource : IKeySource
{
    private readonly Channel<KeyInput> _keys = Channel.CreateUnbounded<KeyInput>();

    public ScriptedKeySource Type(string text)
    {
        foreach (var c in text)
            _keys.Writer.TryWrite(new ConsoleKeyInfo(c, c == '\n' ? ConsoleKey.Enter : KeyOf(c), char.IsAsciiLetterUpper(c), false, false));
        return this;
    }

    public ScriptedKeySource Press(ConsoleKey key, bool control = false, bool alt = false, char keyChar = '\0')
    {
        _keys.Writer.TryWrite(new ConsoleKeyInfo(keyChar, key, false, alt, control));
        return this;
    }

    /// <summary>A bracketed paste.</summary>
    public ScriptedKeySource Paste(string text)
    {
        _keys.Writer.TryWrite(KeyInput.Pasted(text));
        return this;
    }

    public ScriptedKeySource Enter() => Press(ConsoleKey.Enter, keyChar: '\r');

    public ValueTask<KeyInput> ReadAsync(CancellationToken cancellationToken) => _keys.Reader.ReadAsync(cancellationToken);

    public bool TryRead(out KeyInput input) => _keys.Reader.TryRead(out input);

    private static ConsoleKey KeyOf(char c) => char.IsAsciiLetter(c) ? ConsoleKey.A + (char.ToUpperInvariant(c) - 'A')
        : char.IsAsciiDigit(c) ? ConsoleKey.D0 + (c - '0')
        : c == ' ' ? ConsoleKey.Spacebar
        : c == '\\' ? ConsoleKey.Oem5
        : ConsoleKey.NoName;
}
