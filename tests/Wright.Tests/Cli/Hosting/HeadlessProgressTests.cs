using Wright.Cli.Hosting;
using Wright.Core.Events;

namespace Wright.Tests.Cli.Hosting;

public sealed class HeadlessProgressTests
{
    private static readonly RetryScheduled Overloaded = new(1, 1000, "overloaded (503)");

    [Fact]
    public async Task Repeated_retries_and_errors_off_a_terminal_are_folded_into_the_first_line_and_one_with_the_count()
    {
        var stderr = new StringWriter();
        var host = new HeadlessHost(OutputFormat.Text, new StringWriter(), stderr);
        await host.ProgressAsync(Overloaded);
        await host.ProgressAsync(Overloaded with { Attempt = 2, DelayMs = 2000 });
        await host.ProgressAsync(Overloaded with { Attempt = 3, DelayMs = 4000 });
        await host.ProgressAsync(new ToolCallRequested("c1", "shell", """{"command":"ls"}"""));
        await host.ProgressAsync(new ErrorOccurred(ErrorKind.Unknown, "boom"));
        await host.ProgressAsync(new ErrorOccurred(ErrorKind.Unknown, "boom"));
        await host.ProgressAsync(new ErrorOccurred(ErrorKind.Unknown, "other"));
        await host.FlushRepeatAsync();

        Assert.Equal(
            [
                "retrying in 1.0s (attempt 1): overloaded (503)",
                "retrying in 4.0s (attempt 3): overloaded (503) (×3)",
                """› shell {"command":"ls"}""",
                "error: boom",
                "error: boom (×2)",
                "error: other",
            ],
            stderr.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries));
    }

    [Fact]
    public async Task On_a_terminal_a_repeated_retry_redraws_its_line_with_the_count()
    {
        var stderr = new StringWriter();
        var host = new HeadlessHost(OutputFormat.Text, new StringWriter(), stderr) { StderrIsTerminal = true };
        await host.ProgressAsync(Overloaded);
        await host.ProgressAsync(Overloaded with { Attempt = 2 });
        await host.ProgressAsync(Overloaded with { Attempt = 3 });
        await host.FlushRepeatAsync();

        Assert.Equal(
            "retrying in 1.0s (attempt 1): overloaded (503)\n"
            + "\x1b[1A\r\x1b[2Kretrying in 1.0s (attempt 2): overloaded (503) (×2)\n"
            + "\x1b[1A\r\x1b[2Kretrying in 1.0s (attempt 3): overloaded (503) (×3)\n",
            stderr.ToString());
    }
}
