using System.Text;

namespace Wright.Tools.Shell;

/// <summary>
/// The command's original stderr, which only Wright reads (the command's own stderr joins its stdout). The EXIT trap
/// writes the final working directory there as one record, <c>\x1eWRIGHT_CWD:PATH\0</c>; anything else (a launcher's
/// own error, such as bubblewrap's) is kept, bounded, to show with the output. A pipe instead of a file: nothing the
/// command does can make Wright open, follow or block on a path.
/// </summary>
internal sealed class ControlChannel
{
    public const string Marker = "\u001eWRIGHT_CWD:";
    private const int MaxText = 64 * 1024;
    private readonly StringBuilder _text = new();

    /// <summary>The working directory of the last record, if any.</summary>
    public string? WorkingDirectory { get; private set; }

    /// <summary>What else arrived (bounded).</summary>
    public string Other { get; private set; } = "";

    /// <summary>Reads the pipe to its end, then parses it.</summary>
    public async Task PumpAsync(StreamReader reader)
    {
        var buffer = new char[4096];
        int read;
        while ((read = await reader.ReadAsync(buffer.AsMemory()).ConfigureAwait(false)) > 0)
        {
            if (_text.Length >= MaxText)
                continue; // keep draining: a command must not block on a full pipe
            _text.Append(buffer, 0, Math.Min(read, MaxText - _text.Length));
            if (Array.IndexOf(buffer, '\0', 0, read) >= 0)
                Parse(_text.ToString()); // a record arrived: known even if a leftover child keeps the pipe open
        }

        Parse(_text.ToString());
    }

    private void Parse(string text)
    {
        var other = new StringBuilder();
        var position = 0;
        while (true)
        {
            var start = text.IndexOf(Marker, position, StringComparison.Ordinal);
            if (start < 0)
            {
                other.Append(text, position, text.Length - position);
                break;
            }

            other.Append(text, position, start - position);
            var end = text.IndexOf('\0', start);
            if (end < 0)
                break; // a cut record: ignored
            WorkingDirectory = text[(start + Marker.Length)..end];
            position = end + 1;
        }

        Other = other.ToString();
    }
}
