using System.Diagnostics;
using Wright.Tests.E2E;

namespace Wright.Tests.Safety;

/// <summary>
/// The real dist/wright ends on SIGTERM whatever it is doing, and a command cannot block it through a file it
/// controls (issue 12: a working-directory record swapped for a FIFO kept Wright in open() for 11 minutes).
/// </summary>
public sealed class TerminationTests
{
    private const int SigTerm = 15;

    [Fact]
    public async Task Sigterm_ends_a_run_blocked_reading_its_prompt()
    {
        using var wright = new WrightProcess { Environment = { ["DEEPSEEK_API_KEY"] = "k", ["DEEPSEEK_BASE_URL"] = "http://127.0.0.1:9/v1" } };
        using var process = Process.Start(wright.StartInfo(["-p", "-", "--model", "deepseek/deepseek-chat"]))!;
        try
        {
            // stdin stays open and empty: Wright waits for the prompt in a read no token cancels.
            var stderr = process.StandardError.ReadToEndAsync(TestContext.Current.CancellationToken);
            Assert.True(await WaitUntilReadingStdinAsync(process.Id, TimeSpan.FromSeconds(20)), "wright never waited for its prompt");
            Assert.Equal(0, Posix.Kill(process.Id, SigTerm));

            using var deadline = new CancellationTokenSource(TimeSpan.FromSeconds(15));
            var ended = await WaitAsync(process, deadline.Token);

            Assert.True(ended, "wright ignored SIGTERM");
            Assert.NotEqual(0, process.ExitCode);
            _ = await stderr;
        }
        finally
        {
            if (!process.HasExited)
                process.Kill();
        }
    }

    [Fact]
    public async Task A_command_that_swaps_its_working_directory_record_for_a_fifo_does_not_hang_the_run()
    {
        const string Fixtures = """
            {"fixtures":[
              {"match":{"userMessage":"plant","hasToolResult":false},"response":{"toolCalls":[{"name":"shell","arguments":"{\"command\":\"mkfifo f; ln -sf \\\"$PWD/f\\\" \\\"$WRIGHT_CWD_FILE\\\"; echo planted\",\"timeout_ms\":3000}"}]}},
              {"match":{"userMessage":"plant","hasToolResult":true},"response":{"content":"done"}}
            ]}
            """;
        await using var mock = await AimockServer.StartAsync(Fixtures);
        using var wright = new WrightProcess { Environment = { ["DEEPSEEK_BASE_URL"] = mock.BaseUrl + "/v1", ["DEEPSEEK_API_KEY"] = "k" } };
        using var process = Process.Start(wright.StartInfo(["-p", "plant", "--model", "deepseek/deepseek-chat", "--output-format", "stream-json", "--permission-mode", "auto"]))!;
        process.StandardInput.Close();
        var stdout = process.StandardOutput.ReadToEndAsync(TestContext.Current.CancellationToken);
        var stderr = process.StandardError.ReadToEndAsync(TestContext.Current.CancellationToken);
        try
        {
            using var deadline = new CancellationTokenSource(TimeSpan.FromSeconds(40));
            var ended = await WaitAsync(process, deadline.Token);
            if (!ended)
            {
                // Still blocked: SIGTERM must end it anyway.
                Posix.Kill(process.Id, SigTerm);
                using var second = new CancellationTokenSource(TimeSpan.FromSeconds(15));
                Assert.True(await WaitAsync(process, second.Token), "wright hung on the FIFO and ignored SIGTERM");
            }

            Assert.True(ended, "wright hung on a FIFO the command planted");
            var run = new WrightRun(process.ExitCode, await stdout, await stderr);
            Assert.True(run.ExitCode == 0, run.ToString());
            Assert.Contains("planted", Assert.Single(run.Events("tool_call_finished")).GetProperty("result").GetString());
        }
        finally
        {
            if (!process.HasExited)
            {
                var fd = Posix.Open(wright.File("f"), Posix.OWrOnly | Posix.ONonBlock);
                if (fd >= 0)
                    Posix.Close(fd);
                process.Kill(entireProcessTree: true);
            }
        }
    }

    /// <summary>Waits until one of the process's threads sits in read() on its stdin pipe (/proc/PID/task/TID/syscall: "0 0xFD …").</summary>
    private static async Task<bool> WaitUntilReadingStdinAsync(int pid, TimeSpan deadline)
    {
        return await HostCanaries.WaitUntilAsync(() =>
        {
            try
            {
                var stdin = new FileInfo($"/proc/{pid}/fd/0").LinkTarget;
                return Directory.EnumerateDirectories($"/proc/{pid}/task")
                    .Select(task => File.ReadAllText(Path.Combine(task, "syscall")).Split(' '))
                    .Any(call => call is ["0", var fd, ..] && new FileInfo($"/proc/{pid}/fd/{Convert.ToInt32(fd, 16)}").LinkTarget == stdin);
            }
            catch (IOException)
            {
                return false;
            }
        }, deadline);
    }

    private static async Task<bool> WaitAsync(Process process, CancellationToken deadline)
    {
        try
        {
            await process.WaitForExitAsync(deadline);
            return true;
        }
        catch (OperationCanceledException)
        {
            return false;
        }
    }
}
