using System.Diagnostics;
using System.Text.Json;
using Microsoft.Data.Sqlite;
using Wright.Tests.E2E;

namespace Wright.Tests.Eval;

/// <summary>
/// <c>wright eval</c> through the real binary against aimock: scripted models solve some tasks and fail others, so the
/// report's numbers are known exactly; an interrupted run resumes without re-running finished tasks; malformed tasks
/// are reported and the run goes on.
/// </summary>
public sealed class EvalRunTests
{
    private const string Chat = "deepseek-chat";
    private const string Reasoner = "deepseek-reasoner";

    private static WrightProcess Wright(AimockServer mock) =>
        new() { Environment = { ["DEEPSEEK_BASE_URL"] = mock.BaseUrl + "/v1", ["DEEPSEEK_API_KEY"] = "k" } };

    private static string Suite(WrightProcess wright)
    {
        var suite = Path.Combine(wright.Root, "suite");
        EvalFixtures.HarborTask(suite, "alpha", "TASK-ALPHA: write 42 into answer.txt", "42");
        EvalFixtures.HarborTask(suite, "beta", "TASK-BETA: write 7 into answer.txt", "7");
        EvalFixtures.HarborTask(suite, "gamma", "TASK-GAMMA: write ok into answer.txt", "ok");
        // Malformed: no tests; a task.toml that is not TOML.
        Directory.CreateDirectory(Path.Combine(suite, "no-tests"));
        File.WriteAllText(Path.Combine(suite, "no-tests", "instruction.md"), "nothing to verify\n");
        EvalFixtures.HarborTask(suite, "bad-toml", "TASK-BAD", "x");
        File.WriteAllText(Path.Combine(suite, "bad-toml", "task.toml"), "[verifier\ntimeout_sec = = 3\n");
        // A test that cannot run here: its tool does not exist.
        EvalFixtures.HarborTask(suite, "needs-tool", "TASK-TOOL: write 1 into answer.txt", "1");
        File.WriteAllText(Path.Combine(suite, "needs-tool", "tests", "test.sh"), "#!/bin/bash\nwright-no-such-tool --check\n");
        return suite;
    }

    private static IEnumerable<string> Script(int latencyMs = 0) =>
        // chat solves alpha and beta, fails gamma; reasoner solves alpha only.
        EvalFixtures.Writes(Chat, "TASK-ALPHA", "42")
            .Concat(EvalFixtures.Writes(Chat, "TASK-BETA", "7", latencyMs))
            .Concat(EvalFixtures.Writes(Chat, "TASK-GAMMA", "wrong"))
            .Concat(EvalFixtures.Writes(Chat, "TASK-TOOL", "1"))
            .Concat(EvalFixtures.Writes(Reasoner, "TASK-ALPHA", "42"))
            .Concat(EvalFixtures.Writes(Reasoner, "TASK-BETA", "8"))
            .Concat(EvalFixtures.Writes(Reasoner, "TASK-GAMMA", "nope"))
            .Concat(EvalFixtures.Writes(Reasoner, "TASK-TOOL", "1"));

    [Fact]
    public async Task Scripted_models_give_exact_outcomes_pass_at_k_costs_and_reports()
    {
        await using var mock = await AimockServer.StartAsync(EvalFixtures.Json(Script()));
        using var wright = Wright(mock);
        var suite = Suite(wright);
        var outDir = Path.Combine(wright.Root, "out");
        var run = await EvalFixtures.RunAsync(wright, TimeSpan.FromMinutes(3), "eval", suite, "--model", "deepseek/" + Chat, "--model", "deepseek/" + Reasoner,
            "--attempts", "2", "--parallel", "3", "--out", outDir);

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Contains("malformed no-tests: no tests/test.sh", run.Stderr);
        Assert.Contains("malformed bad-toml: task.toml is not valid TOML", run.Stderr);
        using var doc = JsonDocument.Parse(File.ReadAllText(Path.Combine(outDir, "results.json")));
        var root = doc.RootElement;
        Assert.Equal(2, root.GetProperty("malformed").GetArrayLength());
        var configs = root.GetProperty("configs").EnumerateArray().ToDictionary(c => c.GetProperty("model").GetString()!);
        var chat = configs["deepseek/" + Chat];
        var reasoner = configs["deepseek/" + Reasoner];
        // needs-tool is an environment error for both: it leaves the denominators.
        Assert.Equal(2, chat.GetProperty("solved").GetInt32());
        Assert.Equal(3, chat.GetProperty("total").GetInt32());
        Assert.Equal(0.6667, chat.GetProperty("pass_at_1").GetDouble(), 4);
        Assert.Equal(0.6667, chat.GetProperty("pass_at_k").GetDouble(), 4);
        Assert.Equal(2, chat.GetProperty("env_errors").GetInt32());
        Assert.Equal(1, reasoner.GetProperty("solved").GetInt32());
        Assert.Equal(0.3333, reasoner.GetProperty("pass_at_1").GetDouble(), 4);
        // 4 tasks x 2 attempts x 2 requests x 1M input tokens at $0.28 per million.
        Assert.Equal(4.48m, chat.GetProperty("cost_usd").GetDecimal());
        Assert.Equal(4.48m, reasoner.GetProperty("cost_usd").GetDecimal());
        Assert.Equal(16_000_000, chat.GetProperty("input_tokens").GetInt64());
        var tasks = chat.GetProperty("tasks").EnumerateArray().ToDictionary(t => t.GetProperty("task").GetString()!);
        Assert.Equal("passed", tasks["alpha"].GetProperty("status").GetString());
        Assert.Equal("failed", tasks["gamma"].GetProperty("status").GetString());
        Assert.Equal("env_error", tasks["needs-tool"].GetProperty("status").GetString());
        Assert.Equal(2, tasks["beta"].GetProperty("passed").GetInt32());
        var trajectory = tasks["alpha"].GetProperty("runs")[0].GetProperty("trajectory").GetString()!;
        var runId = root.GetProperty("run_id").GetString()!;
        var trajectoryFile = Path.Combine(wright.Home, "eval", runId, trajectory);
        Assert.Contains("\"type\":\"tool_call_finished\"", File.ReadAllText(trajectoryFile));
        var html = File.ReadAllText(Path.Combine(outDir, "report.html"));
        Assert.Contains("id=\"success-vs-cost\"", html);
        Assert.Contains("id=\"heatmap\"", html);
        Assert.Contains(new Uri(trajectoryFile).AbsoluteUri, html);
        Assert.DoesNotContain("<script", html);
        Assert.DoesNotContain("http://", html.Replace("http://www.w3.org/2000/svg", "", StringComparison.Ordinal));
        // The terminal leaderboard puts chat first.
        var board = run.Stdout.Split('\n');
        var first = Array.FindIndex(board, l => l.StartsWith("1 ", StringComparison.Ordinal));
        Assert.Contains("deepseek/" + Chat, board[first]);
        Assert.Contains("2/3", board[first]);
        Assert.Contains("alpha: deepseek/" + Chat + ", deepseek/" + Reasoner, run.Stdout);
        Assert.Contains("gamma: —", run.Stdout);

        // A second run where chat fails beta: the diff names it.
        await using var mock2 = await AimockServer.StartAsync(EvalFixtures.Json(EvalFixtures.Writes(Chat, "TASK-ALPHA", "42").Concat(EvalFixtures.Writes(Chat, "TASK-BETA", "0"))));
        wright.Environment["DEEPSEEK_BASE_URL"] = mock2.BaseUrl + "/v1";
        var second = await EvalFixtures.RunAsync(wright, TimeSpan.FromMinutes(2), "eval", suite, "--model", "deepseek/" + Chat, "--task", "alpha", "--task", "beta");
        Assert.True(second.ExitCode == 0, second.ToString());
        var secondId = second.Stderr.Split('\n').First(l => l.StartsWith("run ", StringComparison.Ordinal))[4..].Trim();
        var diff = await EvalFixtures.RunAsync(wright, TimeSpan.FromSeconds(30), "eval", "diff", runId, secondId);
        Assert.True(diff.ExitCode == 0, diff.ToString());
        Assert.Contains("- beta: passed → failed", diff.Stdout);
        Assert.DoesNotContain("alpha", diff.Stdout.Split("deepseek/" + Chat + ":")[1]);
    }

    [Fact]
    public async Task An_interrupted_run_resumes_without_running_finished_attempts_again()
    {
        await using var mock = await AimockServer.StartAsync(EvalFixtures.Json(Script(latencyMs: 20_000)));
        using var wright = Wright(mock);
        var suite = Suite(wright);
        using var process = Process.Start(wright.StartInfo(["eval", suite, "--model", "deepseek/" + Chat, "--task", "alpha", "--task", "beta"]))!;
        process.StandardInput.Close();
        var stderr = new List<string>();
        var finishedAlpha = new TaskCompletionSource();
        process.ErrorDataReceived += (_, e) =>
        {
            if (e.Data is null)
                return;
            lock (stderr)
                stderr.Add(e.Data);
            if (e.Data.StartsWith("passed", StringComparison.Ordinal) && e.Data.Contains("alpha", StringComparison.Ordinal))
                finishedAlpha.TrySetResult();
        };
        process.BeginErrorReadLine();
        _ = process.StandardOutput.ReadToEndAsync();
        await finishedAlpha.Task.WaitAsync(TimeSpan.FromSeconds(60));
        // beta's model answer is slow: the run is killed while it waits.
        process.Kill(entireProcessTree: true);
        await process.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(10));
        string runId;
        lock (stderr)
            runId = stderr.First(l => l.StartsWith("run ", StringComparison.Ordinal))[4..].Trim();
        using (var db = new SqliteConnection($"Data Source={Path.Combine(wright.Home, "eval.db")};Pooling=false"))
        {
            db.Open();
            using var cmd = db.CreateCommand();
            cmd.CommandText = "SELECT task FROM attempts";
            using var reader = cmd.ExecuteReader();
            var stored = new List<string>();
            while (reader.Read())
                stored.Add(reader.GetString(0));
            Assert.Equal(["alpha"], stored);
        }

        // The resumed run talks to a model without the delay (aimock's latency is per streamed chunk).
        await using var quick = await AimockServer.StartAsync(EvalFixtures.Json(Script()));
        wright.Environment["DEEPSEEK_BASE_URL"] = quick.BaseUrl + "/v1";
        var resumed = await EvalFixtures.RunAsync(wright, TimeSpan.FromMinutes(2), "eval", "--resume", runId[..12]);

        Assert.True(resumed.ExitCode == 0, resumed.ToString());
        Assert.Contains("resuming run " + runId, resumed.Stderr);
        Assert.DoesNotContain("alpha", resumed.Stderr.Split('\n').Where(l => l.StartsWith("passed", StringComparison.Ordinal) || l.StartsWith("failed", StringComparison.Ordinal)));
        Assert.Contains("2/2", resumed.Stdout);
        // The killed invocation's workspaces are gone: the resumed run removed them.
        Assert.Empty(Directory.EnumerateDirectories(Path.GetTempPath(), "wright-eval-" + runId + "-*"));
        var asked = (await quick.JournalAsync()).EnumerateArray().Select(e => e.GetRawText()).ToList();
        Assert.Contains(asked, e => e.Contains("TASK-BETA", StringComparison.Ordinal));
        Assert.DoesNotContain(asked, e => e.Contains("TASK-ALPHA", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Bad_usage_is_one_clear_error()
    {
        using var wright = new WrightProcess();
        var none = await EvalFixtures.RunAsync(wright, TimeSpan.FromSeconds(30), "eval", Path.Combine(wright.Root, "missing"), "--model", "deepseek/deepseek-chat");
        Assert.Equal(2, none.ExitCode);
        Assert.Contains("no suite at", none.Stderr);
        var resume = await EvalFixtures.RunAsync(wright, TimeSpan.FromSeconds(30), "eval", "--resume", "nope");
        Assert.Equal(2, resume.ExitCode);
        Assert.Contains("no evaluation run nope", resume.Stderr);
    }
}
