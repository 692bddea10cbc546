using System.Text;

namespace Wright.Cli.Interactive;

/// <summary>
/// The terminal the interactive host writes to: one lock for every writer (the renderer and the approval dialog run on
/// different threads), the width (read at each use, so a resize applies to the next line), colour and cursor control.
/// A live block (the progress line of a running turn) can sit under the last line: it is drawn in place, erased
/// before anything else is written, and never reaches the scrollback.
/// </summary>
internal sealed class TerminalOutput(TextWriter writer, Func<int> width, bool isTerminal, bool color)
{
    private int _liveRows;
    private bool _liveBelow;
    private int _column;

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
            EraseLive();
            writer.Write(text);
            writer.Flush();
            Writes++;
            Advance(text);
        }
    }

    public void WriteLine(string line = "")
    {
        lock (Lock)
        {
            EraseLive();
            writer.Write(line);
            writer.Write('\n');
            writer.Flush();
            Writes++;
            _column = 0;
        }
    }

    /// <summary>
    /// Draws <paramref name="rows"/> as the live block in place of the previous one (the caller cuts each row to
    /// <see cref="Width"/> - 1 columns, so none wraps). At the start of a line the block starts there; inside a line
    /// that is still streaming it goes under it, and the cursor returns to where the line goes on. The cursor never
    /// stays in the block, so what is written next lands where it would have without it. Only on a terminal; an
    /// empty list erases the block.
    /// </summary>
    public void SetLive(IReadOnlyList<string> rows)
    {
        lock (Lock)
        {
            if (!isTerminal)
                return;
            var output = new StringBuilder(EraseSequence());
            _liveRows = 0;
            var column = _column % Width;
            // At the very last column the terminal waits to wrap; drawing below would land one row off.
            if (rows.Count > 0 && (_column == 0 || column != 0))
            {
                _liveBelow = _column > 0;
                if (_liveBelow)
                    output.Append('\n');
                for (var i = 0; i < rows.Count; i++)
                {
                    if (i > 0)
                        output.Append('\n');
                    output.Append("\r\x1b[2K").Append(rows[i]);
                }

                var up = rows.Count - 1 + (_liveBelow ? 1 : 0);
                if (up > 0)
                    output.Append("\x1b[").Append(up).Append('A');
                output.Append('\r');
                if (column > 0)
                    output.Append("\x1b[").Append(column).Append('C');
                _liveRows = rows.Count;
            }

            if (output.Length > 0)
            {
                writer.Write(output.ToString());
                writer.Flush();
            }
        }
    }

    /// <summary>Erases the live block.</summary>
    public void ClearLive()
    {
        lock (Lock)
        {
            EraseLive();
            writer.Flush();
        }
    }

    /// <summary>Rows a piece of text of <paramref name="columns"/> display columns occupies when the terminal wraps it.</summary>
    public int Rows(int columns) => Math.Max(1, (columns + Width - 1) / Width);

    private void EraseLive()
    {
        var erase = EraseSequence();
        if (erase.Length == 0)
            return;
        writer.Write(erase);
        _liveRows = 0;
    }

    /// <summary>The cursor is where output goes on: everything after it is the block.</summary>
    private string EraseSequence() => _liveRows == 0 ? "" : _liveBelow ? "\x1b[J" : "\r\x1b[J";

    /// <summary>Follows the cursor's column through <paramref name="text"/> (escape sequences take none).</summary>
    private void Advance(string text)
    {
        var reset = text.LastIndexOfAny(['\n', '\r']);
        _column = reset < 0 ? _column + TextWidth.Of(text) : TextWidth.Of(text[(reset + 1)..]);
    }
}
