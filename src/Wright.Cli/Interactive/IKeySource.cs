namespace Wright.Cli.Interactive;

/// <summary>Where key presses come from: the terminal, or a script in tests.</summary>
internal interface IKeySource
{
    /// <summary>The next key press.</summary>
    ValueTask<ConsoleKeyInfo> ReadKeyAsync(CancellationToken cancellationToken);

    /// <summary>Takes a key press that is already waiting, if any.</summary>
    bool TryReadKey(out ConsoleKeyInfo key);
}
