namespace Wright.Sessions.Rewind;

/// <summary>A finished git process: exit code, raw standard output and trimmed standard error.</summary>
internal sealed record GitResult(int ExitCode, byte[] Output, string Error)
{
    /// <summary>Standard output as UTF-8 text with the trailing newline removed.</summary>
    public string Text => System.Text.Encoding.UTF8.GetString(Output).TrimEnd('\n');
}
