using System.Globalization;
using System.Text;

namespace Wright.Cli.Interactive;

/// <summary>The text being edited and the cursor (an index into it, always at a text-element boundary).</summary>
internal sealed class LineBuffer
{
    private readonly StringBuilder _text = new();

    public string Text => _text.ToString();

    public int Cursor { get; private set; }

    public bool IsEmpty => _text.Length == 0;

    public void Set(string text)
    {
        _text.Clear().Append(text);
        Cursor = text.Length;
    }

    public void Insert(string text)
    {
        _text.Insert(Cursor, text);
        Cursor += text.Length;
    }

    /// <summary>Deletes the <paramref name="length"/> characters before the cursor (a paste placeholder).</summary>
    public void DeleteBefore(int length)
    {
        length = Math.Min(length, Cursor);
        _text.Remove(Cursor - length, length);
        Cursor -= length;
    }

    /// <summary>Replaces the text from <paramref name="start"/> to <paramref name="end"/>; the cursor goes after it.</summary>
    public void Replace(int start, int end, string text)
    {
        _text.Remove(start, end - start).Insert(start, text);
        Cursor = start + text.Length;
    }

    public void Backspace()
    {
        if (Cursor == 0)
            return;
        var previous = PreviousBoundary(Cursor);
        _text.Remove(previous, Cursor - previous);
        Cursor = previous;
    }

    public void Delete()
    {
        if (Cursor >= _text.Length)
            return;
        var next = NextBoundary(Cursor);
        _text.Remove(Cursor, next - Cursor);
    }

    public void Left() => Cursor = PreviousBoundary(Cursor);

    public void Right() => Cursor = NextBoundary(Cursor);

    /// <summary>To the start of the current line.</summary>
    public void Home()
    {
        var text = Text;
        Cursor = Cursor == 0 ? 0 : text.LastIndexOf('\n', Cursor - 1) + 1;
    }

    /// <summary>To the end of the current line.</summary>
    public void End()
    {
        var newline = Text.IndexOf('\n', Cursor);
        Cursor = newline < 0 ? _text.Length : newline;
    }

    /// <summary>Deletes from the start of the current line to the cursor (Ctrl-U).</summary>
    public void DeleteToLineStart()
    {
        var end = Cursor;
        Home();
        _text.Remove(Cursor, end - Cursor);
    }

    /// <summary>Deletes from the cursor to the end of the current line (Ctrl-K).</summary>
    public void DeleteToLineEnd()
    {
        var start = Cursor;
        End();
        _text.Remove(start, Cursor - start);
        Cursor = start;
    }

    /// <summary>Deletes the word before the cursor (Ctrl-W).</summary>
    public void DeleteWord()
    {
        var end = Cursor;
        var text = Text;
        var i = end;
        while (i > 0 && text[i - 1] == ' ')
            i--;
        while (i > 0 && text[i - 1] is not ' ' and not '\n')
            i--;
        _text.Remove(i, end - i);
        Cursor = i;
    }

    public void Clear()
    {
        _text.Clear();
        Cursor = 0;
    }

    private int PreviousBoundary(int index)
    {
        if (index <= 0)
            return 0;
        var text = Text;
        var previous = 0;
        var enumerator = StringInfo.GetTextElementEnumerator(text);
        while (enumerator.MoveNext() && enumerator.ElementIndex < index)
            previous = enumerator.ElementIndex;
        return previous;
    }

    private int NextBoundary(int index)
    {
        var text = Text;
        if (index >= text.Length)
            return text.Length;
        return index + StringInfo.GetNextTextElementLength(text, index);
    }
}
