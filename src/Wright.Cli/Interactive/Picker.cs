using System.Globalization;
using Wright.Cli.Text;

namespace Wright.Cli.Interactive;

/// <summary>
/// A list to choose one item from, drawn in place under the current line: arrows (and Page Up/Down) move the selection,
/// typing filters (every word must occur), Backspace unfilters, Enter chooses, Esc or Ctrl-C cancels. Once closed,
/// only the title and the outcome stay on the screen.
/// </summary>
internal sealed class Picker(IKeySource keys, TerminalOutput terminal)
{
    /// <summary>Items shown at once; the list scrolls.</summary>
    public const int Visible = 10;

    private int _drawn;

    /// <summary>The chosen item, or null when cancelled (or the keys ran out).</summary>
    public async Task<string?> PickAsync(string title, IReadOnlyList<string> items, string? initial, CancellationToken cancellationToken,
        Func<string, string>? describe = null)
    {
        var filter = "";
        var matches = items.ToList();
        var selected = Math.Max(0, matches.IndexOf(initial ?? ""));
        _drawn = 0;
        terminal.WriteLine(terminal.Ansi.Bold(TurnRenderer.Truncate(title, terminal.Width - 1)));
        while (true)
        {
            Draw(matches, selected, filter, describe);
            KeyInput input;
            try
            {
                input = await keys.ReadAsync(cancellationToken);
            }
            catch (System.Threading.Channels.ChannelClosedException)
            {
                Erase();
                return null;
            }

            if (input.Paste is { } pasted)
            {
                filter += pasted.ReplaceLineEndings(" ").Trim();
            }
            else
            {
                var key = input.Key;
                var control = (key.Modifiers & ConsoleModifiers.Control) != 0;
                switch (key.Key)
                {
                    case ConsoleKey.Enter when matches.Count > 0:
                        Erase();
                        terminal.WriteLine("  " + terminal.Ansi.Cyan(matches[selected]));
                        return matches[selected];
                    case ConsoleKey.Enter:
                        continue;
                    case ConsoleKey.Escape:
                    case ConsoleKey.C when control:
                    case ConsoleKey.D when control:
                        Erase();
                        terminal.WriteLine("  " + terminal.Ansi.Dim(Strings.TuiPickerCancelled));
                        return null;
                    case ConsoleKey.UpArrow:
                    case ConsoleKey.P when control:
                        selected = matches.Count == 0 ? 0 : (selected - 1 + matches.Count) % matches.Count;
                        continue;
                    case ConsoleKey.DownArrow:
                    case ConsoleKey.Tab:
                    case ConsoleKey.N when control:
                        selected = matches.Count == 0 ? 0 : (selected + 1) % matches.Count;
                        continue;
                    case ConsoleKey.PageUp:
                        selected = Math.Max(0, selected - Visible);
                        continue;
                    case ConsoleKey.PageDown:
                        selected = Math.Max(0, Math.Min(matches.Count - 1, selected + Visible));
                        continue;
                    case ConsoleKey.Backspace when filter.Length > 0:
                        filter = filter[..^1];
                        break;
                    case ConsoleKey.U when control:
                        filter = "";
                        break;
                    default:
                        if (key.KeyChar >= ' ' && !control)
                            filter += key.KeyChar;
                        else
                            continue;
                        break;
                }
            }

            var current = matches.Count > 0 ? matches[selected] : null;
            matches = Filter(items, filter);
            selected = Math.Max(0, current is null ? 0 : matches.IndexOf(current));
        }
    }

    /// <summary>The items that contain every word of <paramref name="filter"/> (ignoring case), in their order.</summary>
    internal static List<string> Filter(IReadOnlyList<string> items, string filter)
    {
        var words = filter.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        return [.. items.Where(item => words.All(w => item.Contains(w, StringComparison.OrdinalIgnoreCase)))];
    }

    private void Draw(List<string> matches, int selected, string filter, Func<string, string>? describe)
    {
        var ansi = terminal.Ansi;
        var width = terminal.Width - 1;
        var rows = new List<string>();
        var first = Math.Clamp(selected - (Visible / 2), 0, Math.Max(0, matches.Count - Visible));
        for (var i = first; i < Math.Min(matches.Count, first + Visible); i++)
        {
            var text = (i == selected ? "› " : "  ") + matches[i] + (describe?.Invoke(matches[i]) is { Length: > 0 } d ? "  " + d : "");
            text = TurnRenderer.Truncate(text, width);
            rows.Add(i == selected ? ansi.Bold(ansi.Cyan(text)) : text);
        }

        if (matches.Count == 0)
            rows.Add(ansi.Dim("  " + Strings.TuiPickerNoMatch));
        var position = matches.Count > Visible ? $" ({selected + 1}/{matches.Count})" : "";
        var status = (filter.Length > 0 ? string.Format(CultureInfo.InvariantCulture, Strings.TuiPickerFilter, filter) + " · " : "") + Strings.TuiPickerHint + position;
        rows.Add(ansi.Dim(TurnRenderer.Truncate(status, width)));
        if (!terminal.IsTerminal)
            return;
        lock (terminal.Lock)
        {
            var output = new System.Text.StringBuilder();
            if (_drawn > 1)
                output.Append("\x1b[").Append(_drawn - 1).Append('A');
            output.Append("\r\x1b[J").Append(string.Join("\n", rows));
            terminal.Write(output.ToString());
            _drawn = rows.Count;
        }
    }

    private void Erase()
    {
        if (!terminal.IsTerminal || _drawn == 0)
            return;
        terminal.Write((_drawn > 1 ? $"\x1b[{_drawn - 1}A" : "") + "\r\x1b[J");
        _drawn = 0;
    }
}
