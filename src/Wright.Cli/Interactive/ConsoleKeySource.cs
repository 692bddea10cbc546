using System.Threading.Channels;

namespace Wright.Cli.Interactive;

/// <summary>
/// Reads the terminal's keys on one background thread (Ctrl-C arrives as a key, not a signal) into a queue, so the
/// prompt, the approval dialog and the Esc-to-interrupt watcher share one reader. Bracketed pastes arrive whole.
/// </summary>
internal sealed class ConsoleKeySource : IKeySource
{
    private readonly Channel<KeyInput> _keys = Channel.CreateUnbounded<KeyInput>(new UnboundedChannelOptions { SingleWriter = true });

    public ConsoleKeySource()
    {
        Console.TreatControlCAsInput = true;
        var thread = new Thread(Pump) { IsBackground = true, Name = "wright-keys" };
        thread.Start();
    }

    public ValueTask<KeyInput> ReadAsync(CancellationToken cancellationToken) => _keys.Reader.ReadAsync(cancellationToken);

    public bool TryRead(out KeyInput input) => _keys.Reader.TryRead(out input);

    private void Pump()
    {
        try
        {
            var reader = new BracketedPaste(() => Console.ReadKey(intercept: true), () => Console.KeyAvailable);
            while (true)
                _keys.Writer.TryWrite(reader.Read());
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
