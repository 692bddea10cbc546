namespace Wright.Cli.Interactive;

/// <summary>
/// The terminal the interactive host writes to: one lock for every writer (the renderer and the approval dialog run on
/// different threads), the width (read at each use, so a resize applies to the next line), colour and cursor control.
/// </summary>
internal sealed class TerminalOutput(TextWriter writer, Func<int> width, bool isTerminal, bool color)
{
    public object Lock { get; } = new();

    public Ansi Ansi { get; } = new(color && isTerminal);

    /// <summary>Cursor movement and line clearing are used only on a terminal.</summary>
    public bool IsTerminal => isTerminal;

    /// <summary>How many writes there have been: a writer that redraws its own last line checks nothing came after it.</summary>
    public long Writes { get; private set; }

    public int Width
    {
        get
        {
            var columns = width();
            return columns > 0 ? columns : 80;
        }
    }

    public void Write(string text)
    {
        lock (Lock)
        {
            writer.Write(text);
            writer.Flush();
            Writes++;
        }
    }

    public void WriteLine(string line = "")
    {
        lock (Lock)
        {
            writer.Write(line);
            writer.Write('\n');
            writer.Flush();
            Writes++;
        }
    }

    /// <summary>Rows a piece of text of <paramref name="columns"/> display columns occupies when the terminal wraps it.</summary>
    public int Rows(int columns) => Math.Max(1, (columns + Width - 1) / Width);
}
