using System.Diagnostics;
using System.Text.Json;
using Wright.Tests.Support;

namespace Wright.Tests.E2E;

/// <summary>
/// End to end with a ready ACP client: <c>acpx --approve-all --format json --agent "wright acp" exec "…"</c> (acpx from
/// npm, on the Node 22 of tests/node22) against aimock; the transcript shows the tool call and the answer, and the file
/// the turn wrote is on disk.
/// </summary>
public sealed class AcpxTests
{
    private const string Fixtures = """
        {"fixtures":[
          {"match":{"userMessage":"make greeting","hasToolResult":false},"response":{"toolCalls":[{"name":"write_file","arguments":"{\"path\":\"greeting.txt\",\"content\":\"hello from acpx\\n\"}"}]}},
          {"match":{"userMessage":"make greeting","hasToolResult":true},"response":{"content":"Wrote greeting.txt."}}
        ]}
        """;

    [Fact]
    public async Task Acpx_exec_runs_a_turn_that_writes_a_file()
    {
        await using var mock = await AimockServer.StartAsync(Fixtures);
        using var wright = new WrightProcess();
        var bin = Path.Combine(wright.Root, "bin");
        Directory.CreateDirectory(bin);
        File.CreateSymbolicLink(Path.Combine(bin, "wright"), Path.GetFullPath(WrightProcess.Binary));
        var acpx = Path.Combine(ConformanceSuite.Modules, "acpx", "dist", "cli.js");
        Assert.True(File.Exists(acpx), $"{acpx} is missing: run ./test.sh (scripts/install-deps.sh installs tests/node22).");

        var psi = wright.StartInfo([]);
        psi.FileName = ConformanceSuite.Node;
        psi.ArgumentList.Clear();
        foreach (var a in new[] { acpx, "--approve-all", "--format", "json", "--timeout", "60", "--cwd", wright.Workspace, "--agent", "wright acp", "exec", "make greeting" })
            psi.ArgumentList.Add(a);
        psi.Environment["PATH"] = bin + ":" + Path.GetDirectoryName(ConformanceSuite.Node) + ":/usr/local/bin:/usr/bin:/bin";
        psi.Environment["HOME"] = wright.Root;
        psi.Environment["DEEPSEEK_BASE_URL"] = mock.BaseUrl + "/v1";
        psi.Environment["DEEPSEEK_API_KEY"] = "k";
        psi.Environment["WRIGHT_MODEL"] = "deepseek/deepseek-chat";
        using var process = Process.Start(psi)!;
        process.StandardInput.Close();
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(90));
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException("acpx did not finish: " + await stderr);
        }

        var output = await stdout;
        Assert.True(process.ExitCode == 0, $"acpx exited {process.ExitCode}\nstdout:\n{output}\nstderr:\n{await stderr}");
        Assert.Equal("hello from acpx\n", File.ReadAllText(wright.File("greeting.txt")));

        // The transcript (one JSON event per line): the tool call, its completion and the answer.
        var lines = output.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => JsonDocument.Parse(l).RootElement.Clone()).ToList();
        var text = string.Join("\n", lines.Select(l => l.GetRawText()));
        Assert.Contains("tool_call", text, StringComparison.Ordinal);
        Assert.Contains("Write greeting.txt", text, StringComparison.Ordinal);
        Assert.Contains("Wrote greeting.txt.", text, StringComparison.Ordinal);
        Assert.Contains("end_turn", text, StringComparison.Ordinal);
    }
}
