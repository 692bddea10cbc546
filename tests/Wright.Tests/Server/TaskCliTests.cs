using Wright.Tests.E2E;

namespace Wright.Tests.Server;

/// <summary><c>wright task …</c> as a client of a running <c>wright serve</c>.</summary>
public sealed class TaskCliTests
{
    private const string Fixtures = """
        {"fixtures":[
          {"match":{"userMessage":"make hello","hasToolResult":false},"response":{"toolCalls":[{"name":"write_file","arguments":"{\"path\":\"hello.txt\",\"content\":\"hello\\n\"}"}]}},
          {"match":{"userMessage":"make hello","hasToolResult":true},"response":{"content":"Created hello.txt."}},
          {"match":{"userMessage":"slow work","hasToolResult":false},"response":{"toolCalls":[{"name":"shell","arguments":"{\"command\":\"sleep 30\"}"}]}}
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

        wright.Environment["WRIGHT_SERVER_TOKEN"] = "wrong-token-wrong-token";
        var refused = await wright.RunAsync("task", "ls");
        Assert.Equal(1, refused.ExitCode);
        Assert.Contains("Unauthorized", refused.Stderr);
    }
}
