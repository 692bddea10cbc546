using System.Diagnostics;
using System.Text.Json;
using Wright.Tests.E2E;
using Wright.Tests.Support;

namespace Wright.Tests.Eval;

/// <summary>The Aider polyglot layout (with the second try on the test output) and SWE-style JSONL, through the real binary.</summary>
public sealed class FormatTests
{
    private static string Polyglot => Path.Combine(NodePackages.RepoRoot, "tests", "Wright.Tests", "Fixtures", "polyglot");

    [Fact]
    public async Task Check_reads_the_polyglot_layout_and_reports_a_malformed_exercise()
    {
        using var wright = new WrightProcess();
        var run = await EvalFixtures.RunAsync(wright, TimeSpan.FromMinutes(4), "eval", "--check", Polyglot);

        Assert.Equal(1, run.ExitCode);
        Assert.Contains("ok        go/clamp", run.Stdout);
        Assert.Contains("ok        python/leap", run.Stdout);
        Assert.Contains("malformed python/broken — no tests", run.Stdout);
        Assert.Contains("2/3 tasks ok (0 failed, 0 environment errors, 1 malformed)", run.Stdout);
    }

    [Fact]
    public async Task A_failed_polyglot_attempt_gets_aiders_second_try_with_the_test_output()
    {
        static string Write(string content) => JsonSerializer.Serialize(JsonSerializer.Serialize(
            new Dictionary<string, object> { ["path"] = "leap.py", ["content"] = content }, TestJson.Default.DictionaryStringObject), TestJson.Default.String);
        var read = JsonSerializer.Serialize("{\"path\":\"leap.py\"}", TestJson.Default.String);
        // A model reads the file before it overwrites it (write_file refuses a blind overwrite), then writes a wrong
        // solution; the second try, given the test output, fixes it.
        var fixtures = new[]
        {
            "{\"match\":{\"userMessage\":\"Use the above instructions\",\"hasToolResult\":false},\"response\":{\"toolCalls\":[{\"name\":\"read_file\",\"arguments\":"
                + read + "}]}}",
            "{\"match\":{\"userMessage\":\"Use the above instructions\",\"toolResultContains\":\"def leap_year\"},\"response\":{\"toolCalls\":[{\"name\":\"write_file\",\"arguments\":"
                + Write("def leap_year(year):\n    return year % 4 == 0\n") + "}]}}",
            """{"match":{"userMessage":"Use the above instructions","hasToolResult":true},"response":{"content":"Done."}}""",
            "{\"match\":{\"userMessage\":\"See the testing errors above\",\"hasToolResult\":false},\"response\":{\"toolCalls\":[{\"name\":\"write_file\",\"arguments\":"
                + Write("def leap_year(year):\n    return year % 4 == 0 and (year % 100 != 0 or year % 400 == 0)\n") + "}]}}",
            """{"match":{"userMessage":"See the testing errors above","hasToolResult":true},"response":{"content":"Fixed."}}""",
        };
        await using var mock = await AimockServer.StartAsync(EvalFixtures.Json(fixtures));
        using var wright = new WrightProcess { Environment = { ["DEEPSEEK_BASE_URL"] = mock.BaseUrl + "/v1", ["DEEPSEEK_API_KEY"] = "k" } };
        var outDir = Path.Combine(wright.Root, "out");
        var run = await EvalFixtures.RunAsync(wright, TimeSpan.FromMinutes(3), "eval", Polyglot, "--model", "deepseek/deepseek-chat", "--task", "leap", "--out", outDir);

        Assert.True(run.ExitCode == 0, run.ToString());
        using var doc = JsonDocument.Parse(File.ReadAllText(Path.Combine(outDir, "results.json")));
        var config = doc.RootElement.GetProperty("configs")[0];
        Assert.Equal(1, config.GetProperty("solved").GetInt32());
        Assert.Equal(0, config.GetProperty("tool_errors").GetInt32());
        Assert.Equal(0.0, config.GetProperty("pass_at_1").GetDouble());
        Assert.Equal(1.0, config.GetProperty("pass_at_1_with_feedback").GetDouble());
        var second = (await mock.JournalAsync()).EnumerateArray().Select(e => e.GetRawText()).First(t => t.Contains("See the testing errors above", StringComparison.Ordinal));
        Assert.Contains("test_divisible_by_100", second);
        Assert.Contains("Fix the code in leap.py to resolve the errors.", second);
    }

    [Fact]
    public async Task Swe_jsonl_tasks_start_from_the_base_commit_and_check_with_their_patch()
    {
        using var wright = new WrightProcess();
        var repo = Path.Combine(wright.Root, "repo");
        Directory.CreateDirectory(repo);
        await Git(repo, "init", "-q", "-b", "main");
        await File.WriteAllTextAsync(Path.Combine(repo, "calc.sh"), "add() { echo $(( $1 - $2 )); }\n");
        await File.WriteAllTextAsync(Path.Combine(repo, "test.sh"), "source ./calc.sh\n[ \"$(add 2 3)\" = 5 ]\n");
        await Git(repo, "add", ".");
        await Git(repo, "-c", "user.name=t", "-c", "user.email=t@e", "commit", "-qm", "base");
        var commit = (await Git(repo, "rev-parse", "HEAD")).Trim();
        await File.WriteAllTextAsync(Path.Combine(repo, "calc.sh"), "add() { echo $(( $1 + $2 )); }\n");
        var patch = await Git(repo, "diff");
        await Git(repo, "checkout", "-q", "--", ".");
        var line = new Dictionary<string, object>
        {
            ["instance_id"] = "calc-1", ["repo"] = "repo", ["base_commit"] = commit, ["problem_statement"] = "add subtracts",
            ["test_command"] = "bash test.sh", ["patch"] = patch,
        };
        var file = Path.Combine(wright.Root, "tasks.jsonl");
        await File.WriteAllTextAsync(file, JsonSerializer.Serialize(line, TestJson.Default.DictionaryStringObject) + "\n{\"instance_id\":\"bad\"}\nnot json\n");
        var run = await EvalFixtures.RunAsync(wright, TimeSpan.FromMinutes(2), "eval", "--check", file);

        Assert.Equal(1, run.ExitCode);
        Assert.Contains("ok        calc-1", run.Stdout);
        Assert.Contains("malformed bad — missing repo, base_commit, problem_statement, test_command", run.Stdout);
        Assert.Contains("malformed tasks:3 — not a JSON object", run.Stdout);
    }

    private static async Task<string> Git(string dir, params string[] args)
    {
        var psi = new ProcessStartInfo("git") { RedirectStandardOutput = true, RedirectStandardError = true, WorkingDirectory = dir };
        foreach (var a in args)
            psi.ArgumentList.Add(a);
        using var process = Process.Start(psi)!;
        var output = await process.StandardOutput.ReadToEndAsync();
        await process.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(30));
        Assert.True(process.ExitCode == 0, await process.StandardError.ReadToEndAsync());
        return output;
    }
}
