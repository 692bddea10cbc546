namespace Wright.Cli.Interactive;

/// <summary>Where key presses (and bracketed pastes) come from: the terminal, or a script in tests.</summary>
internal interface IKeySource
{
    /// <summary>The next key press or paste.</summary>
    ValueTask<KeyInput> ReadAsync(CancellationToken cancellationToken);

    /// <summary>Takes a key press or paste that is already waiting, if any.</summary>
    bool TryRead(out KeyInput input);
}
