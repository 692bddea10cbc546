namespace Wright.Tools.Search;

/// <summary>Finding the matching lines of a decoded text, with ripgrep's line semantics.</summary>
internal sealed partial class FileSearcher
{
    /// <summary>Fills <see cref="_matched"/> (line, start, end; ascending); whether anything matched.</summary>
    private bool Find(ReadOnlySpan<char> text)
    {
        _matched.Clear();
        if (_query.Literals is { } literals)
        {
            LiteralSet.Reset(_literalCursor);
            if (literals.Next(text, 0, _literalCursor) < 0)
                return false;
        }

        if (_query.Multiline)
            MultilineMatches(text);
        else if (_query.Literals is not null || _query.TextRegex is not null)
            CandidateMatches(text);
        else
            LineMatches(text);
        return _matched.Count > 0;
    }

    /// <summary>
    /// Skips to the next line that can match: one holding a required literal, else one where a whole-text scan
    /// finds a match starting; only that line is checked, then the search goes on after it.
    /// </summary>
    private void CandidateMatches(ReadOnlySpan<char> text)
    {
        var position = 0;
        var line = 0;
        var counted = 0;
        while (position < text.Length)
        {
            int index;
            var length = -1;
            if (_query.Literals is { } literals)
            {
                index = literals.Next(text, position, _literalCursor);
            }
            else
            {
                index = -1;
                foreach (var m in _query.TextRegex!.EnumerateMatches(text, position))
                {
                    index = m.Index;
                    length = m.Length;
                    break;
                }
            }

            if (index < 0)
                return;
            var start = position + text[position..index].LastIndexOf('\n') + 1;
            var end = text[index..].IndexOf('\n') is var e and >= 0 ? index + e : text.Length;
            // The trailing empty segment after a final newline is not a line (as for ripgrep).
            if (start == text.Length)
                return;
            // Line numbers are shown in content mode only; elsewhere counting them would be wasted.
            if (_query.ContextLines is not null)
            {
                line += Newlines.Count(text[counted..start]);
                counted = start;
            }

            // A regex match inside the line is a match of the line alone; a literal, or a match that runs past the
            // line's end, must be checked against the line.
            if ((length >= 0 && index + length <= end) || _lineRegex.IsMatch(text[start..end]))
            {
                _matched.Add((line, start, end));
                if (_query.FirstOnly)
                    return;
            }

            position = end + 1;
        }
    }

    private void LineMatches(ReadOnlySpan<char> text)
    {
        var line = 0;
        for (var start = 0; start < text.Length; line++)
        {
            var end = text[start..].IndexOf('\n') is var e and >= 0 ? start + e : text.Length;
            // Like ripgrep (without --crlf), a CR before the newline belongs to the line.
            if (_lineRegex.IsMatch(text[start..end]))
            {
                _matched.Add((line, start, end));
                if (_query.FirstOnly)
                    return;
            }

            start = end + 1;
        }
    }

    /// <summary>Multiline mode: every line a match touches counts; positions are left for rendering to find (-1).</summary>
    private void MultilineMatches(ReadOnlySpan<char> text)
    {
        var line = 0;
        var counted = 0;
        var last = -1;
        foreach (var m in _lineRegex.EnumerateMatches(text))
        {
            line += Newlines.Count(text[counted..m.Index]);
            counted = m.Index;
            var through = line + Newlines.Count(text.Slice(m.Index, m.Length));
            for (var l = Math.Max(line, last + 1); l <= through; l++)
                _matched.Add((l, -1, -1));
            last = Math.Max(last, through);
            if (_query.FirstOnly && _matched.Count > 0)
                return;
        }
    }
}
