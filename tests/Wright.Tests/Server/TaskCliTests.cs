using Wright.Tests.E2E;

namespace Wright.Tests.Server;

/// <summary><c>wright task …</c> as a client of a running <c>wright serve</c>.</summary>
public sealed class TaskCliTests
{
    private const string Fixtures = """
        {"fixtures":[
          {"match":{"userMessage":"make hello","hasToolResult":false},"response":{"toolCalls":[{"name":"write_file","arguments":"{\"path\":\"hello.txt\",\"content\":\"hello\\n\"}"}]}},
          {"match":{"userMessage":"make hello","hasToolResult":true},"response":{"content":"Created hello.txt."}},
          {"match":{"userMessage":"slow work","hasToolResult":false},"response":{"toolCalls":[{"name":"shell","arguments":"{\"command\":\"sleep 30\"}"}]}},
          {"match":{"userMessage":"long work","hasToolResult":false},"response":{"toolCalls":[{"id":"call_long","name":"shell","arguments":"{\"command\":\"sleep 60\"}"}]}},
          {"match":{"userMessage":"server restarted"},"response":{"content":"Resumed and done."}}
        ]}
        """;

    [Fact]
    public async Task Add_ls_show_logs_diff_apply_and_cancel_go_through_the_api()
    {
        await using var mock = await AimockServer.StartAsync(Fixtures);
        using var wright = new WrightProcess { Environment = { ["DEEPSEEK_BASE_URL"] = mock.BaseUrl + "/v1", ["DEEPSEEK_API_KEY"] = "k" } };
        var repo = Path.Combine(wright.Workspace, "demo");
        GitRepo.Init(repo);
        await using var server = await ServeProcess.StartAsync(wright, "--repo-root", wright.Workspace);
        wright.Environment["WRIGHT_SERVER"] = server.Url.ToString().TrimEnd('/');
        wright.WorkingDirectory = repo;

        var added = await wright.RunAsync("task", "add", "make hello", "--model", "deepseek/deepseek-chat");
        Assert.True(added.ExitCode == 0, added.Stderr);
        var id = added.Stdout.Trim();
        Assert.StartsWith("t", id);

        // logs -f follows until the task finishes (the token comes from $WRIGHT_HOME/server-token).
        var logs = await wright.RunAsync("task", "logs", "-f", id);
        Assert.True(logs.ExitCode == 0, logs.Stderr);
        Assert.Contains("\"type\":\"run_finished\"", logs.Stdout);
        Assert.Contains("\"type\":\"tool_call_requested\"", logs.Stdout);

        var ls = await wright.RunAsync("task", "ls");
        Assert.Contains(id, ls.Stdout);
        Assert.Contains("succeeded", ls.Stdout);
        var show = await wright.RunAsync("task", "show", id);
        Assert.Contains($"#1 succeeded", show.Stdout);
        Assert.Contains($"wright/{id}-1", show.Stdout);
        var diff = await wright.RunAsync("task", "diff", id + "/1");
        Assert.Contains("+hello", diff.Stdout);
        var bad = await wright.RunAsync("task", "diff", id + "/x");
        Assert.Equal(1, bad.ExitCode);
        Assert.Contains($"'{id}/x' is not ID or ID/N", bad.Stderr);

        var apply = await wright.RunAsync("task", "apply", id, "--into", "main");
        Assert.True(apply.ExitCode == 0, apply.Stderr);
        Assert.Contains($"merged wright/{id}-1 into main", apply.Stdout);
        Assert.Equal("hello\n", File.ReadAllText(Path.Combine(repo, "hello.txt")));

        var slow = (await wright.RunAsync("task", "add", "slow work", "--model", "deepseek/deepseek-chat")).Stdout.Trim();
        await server.WaitAsync(slow, t => t.GetProperty("status").GetString() is "running" or "waiting_approval");
        var cancel = await wright.RunAsync("task", "cancel", slow);
        Assert.True(cancel.ExitCode == 0, cancel.Stderr);
        Assert.Equal("cancelled", cancel.Stdout.Trim());

        var missing = await wright.RunAsync("task", "show", "nope");
        Assert.Equal(1, missing.ExitCode);
        Assert.Contains("no task 'nope'", missing.Stderr);

        // A git URL goes to the server as it is (a path is made absolute here): the server's reason comes back, no secret.
        var url = await wright.RunAsync("task", "add", "x", "--repo", "https://wright:s3cret@example.com/r.git", "--model", "deepseek/deepseek-chat");
        Assert.Equal(1, url.ExitCode);
        Assert.Contains("carries credentials", url.Stderr);
        Assert.DoesNotContain("s3cret", url.Stderr);

        wright.Environment["WRIGHT_SERVER_TOKEN"] = "wrong-token-wrong-token";
        var refused = await wright.RunAsync("task", "ls");
        Assert.Equal(1, refused.ExitCode);
        Assert.Contains("Unauthorized", refused.Stderr);
    }

    [Fact]
    public async Task Logs_follow_goes_on_across_a_server_kill_and_restart_without_gaps_or_repeats()
    {
        await using var mock = await AimockServer.StartAsync(Fixtures);
        using var wright = new WrightProcess { Environment = { ["DEEPSEEK_BASE_URL"] = mock.BaseUrl + "/v1", ["DEEPSEEK_API_KEY"] = "k" } };
        var repo = Path.Combine(wright.Workspace, "demo");
        GitRepo.Init(repo);
        var port = FreePort();
        var server = await ServeProcess.StartOnAsync(wright, port, "--repo-root", wright.Workspace);
        try
        {
            wright.Environment["WRIGHT_SERVER"] = server.Url.ToString().TrimEnd('/');
            wright.WorkingDirectory = repo;
            var id = (await wright.RunAsync("task", "add", "long work", "--model", "deepseek/deepseek-chat")).Stdout.Trim();

            using var logs = System.Diagnostics.Process.Start(wright.StartInfo(["task", "logs", "-f", id]))!;
            logs.StandardInput.Close();
            var output = new System.Text.StringBuilder();
            var sleeping = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            logs.OutputDataReceived += (_, e) =>
            {
                if (e.Data is null)
                    return;
                lock (output)
                    output.AppendLine(e.Data);
                if (e.Data.Contains("\"call_long\"", StringComparison.Ordinal) && e.Data.Contains("tool_call_requested", StringComparison.Ordinal))
                    sleeping.TrySetResult();
            };
            var stderr = logs.StandardError.ReadToEndAsync(Ct);
            logs.BeginOutputReadLine();
            await sleeping.Task.WaitAsync(TimeSpan.FromSeconds(60), Ct);

            await server.KillAsync();
            await server.DisposeAsync();
            server = await ServeProcess.StartOnAsync(wright, port, "--repo-root", wright.Workspace);

            await logs.WaitForExitAsync(Ct).WaitAsync(TimeSpan.FromSeconds(90), Ct);
            Assert.True(logs.ExitCode == 0, await stderr);
            var all = await wright.RunAsync("task", "logs", id);
            Assert.True(all.ExitCode == 0, all.Stderr);
            string followed;
            lock (output)
                followed = output.ToString();
            // What -f printed across the restart is exactly the whole log: nothing missed, nothing twice.
            Assert.Equal(all.Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries), followed.Split('\n', StringSplitOptions.RemoveEmptyEntries));
            Assert.Contains("Resumed and done.", followed);
        }
        finally
        {
            await server.DisposeAsync();
        }
    }

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static int FreePort()
    {
        using var listener = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        listener.Start();
        return ((System.Net.IPEndPoint)listener.LocalEndpoint).Port;
    }
}
