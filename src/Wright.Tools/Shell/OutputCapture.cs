using System.Text;

namespace Wright.Tools.Shell;

/// <summary>
/// Collects a command's combined output with bounded memory: the head and the tail are kept for the model, and the
/// output streams to a file in the session folder (up to <c>maxSavedBytes</c>; what comes after is counted, not
/// kept) so it can be read afterwards.
/// </summary>
internal sealed class OutputCapture : IDisposable
{
    private readonly Lock _gate = new();
    private readonly int _half;
    private readonly StringBuilder _head = new();
    private readonly StringBuilder _tail = new();
    private readonly StreamWriter _file;
    private readonly long _maxSavedBytes;
    private long _savedBytes;
    private long _droppedChars;
    private long _chars;
    private long _lines;

    public OutputCapture(string path, int maxChars, long maxSavedBytes)
    {
        Path = path;
        _maxSavedBytes = maxSavedBytes;
        _half = Math.Max(1000, maxChars / 2);
        Directory.CreateDirectory(System.IO.Path.GetDirectoryName(path)!);
        // CreateNew (O_EXCL): never through a link someone placed at this path.
        _file = new StreamWriter(new FileStream(path, FileMode.CreateNew, FileAccess.Write, FileShare.Read), new UTF8Encoding(false), 1 << 16);
    }

    public string Path { get; }

    public long Chars
    {
        get { lock (_gate) return _chars; }
    }

    public string Tail(int chars)
    {
        lock (_gate)
        {
            var all = _chars <= _half * 2L ? _head.ToString() + _tail : _tail.ToString();
            return all.Length <= chars ? all : all[^chars..];
        }
    }

    public void Append(ReadOnlySpan<char> chunk)
    {
        lock (_gate)
        {
            Save(chunk);
            _chars += chunk.Length;
            _lines += chunk.Count('\n');
            var room = _half - _head.Length;
            if (room > 0)
            {
                var take = Math.Min(room, chunk.Length);
                _head.Append(chunk[..take]);
                chunk = chunk[take..];
            }

            if (chunk.Length == 0)
                return;
            _tail.Append(chunk);
            if (_tail.Length > _half * 2)
                _tail.Remove(0, _tail.Length - _half);
        }
    }

    /// <summary>The text for the model; the full output file is kept only when something was elided.</summary>
    public string Render(out string? savedPath)
    {
        lock (_gate)
        {
            _file.Flush();
            _file.Dispose();
            var tail = _tail.ToString();
            if (_chars <= _half * 2L)
            {
                savedPath = null;
                TryDelete();
                return _head + tail;
            }

            if (tail.Length > _half)
                tail = tail[^_half..];
            var newline = tail.IndexOf('\n', StringComparison.Ordinal);
            if (newline >= 0 && newline < 200)
                tail = tail[(newline + 1)..];
            var shownLines = _head.ToString().Count(c => c == '\n') + tail.Count(c => c == '\n');
            var elidedChars = _chars - _head.Length - tail.Length;
            savedPath = Path;
            var saved = _droppedChars == 0
                ? $"the full output is in {Path} — read it with read_file"
                : $"the first {_savedBytes / 1048576.0:0.#} MB of the output are in {Path} (read it with read_file); the last {_droppedChars:N0} characters were not saved (the saved output is capped at {_maxSavedBytes / 1048576.0:0.#} MB)";
            return $"{_head}\n[… {Math.Max(0, _lines - shownLines):N0} lines / {elidedChars:N0} characters elided; {saved}]\n{tail}";
        }
    }

    /// <summary>Writes the chunk to the file while it stays under the cap; counts what does not fit.</summary>
    private void Save(ReadOnlySpan<char> chunk)
    {
        if (_droppedChars > 0)
        {
            _droppedChars += chunk.Length;
            return;
        }

        var bytes = Encoding.UTF8.GetByteCount(chunk);
        if (_savedBytes + bytes <= _maxSavedBytes)
        {
            _file.Write(chunk);
            _savedBytes += bytes;
            return;
        }

        // Keep what fits (by characters: a bound within a few bytes), then count the rest.
        var fits = (int)Math.Clamp((_maxSavedBytes - _savedBytes) / 4, 0, chunk.Length);
        _file.Write(chunk[..fits]);
        _savedBytes += Encoding.UTF8.GetByteCount(chunk[..fits]);
        _droppedChars = chunk.Length - fits;
    }

    public void Dispose()
    {
        lock (_gate)
            _file.Dispose();
    }

    private void TryDelete()
    {
        try
        {
            File.Delete(Path);
        }
        catch (IOException)
        {
            // Leaving a small file behind is harmless.
        }
    }
}
