using System.Globalization;
using System.Text;

namespace Wright.Cli.Interactive;

/// <summary>
/// The prompt's line editor: Enter sends, Alt-Enter (or a trailing <c>\</c>) adds a line, arrows and Home/End move,
/// Up/Down walk the history, Ctrl-U/K/W delete, Ctrl-C clears (twice on an empty prompt exits), Ctrl-D on an empty
/// prompt exits. A bracketed paste is inserted as text (its new lines never send); a large one shows as a
/// placeholder that is expanded when the entry is sent. Tab completes an <c>@path</c> mention.
/// </summary>
internal sealed class LineEditor(IKeySource keys, TerminalOutput terminal, InputHistory history, FileMentions? mentions = null)
{
    /// <summary>A paste with more lines than this, or more characters than <see cref="PasteMaxChars"/>, is collapsed.</summary>
    public const int PasteMaxLines = 5;

    public const int PasteMaxChars = 1000;
    private const int MaxCandidates = 60;
    private const string Tab = "    ";
    private readonly Dictionary<string, string> _pastes = new(StringComparer.Ordinal);
    private readonly HashSet<string> _pastedImages = new(StringComparer.Ordinal);
    private int _pasteCount;
    private int _renderedRows;
    private int _cursorRow;

    /// <summary>Ctrl-O: prints something above the prompt (the last turn in full), then the prompt is drawn again.</summary>
    public Action? OnExpand { get; set; }

    /// <summary>Rows drawn under the prompt while it waits (the status line): redrawn in place, never in the scrollback.</summary>
    public Func<IReadOnlyList<string>>? Status { get; set; }

    /// <summary>The slash commands (built-in, custom, skills) the menu offers when the entry starts with <c>/</c>.</summary>
    public Func<IReadOnlyList<SlashCommand>>? Commands { get; set; }

    private IReadOnlyList<string> _status = [];
    private readonly SlashMenu _menu = new();

    /// <summary>
    /// Reads one entry; null when the user asked to exit. <paramref name="typeAhead"/> (keys typed while a turn ran)
    /// is replayed first, its Enters as new lines: it fills the prompt but never sends it.
    /// </summary>
    public async Task<string?> ReadAsync(string prompt, CancellationToken cancellationToken, IReadOnlyList<KeyInput>? typeAhead = null)
    {
        if (terminal.IsTerminal)
            terminal.Write(BracketedPaste.Enable);
        try
        {
            return await ReadCoreAsync(prompt, new Queue<KeyInput>(typeAhead ?? []), cancellationToken);
        }
        finally
        {
            if (terminal.IsTerminal)
                terminal.Write(BracketedPaste.Disable);
        }
    }

    /// <summary>Image files whose path was pasted into the last entry (they may be attached from outside the workspace).</summary>
    public IReadOnlyCollection<string> PastedImages => _pastedImages;

    /// <summary>
    /// The image file a paste names, as terminals paste a dropped file: an absolute path, maybe quoted, with escaped
    /// spaces, or a <c>file://</c> URL. Null for anything else.
    /// </summary>
    internal static string? PastedImagePath(string pasted)
    {
        var text = pasted.Trim();
        if (text.Length < 2 || text.Contains('\n'))
            return null;
        if ((text[0] == '\'' && text[^1] == '\'') || (text[0] == '"' && text[^1] == '"'))
            text = text[1..^1];
        else
            text = text.Replace("\\ ", " ", StringComparison.Ordinal);
        if (text.StartsWith("file://", StringComparison.Ordinal) && Uri.TryCreate(text, UriKind.Absolute, out var uri) && uri.IsFile)
            text = uri.LocalPath;
        return Path.IsPathFullyQualified(text) && FileMentions.IsImageName(text) && File.Exists(text) ? text : null;
    }

    /// <summary>The entry with every paste placeholder replaced by its text.</summary>
    internal string Expand(string text)
    {
        foreach (var (placeholder, pasted) in _pastes)
            text = text.Replace(placeholder, pasted, StringComparison.Ordinal);
        return text;
    }

    private async Task<string?> ReadCoreAsync(string prompt, Queue<KeyInput> typeAhead, CancellationToken cancellationToken)
    {
        var buffer = new LineBuffer();
        _status = terminal.IsTerminal ? Status?.Invoke() ?? [] : [];
        _menu.Reset(Commands?.Invoke() ?? []);
        var historyIndex = history.Entries.Count;
        var draft = "";
        var interrupted = false;
        _pastes.Clear();
        _pastedImages.Clear();
        _renderedRows = 0;
        _cursorRow = 0;
        // Keys already waiting, taken to see whether more input follows: the prompt is redrawn once a burst (a paste
        // without bracketed paste, the type-ahead) is in, not after each of its keys.
        var waiting = new Queue<KeyInput>();
        bool TryNext(out KeyInput next) => waiting.TryDequeue(out next) || keys.TryRead(out next);
        bool MoreWaiting()
        {
            if (typeAhead.Count > 0 || waiting.Count > 0)
                return true;
            if (!keys.TryRead(out var next))
                return false;
            waiting.Enqueue(next);
            return true;
        }

        Render(prompt, buffer);
        while (true)
        {
            var replayed = typeAhead.TryDequeue(out var input);
            if (!replayed && !waiting.TryDequeue(out input))
                input = await keys.ReadAsync(cancellationToken);
            if (input.Paste is { } pasted)
            {
                InsertPaste(buffer, pasted);
                if (!MoreWaiting())
                    Render(prompt, buffer);
                continue;
            }

            var key = input.Key;
            // Typed ahead: an Enter that ends what was typed sends it (it was shown as queued); one inside it adds a line.
            if (replayed && key.Key == ConsoleKey.Enter && typeAhead.Count > 0)
                key = new ConsoleKeyInfo('\n', ConsoleKey.Enter, shift: false, alt: true, control: false);
            var menuOpen = _menu.IsOpen(buffer);
            var control = (key.Modifiers & ConsoleModifiers.Control) != 0;
            var alt = (key.Modifiers & ConsoleModifiers.Alt) != 0;
            if (replayed && control && key.Key == ConsoleKey.D)
                continue; // typed ahead, Ctrl-D never exits (nor deletes) unseen
            var wasInterrupted = interrupted;
            interrupted = false;
            switch (key.Key)
            {
                case ConsoleKey.Enter when alt:
                    buffer.Insert("\n");
                    break;
                case ConsoleKey.Enter when menuOpen && !replayed && _menu.Selected is { } chosen && chosen != buffer.Text:
                    buffer.Set(chosen);
                    Finish(prompt, buffer);
                    history.Add(chosen);
                    return chosen;
                case ConsoleKey.Tab when menuOpen && _menu.Selected is { } completion:
                    buffer.Set(completion + " ");
                    break;
                case ConsoleKey.UpArrow when menuOpen:
                    _menu.Move(-1);
                    break;
                case ConsoleKey.DownArrow when menuOpen:
                    _menu.Move(1);
                    break;
                case ConsoleKey.Escape when menuOpen:
                    _menu.Dismiss(buffer);
                    break;
                case ConsoleKey.Enter:
                    if (buffer.Cursor == buffer.Text.Length && buffer.Text.EndsWith('\\'))
                    {
                        buffer.Backspace();
                        buffer.Insert("\n");
                        break;
                    }

                    Finish(prompt, buffer);
                    var entry = Expand(buffer.Text);
                    history.Add(entry);
                    return entry;
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
                    if (_pastes.Keys.FirstOrDefault(p => buffer.Text.AsSpan(0, buffer.Cursor).EndsWith(p, StringComparison.Ordinal)) is { } placeholder)
                        buffer.DeleteBefore(placeholder.Length);
                    else
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
                case ConsoleKey.Tab when mentions is not null && FileMentions.TryFindPartial(buffer.Text, buffer.Cursor, out var start, out var partial):
                    Complete(prompt, buffer, start, partial);
                    break;
                case ConsoleKey.Tab:
                    buffer.Insert(Tab);
                    break;
                default:
                    if (key.KeyChar >= ' ' && !control)
                    {
                        var text = new StringBuilder().Append(key.KeyChar);
                        // A pasted or composed run of characters (and surrogate pairs) arrives together.
                        while (char.IsHighSurrogate(text[^1]) && (typeAhead.TryDequeue(out var low) || TryNext(out low)))
                            text.Append(low.Key.KeyChar);
                        buffer.Insert(text.ToString());
                    }
                    else
                    {
                        continue;
                    }

                    break;
            }

            if (!MoreWaiting())
                Render(prompt, buffer);
        }
    }

    /// <summary>Inserts a paste: inline when small, else as a placeholder expanded when the entry is sent.</summary>
    private void InsertPaste(LineBuffer buffer, string pasted)
    {
        if (PastedImagePath(pasted) is { } image)
        {
            // A dropped or pasted image file becomes a mention, attached when the entry is sent (wherever it lies).
            var before = buffer.Cursor > 0 && !char.IsWhiteSpace(buffer.Text[buffer.Cursor - 1]) ? " " : "";
            buffer.Insert(before + FileMentions.Format(image, complete: true) + " ");
            _pastedImages.Add(image);
            return;
        }

        pasted = pasted.ReplaceLineEndings("\n");
        var lines = pasted.TrimEnd('\n').Split('\n').Length;
        if (lines <= PasteMaxLines && pasted.Length <= PasteMaxChars)
        {
            buffer.Insert(pasted);
            return;
        }

        _pasteCount++;
        var placeholder = string.Format(CultureInfo.InvariantCulture, lines > 1 ? Text.Strings.TuiPastedLines : Text.Strings.TuiPastedChars,
            _pasteCount, lines, pasted.Length);
        _pastes[placeholder] = pasted;
        buffer.Insert(placeholder);
    }

    /// <summary>
    /// Completes the <c>@path</c> before the cursor: one match is filled in; several fill their common prefix and are
    /// listed under the prompt.
    /// </summary>
    private void Complete(string prompt, LineBuffer buffer, int start, string partial)
    {
        var candidates = mentions!.Complete(partial);
        if (candidates.Count == 0)
            return;
        var single = candidates.Count == 1;
        var completion = single ? candidates[0] : FileMentions.CommonPrefix(candidates);
        if (completion.Length < partial.Length)
            completion = partial;
        var closed = single && !completion.EndsWith('/');
        buffer.Replace(start, buffer.Cursor, FileMentions.Format(completion, closed) + (closed ? " " : ""));
        if (single)
            return;
        Finish(prompt, buffer);
        var names = candidates.Take(MaxCandidates).Select(c => Path.GetFileName(c.TrimEnd('/')) + (c.EndsWith('/') ? "/" : ""));
        var listing = string.Join("  ", names) + (candidates.Count > MaxCandidates ? "  …" : "");
        foreach (var row in TextWrapper.Wrap(listing, terminal.Width))
            terminal.WriteLine(terminal.Ansi.Dim(row));
        _renderedRows = 0;
        _cursorRow = 0;
    }

    /// <summary>What goes under the entry: the slash menu while it is open, else the status rows.</summary>
    private IReadOnlyList<string> Below(LineBuffer buffer) =>
        _menu.IsOpen(buffer) ? _menu.Rows(buffer, terminal.Width - 1, terminal.Ansi) : [.. _status.Select(r => TurnRenderer.Truncate(r, terminal.Width - 1))];

    /// <summary>Redraws the prompt and the buffer (and, with <paramref name="footer"/>, the rows under it), the cursor where it belongs.</summary>
    private void Render(string prompt, LineBuffer buffer, bool footer = true)
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
            // A tab is shown as four spaces (the buffer keeps the tab), so widths and the cursor stay right.
            var shown = lines[i].Replace("\t", Tab, StringComparison.Ordinal);
            output.Append(i == 0 ? terminal.Ansi.Bold(prompt) : continuation).Append(shown);
            var width = TextWidth.Of(head) + TextWidth.Of(shown);
            if (buffer.Cursor >= offset && buffer.Cursor <= offset + lines[i].Length)
            {
                var before = TextWidth.Of(head) + TextWidth.Of(lines[i][..(buffer.Cursor - offset)].Replace("\t", Tab, StringComparison.Ordinal));
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

        var below = footer ? Below(buffer) : [];
        foreach (var row in below)
            output.Append('\n').Append(row);
        var up = rows - 1 - cursorRow + below.Count;
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
        Render(prompt, atEnd, footer: false);
        terminal.Write("\n");
    }
}
