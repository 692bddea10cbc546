using System.Text;

namespace Wright.Cli.Interactive;

/// <summary>
/// Turns the terminal's key presses into <see cref="KeyInput"/>s. With bracketed paste on (<c>ESC[?2004h</c>) the
/// terminal wraps a paste in <c>ESC[200~</c> … <c>ESC[201~</c>; .NET's <see cref="Console.ReadKey(bool)"/> hands those
/// markers over as separate keys (Escape, '[', '2', '0', '0', '~'), so they are recognised here and the keys between
/// become one paste. Without bracketed paste, an Enter with more input already waiting is taken as part of a paste:
/// a new line, not "send".
/// </summary>
internal sealed class BracketedPaste(Func<ConsoleKeyInfo> readKey, Func<bool> keyAvailable)
{
    public const string Enable = "\x1b[?2004h";
    public const string Disable = "\x1b[?2004l";
    private const string Start = "[200~";
    private const string End = "[201~";
    private readonly Queue<ConsoleKeyInfo> _pending = new();

    /// <summary>Blocks for the next input.</summary>
    public KeyInput Read()
    {
        var key = Next();
        if (key.Key == ConsoleKey.Escape && _pending.Count == 0 && keyAvailable())
        {
            var lookahead = new List<ConsoleKeyInfo>();
            while (lookahead.Count < Start.Length && keyAvailable())
            {
                var next = readKey();
                lookahead.Add(next);
                if (next.KeyChar != Start[lookahead.Count - 1])
                    break;
            }

            if (lookahead.Count == Start.Length && lookahead[^1].KeyChar == Start[^1])
                return KeyInput.Pasted(ReadPaste());
            foreach (var k in lookahead)
                _pending.Enqueue(k);
            return key;
        }

        if (key.Key == ConsoleKey.Enter && key.Modifiers == 0 && (_pending.Count > 0 || keyAvailable()))
            return new ConsoleKeyInfo('\n', ConsoleKey.Enter, shift: false, alt: true, control: false);
        return key;
    }

    private ConsoleKeyInfo Next() => _pending.TryDequeue(out var key) ? key : readKey();

    /// <summary>Reads up to the end marker; line ends become '\n'.</summary>
    private string ReadPaste()
    {
        var text = new StringBuilder();
        var marker = 0;
        while (true)
        {
            var key = readKey();
            var c = key.Key == ConsoleKey.Escape ? '\x1b' : key.KeyChar;
            if (marker == 0 && c == '\x1b')
            {
                marker = 1;
                continue;
            }

            if (marker > 0)
            {
                if (c == End[marker - 1])
                {
                    marker++;
                    if (marker == End.Length + 1)
                        return text.ToString();
                    continue;
                }

                // Not the end marker after all: keep what was held back.
                text.Append(End.AsSpan(0, marker - 1));
                marker = c == '\x1b' ? 1 : 0;
                if (marker == 1)
                    continue;
            }

            if (key.Key == ConsoleKey.Enter || c is '\r' or '\n')
                text.Append('\n');
            else if (c == '\t' || c >= ' ')
                text.Append(c);
        }
    }
}
