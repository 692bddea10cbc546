using System.Threading.Channels;

namespace Wright.Cli.Interactive;

/// <summary>
/// Reads the terminal's keys on one background thread (Ctrl-C arrives as a key, not a signal) into a queue, so the
/// prompt, the approval dialog and the Esc-to-interrupt watcher share one reader.
/// </summary>
internal sealed class ConsoleKeySource : IKeySource
{
    private readonly Channel<ConsoleKeyInfo> _keys = Channel.CreateUnbounded<ConsoleKeyInfo>(new UnboundedChannelOptions { SingleWriter = true });

    public ConsoleKeySource()
    {
        Console.TreatControlCAsInput = true;
        var thread = new Thread(Pump) { IsBackground = true, Name = "wright-keys" };
        thread.Start();
    }

    public ValueTask<ConsoleKeyInfo> ReadKeyAsync(CancellationToken cancellationToken) => _keys.Reader.ReadAsync(cancellationToken);

    public bool TryReadKey(out ConsoleKeyInfo key) => _keys.Reader.TryRead(out key);

    private void Pump()
    {
        try
        {
            while (true)
            {
                var key = Console.ReadKey(intercept: true);
                // An Enter with more input already waiting is part of a paste: a new line, not "send".
                if (key.Key == ConsoleKey.Enter && key.Modifiers == 0 && Console.KeyAvailable)
                    key = new ConsoleKeyInfo('\n', ConsoleKey.Enter, shift: false, alt: true, control: false);
                _keys.Writer.TryWrite(key);
            }
        }
        catch (InvalidOperationException)
        {
            _keys.Writer.TryComplete();
        }
        catch (IOException)
        {
            _keys.Writer.TryComplete();
        }
    }
}
