namespace Wright.Cli.Hosting;

/// <summary>Headless output formats.</summary>
internal enum OutputFormat
{
    Text,
    Json,
    StreamJson,

    /// <summary><c>wright exec --json</c>: Codex's <c>exec --json</c> events (<see cref="CodexStream"/>).</summary>
    CodexJson,
}
