namespace Wright.Cli.Interactive;

/// <summary>
/// The menu under the prompt while the entry is a lone <c>/word</c>: the commands whose name starts with the word
/// (then those that contain it), one of them selected (arrows move it, Tab completes it, Enter runs it, Esc hides the
/// menu until the entry changes).
/// </summary>
internal sealed class SlashMenu
{
    /// <summary>Rows the menu shows at most; the selection scrolls through the rest.</summary>
    public const int MaxRows = 8;

    private IReadOnlyList<SlashCommand> _commands = [];
    private List<SlashCommand> _matches = [];
    private string? _filter;
    private string? _dismissed;
    private int _selected;

    /// <summary>The command (<c>/name</c>) selected, when the menu is open.</summary>
    public string? Selected => _matches.Count > 0 ? "/" + _matches[_selected].Name : null;

    public void Reset(IReadOnlyList<SlashCommand> commands)
    {
        _commands = commands;
        _matches = [];
        _filter = null;
        _dismissed = null;
        _selected = 0;
    }

    /// <summary>Whether the menu shows for this entry: a lone <c>/word</c> with the cursor at its end and a match.</summary>
    public bool IsOpen(LineBuffer buffer)
    {
        var text = buffer.Text;
        if (text.Length == 0 || text[0] != '/' || buffer.Cursor != text.Length || text.Any(char.IsWhiteSpace) || text == _dismissed)
            return false;
        Filter(text[1..]);
        return _matches.Count > 0;
    }

    public void Move(int step)
    {
        if (_matches.Count > 0)
            _selected = (_selected + step + _matches.Count) % _matches.Count;
    }

    /// <summary>Esc: hidden until the entry changes.</summary>
    public void Dismiss(LineBuffer buffer) => _dismissed = buffer.Text;

    /// <summary>The menu's rows, each cut to <paramref name="columns"/>; the selected one is marked and bold.</summary>
    public IReadOnlyList<string> Rows(LineBuffer buffer, int columns, Ansi ansi)
    {
        if (!IsOpen(buffer))
            return [];
        var first = Math.Clamp(_selected - (MaxRows - 1), 0, Math.Max(0, _matches.Count - MaxRows));
        var nameWidth = Math.Min(22, _matches.Max(m => TextWidth.Of(m.Name)) + 1);
        var rows = new List<string>();
        for (var i = first; i < Math.Min(_matches.Count, first + MaxRows); i++)
        {
            var command = _matches[i];
            var name = "/" + command.Name;
            var padded = name + new string(' ', Math.Max(1, nameWidth + 2 - TextWidth.Of(name)));
            var line = TurnRenderer.Truncate((i == _selected ? "› " : "  ") + padded + command.Description.ReplaceLineEndings(" "), columns);
            rows.Add(i == _selected ? ansi.Bold(ansi.Cyan(line)) : ansi.Dim(line));
        }

        if (_matches.Count > MaxRows)
            rows.Add(ansi.Dim(TurnRenderer.Truncate($"  ({_selected + 1}/{_matches.Count})", columns)));
        return rows;
    }

    private void Filter(string word)
    {
        if (word == _filter)
            return;
        var previous = Selected;
        _filter = word;
        _matches =
        [
            .. _commands.Where(c => c.Name.StartsWith(word, StringComparison.OrdinalIgnoreCase)),
            .. _commands.Where(c => !c.Name.StartsWith(word, StringComparison.OrdinalIgnoreCase) && c.Name.Contains(word, StringComparison.OrdinalIgnoreCase)),
        ];
        var keep = _matches.FindIndex(m => "/" + m.Name == previous);
        _selected = word.Length == 0 && keep >= 0 ? keep : 0;
    }
}
