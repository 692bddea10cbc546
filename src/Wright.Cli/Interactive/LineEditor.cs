using System.Text;

namespace Wright.Cli.Interactive;

/// <summary>
/// The prompt's line editor: Enter sends, Alt-Enter (or a trailing <c>\</c>) adds a line, arrows and Home/End move,
/// Up/Down walk the history, Ctrl-U/K/W delete, Ctrl-C clears (twice on an empty prompt exits), Ctrl-D on an empty
/// prompt exits.
/// </summary>
internal sealed class LineEditor(IKeySource keys, TerminalOutput terminal, InputHistory history)
{
    private int _renderedRows;
    private int _cursorRow;

    /// <summary>Ctrl-O: prints something above the prompt (the last turn in full), then the prompt is drawn again.</summary>
    public Action? OnExpand { get; set; }

    /// <summary>Reads one entry; null when the user asked to exit.</summary>
    public async Task<string?> ReadAsync(string prompt, CancellationToken cancellationToken)
    {
        var buffer = new LineBuffer();
        var historyIndex = history.Entries.Count;
        var draft = "";
        var interrupted = false;
        _renderedRows = 0;
        _cursorRow = 0;
        Render(prompt, buffer);
        while (true)
        {
            var key = await keys.ReadKeyAsync(cancellationToken);
            var control = (key.Modifiers & ConsoleModifiers.Control) != 0;
            var alt = (key.Modifiers & ConsoleModifiers.Alt) != 0;
            var wasInterrupted = interrupted;
            interrupted = false;
            switch (key.Key)
            {
                case ConsoleKey.Enter when alt:
                    buffer.Insert("\n");
                    break;
                case ConsoleKey.Enter:
                    if (buffer.Cursor == buffer.Text.Length && buffer.Text.EndsWith('\\'))
                    {
                        buffer.Backspace();
                        buffer.Insert("\n");
                        break;
                    }

                    Finish(prompt, buffer);
                    history.Add(buffer.Text);
                    return buffer.Text;
                case ConsoleKey.C when control:
                    if (buffer.IsEmpty)
                    {
                        if (wasInterrupted)
                        {
                            Finish(prompt, buffer);
                            return null;
                        }

                        interrupted = true;
                        Finish(prompt, buffer);
                        terminal.WriteLine(terminal.Ansi.Dim(Text.Strings.TuiCtrlCAgain));
                        Render(prompt, buffer);
                        continue;
                    }

                    buffer.Clear();
                    break;
                case ConsoleKey.D when control:
                    if (buffer.IsEmpty)
                    {
                        Finish(prompt, buffer);
                        return null;
                    }

                    buffer.Delete();
                    break;
                case ConsoleKey.Backspace:
                    buffer.Backspace();
                    break;
                case ConsoleKey.Delete:
                    buffer.Delete();
                    break;
                case ConsoleKey.LeftArrow:
                case ConsoleKey.B when control:
                    buffer.Left();
                    break;
                case ConsoleKey.RightArrow:
                case ConsoleKey.F when control:
                    buffer.Right();
                    break;
                case ConsoleKey.Home:
                case ConsoleKey.A when control:
                    buffer.Home();
                    break;
                case ConsoleKey.End:
                case ConsoleKey.E when control:
                    buffer.End();
                    break;
                case ConsoleKey.U when control:
                    buffer.DeleteToLineStart();
                    break;
                case ConsoleKey.K when control:
                    buffer.DeleteToLineEnd();
                    break;
                case ConsoleKey.W when control:
                    buffer.DeleteWord();
                    break;
                case ConsoleKey.O when control && OnExpand is not null:
                    terminal.Write(terminal.IsTerminal ? (_cursorRow > 0 ? $"\x1b[{_cursorRow}A" : "") + "\r\x1b[J" : "");
                    _renderedRows = 0;
                    _cursorRow = 0;
                    OnExpand();
                    break;
                case ConsoleKey.L when control:
                    terminal.Write(terminal.IsTerminal ? "\x1b[H\x1b[2J" : "");
                    _renderedRows = 0;
                    _cursorRow = 0;
                    break;
                case ConsoleKey.UpArrow when historyIndex > 0 && !buffer.Text.Contains('\n'):
                    if (historyIndex == history.Entries.Count)
                        draft = buffer.Text;
                    historyIndex--;
                    buffer.Set(history.Entries[historyIndex]);
                    break;
                case ConsoleKey.DownArrow when historyIndex < history.Entries.Count && !buffer.Text.Contains('\n'):
                    historyIndex++;
                    buffer.Set(historyIndex == history.Entries.Count ? draft : history.Entries[historyIndex]);
                    break;
                case ConsoleKey.Tab:
                    buffer.Insert("    ");
                    break;
                default:
                    if (key.KeyChar >= ' ' && !control)
                    {
                        var text = new StringBuilder().Append(key.KeyChar);
                        // A pasted or composed run of characters (and surrogate pairs) arrives together.
                        while (char.IsHighSurrogate(text[^1]) && keys.TryReadKey(out var low))
                            text.Append(low.KeyChar);
                        buffer.Insert(text.ToString());
                    }
                    else
                    {
                        continue;
                    }

                    break;
            }

            Render(prompt, buffer);
        }
    }

    /// <summary>Redraws the prompt and the buffer, with the cursor where it belongs.</summary>
    private void Render(string prompt, LineBuffer buffer)
    {
        if (!terminal.IsTerminal)
            return;
        var output = new StringBuilder();
        if (_cursorRow > 0)
            output.Append("\x1b[").Append(_cursorRow).Append('A');
        output.Append("\r\x1b[J");
        var lines = buffer.Text.Split('\n');
        var continuation = new string(' ', TextWidth.Of(prompt));
        var rows = 0;
        var cursorRow = 0;
        var cursorColumn = 0;
        var offset = 0;
        for (var i = 0; i < lines.Length; i++)
        {
            var head = i == 0 ? prompt : continuation;
            output.Append(i == 0 ? terminal.Ansi.Bold(prompt) : continuation).Append(lines[i]);
            var width = TextWidth.Of(head) + TextWidth.Of(lines[i]);
            if (buffer.Cursor >= offset && buffer.Cursor <= offset + lines[i].Length)
            {
                var before = TextWidth.Of(head) + TextWidth.Of(lines[i][..(buffer.Cursor - offset)]);
                cursorRow = rows + before / terminal.Width;
                cursorColumn = before % terminal.Width;
            }

            rows += terminal.Rows(width);
            if (width > 0 && width % terminal.Width == 0)
            {
                // The terminal waits at the last column; a space and a carriage return settle it on the next row.
                output.Append(" \r");
                rows++;
            }

            if (i < lines.Length - 1)
                output.Append('\n');
            offset += lines[i].Length + 1;
        }

        var up = rows - 1 - cursorRow;
        if (up > 0)
            output.Append("\x1b[").Append(up).Append('A');
        output.Append('\r');
        if (cursorColumn > 0)
            output.Append("\x1b[").Append(cursorColumn).Append('C');
        _renderedRows = rows;
        _cursorRow = cursorRow;
        terminal.Write(output.ToString());
    }

    /// <summary>Leaves the cursor on a fresh line under the final text.</summary>
    private void Finish(string prompt, LineBuffer buffer)
    {
        if (!terminal.IsTerminal)
            return;
        var atEnd = new LineBuffer();
        atEnd.Set(buffer.Text);
        Render(prompt, atEnd);
        terminal.Write("\n");
    }
}
