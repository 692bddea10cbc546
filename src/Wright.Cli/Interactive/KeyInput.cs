namespace Wright.Cli.Interactive;

/// <summary>One thing the terminal sent: a key press, or a whole bracketed paste (<see cref="Paste"/> is its text).</summary>
internal readonly record struct KeyInput(ConsoleKeyInfo Key, string? Paste = null)
{
    public static implicit operator KeyInput(ConsoleKeyInfo key) => new(key);

    /// <summary>True for a bracketed paste.</summary>
    public bool IsPaste => Paste is not null;

    public static KeyInput Pasted(string text) => new(default, text);
}
