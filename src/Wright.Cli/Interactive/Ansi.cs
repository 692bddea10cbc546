namespace Wright.Cli.Interactive;

/// <summary>SGR styling that disappears when colour is off (NO_COLOR, --no-color, not a terminal).</summary>
internal sealed class Ansi(bool enabled)
{
    public bool Enabled => enabled;

    public string Bold(string text) => Wrap("1", text);

    public string Dim(string text) => Wrap("2", text);

    public string Italic(string text) => Wrap("3", text);

    public string Red(string text) => Wrap("31", text);

    public string Green(string text) => Wrap("32", text);

    public string Yellow(string text) => Wrap("33", text);

    public string Underline(string text) => Wrap("4", text);

    public string Blue(string text) => Wrap("34", text);

    public string Cyan(string text) => Wrap("36", text);

    /// <summary>An OSC 8 hyperlink around <paramref name="text"/> (only with colour: a plain stream stays escape-free).</summary>
    public string Link(string text, string url) => enabled ? $"\x1b]8;;{url}\x1b\\{text}\x1b]8;;\x1b\\" : text;

    public string Magenta(string text) => Wrap("35", text);

    /// <summary>
    /// <paramref name="style"/> around text that has styled spans of its own (bold text with inline code): the style
    /// is opened again after each of their resets, so it lasts to its end.
    /// </summary>
    public string Nested(Func<string, string> style, string text)
    {
        if (!enabled || !text.Contains("\x1b[0m", StringComparison.Ordinal))
            return style(text);
        var open = style(" ");
        open = open[..open.IndexOf(' ', StringComparison.Ordinal)];
        return style(text.Replace("\x1b[0m", "\x1b[0m" + open, StringComparison.Ordinal));
    }

    private string Wrap(string code, string text) => enabled && text.Length > 0 ? $"\x1b[{code}m{text}\x1b[0m" : text;
}
