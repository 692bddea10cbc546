namespace Wright.Cli.Hosting;

/// <summary>Headless output formats.</summary>
internal enum OutputFormat
{
    Text,
    Json,
    StreamJson,
}
