namespace Wright.Tools;

/// <summary>Settings of the built-in tools.</summary>
public sealed class ToolOptions
{
    /// <summary>Shell timeout when the model gives none.</summary>
    public TimeSpan DefaultShellTimeout { get; init; } = TimeSpan.FromSeconds(120);

    /// <summary>The longest timeout the model may ask for.</summary>
    public TimeSpan MaxShellTimeout { get; init; } = TimeSpan.FromMinutes(10);

    /// <summary>Environment variables that reach commands besides the harmless ones (<c>shell.allowed_secret_env</c>; <c>PREFIX*</c> allows a prefix).</summary>
    public IReadOnlyCollection<string> AllowedSecretEnvVars { get; init; } = [];

    /// <summary>Characters of command output the model sees before head/tail elision.</summary>
    public int MaxShellOutputChars { get; init; } = 30_000;

    /// <summary>Bytes of a command's output kept on disk (the saved full output, a background job's log); the rest is counted and dropped.</summary>
    public long MaxSavedOutputBytes { get; init; } = 8L * 1024 * 1024;

    /// <summary>
    /// The editor the file tools read and write workspace text through (an ACP client's <c>fs</c>); null: the disk.
    /// </summary>
    public Files.IEditorFiles? EditorFiles { get; init; }

    /// <summary>Options of web_fetch.</summary>
    public Web.WebFetchOptions WebFetch { get; init; } = new();

    /// <summary>
    /// Turns a command into the process that runs it (the sandbox wraps it); null runs bash directly. Read once per
    /// command, so the runtime can switch it when the permission mode crosses yolo without a restart.
    /// </summary>
    public Shell.ICommandLauncher? Launcher
    {
        get => Volatile.Read(ref _launcher);
        set => Volatile.Write(ref _launcher, value);
    }

    private Shell.ICommandLauncher? _launcher;
}
