namespace Wright.Cli.Interactive;

/// <summary>Prompt history, persisted one entry per line in <c>$WRIGHT_HOME/history</c> (newlines escaped).</summary>
internal sealed class InputHistory
{
    private const int Limit = 1000;
    private readonly string? _path;
    private readonly List<string> _entries = [];

    public InputHistory(string? path)
    {
        _path = path;
        if (path is null || !File.Exists(path))
            return;
        try
        {
            foreach (var line in File.ReadLines(path))
            {
                if (line.Length > 0)
                    _entries.Add(Unescape(line));
            }
        }
        catch (IOException)
        {
        }
        catch (UnauthorizedAccessException)
        {
        }
    }

    public IReadOnlyList<string> Entries => _entries;

    public void Add(string entry)
    {
        if (string.IsNullOrWhiteSpace(entry) || (_entries.Count > 0 && _entries[^1] == entry))
            return;
        _entries.Add(entry);
        if (_path is null)
            return;
        try
        {
            if (_entries.Count > Limit * 2)
            {
                _entries.RemoveRange(0, _entries.Count - Limit);
                File.WriteAllLines(_path, _entries.Select(Escape));
            }
            else
            {
                File.AppendAllLines(_path, [Escape(entry)]);
            }
        }
        catch (IOException)
        {
        }
        catch (UnauthorizedAccessException)
        {
        }
    }

    internal static string Escape(string entry) => entry.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\n", "\\n", StringComparison.Ordinal);

    internal static string Unescape(string line)
    {
        var result = new System.Text.StringBuilder(line.Length);
        for (var i = 0; i < line.Length; i++)
        {
            if (line[i] == '\\' && i + 1 < line.Length)
            {
                i++;
                result.Append(line[i] == 'n' ? '\n' : line[i]);
            }
            else
            {
                result.Append(line[i]);
            }
        }

        return result.ToString();
    }
}
