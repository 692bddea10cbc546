using System.Text.Json;
using Wright.Tests.Support;

namespace Wright.Tests.E2E;

/// <summary>Every built-in tool reached through the real binary in one aimock trajectory.</summary>
public sealed class ToolTourTests
{
    private static string Call(string name, object args) =>
        $$"""{"toolCalls":[{"name":"{{name}}","arguments":{{JsonSerializer.Serialize(JsonSerializer.Serialize(args, TestJson.Default.DictionaryStringObject), TestJson.Default.String)}}}]}""";

    [Fact]
    public async Task The_model_uses_every_tool()
    {
        using var page = new TinyHttpServer((_, res) => TinyHttpServer.Write(res, "<html><body><main><h1>Docs</h1><p>Use add(a, b).</p></main></body></html>"));
        var steps = new[]
        {
            Call("write_file", new Dictionary<string, object> { ["path"] = "calc.py", ["content"] = "def add(a, b):\n    return a - b\n" }),
            Call("write_file", new Dictionary<string, object> { ["path"] = "test_calc.py", ["content"] = "from calc import add\nassert add(2, 3) == 5, 'add is wrong'\nprint('ok')\n" }),
            Call("shell", new Dictionary<string, object> { ["command"] = "python3 test_calc.py" }),
            Call("read_file", new Dictionary<string, object> { ["path"] = "calc.py" }),
            Call("edit_file", new Dictionary<string, object> { ["path"] = "calc.py", ["old_string"] = "return a - b", ["new_string"] = "return a + b" }),
            Call("multi_edit", new Dictionary<string, object> { ["path"] = "calc.py", ["edits"] = new[] { new Dictionary<string, object> { ["old_string"] = "def add", ["new_string"] = "def add" + "" } } }),
            Call("todo_write", new Dictionary<string, object> { ["items"] = new[] { new Dictionary<string, object> { ["content"] = "fix add", ["status"] = "done" } } }),
            Call("shell", new Dictionary<string, object> { ["command"] = "python3 test_calc.py" }),
            Call("shell", new Dictionary<string, object> { ["command"] = "for i in 1 2 3; do echo tick$i; sleep 0.1; done; sleep 60", ["background"] = true }),
            Call("shell", new Dictionary<string, object> { ["command"] = "sleep 1" }),
            Call("shell_output", new Dictionary<string, object> { ["handle"] = "bg1" }),
            Call("shell_kill", new Dictionary<string, object> { ["handle"] = "bg1" }),
            Call("web_fetch", new Dictionary<string, object> { ["url"] = page.BaseUrl + "docs" }),
        };
        var fixtures = new List<string> { $$"""{"match":{"userMessage":"tour","hasToolResult":false},"response":{{steps[0]}}}""" };
        for (var i = 1; i < steps.Length; i++)
            fixtures.Add($$"""{"match":{"userMessage":"tour","hasToolResult":true,"sequenceIndex":{{i - 1}}},"response":{{steps[i]}}}""");
        fixtures.Add("{\"match\":{\"userMessage\":\"tour\",\"hasToolResult\":true,\"sequenceIndex\":" + (steps.Length - 1) + "},\"response\":{\"content\":\"All tools used.\"}}");
        await using var mock = await AimockServer.StartAsync("{\"fixtures\":[" + string.Join(",", fixtures) + "]}");
        using var wright = new WrightProcess { Environment = { ["DEEPSEEK_BASE_URL"] = mock.BaseUrl + "/v1", ["DEEPSEEK_API_KEY"] = "k" } };
        File.WriteAllText(Path.Combine(wright.Home, "config.json"), """{"web_fetch":{"allow_private_networks":true}}""");
        var run = await wright.RunAsync("-p", "tour", "--model", "deepseek/deepseek-chat", "--permission-mode", "accept-edits", "--allow", "shell(python3 *)",
            "--allow", "shell(sleep *)", "--allow", "shell", "--output-format", "stream-json");

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Equal("All tools used.", run.Result.GetProperty("text").GetString());
        var results = run.Events("tool_call_finished").ToList();
        Assert.Equal(steps.Length, results.Count);
        string Result(int i) => results[i].GetProperty("result").GetString()!;
        Assert.Contains("AssertionError: add is wrong", Result(2));
        Assert.Contains("[exit code 1", Result(2));
        Assert.Contains("2\t    return a - b", Result(3));
        Assert.Contains("Edited calc.py: replaced 1 occurrence at line 2", Result(4));
        Assert.Equal("error", results[5].GetProperty("status").GetString());
        Assert.Contains("Plan updated (1/1 done)", Result(6));
        Assert.Single(run.Events("todo_updated"));
        Assert.Contains("ok", Result(7));
        Assert.Contains("[exit code 0", Result(7));
        Assert.Contains("Started in the background as bg1", Result(8));
        Assert.Contains("tick1\ntick2\ntick3", Result(10));
        Assert.Contains("Stopped bg1", Result(11));
        Assert.Contains("# Docs", Result(12));
        Assert.Equal("def add(a, b):\n    return a + b\n", File.ReadAllText(wright.File("calc.py")));
    }

    [Fact]
    public async Task The_model_patches_a_file_runs_the_test_and_reads_the_failure()
    {
        var patch = "*** Begin Patch\n*** Add File: calc.py\n+def add(a, b):\n+    return a - b\n*** Add File: test_calc.py\n+from calc import add\n+assert add(2, 3) == 5, 'add is wrong'\n*** End Patch";
        var steps = new[]
        {
            Call("apply_patch", new Dictionary<string, object> { ["patch"] = patch }),
            Call("shell", new Dictionary<string, object> { ["command"] = "python3 test_calc.py" }),
            Call("read_file", new Dictionary<string, object> { ["path"] = "calc.py" }),
            Call("apply_patch", new Dictionary<string, object> { ["patch"] = "*** Begin Patch\n*** Update File: calc.py\n@@ def add(a, b):\n-    return a - b\n+    return a + b\n*** End Patch" }),
            Call("shell", new Dictionary<string, object> { ["command"] = "python3 test_calc.py && echo passed" }),
        };
        var fixtures = new List<string> { $$"""{"match":{"userMessage":"fix","hasToolResult":false},"response":{{steps[0]}}}""" };
        for (var i = 1; i < steps.Length; i++)
            fixtures.Add($$"""{"match":{"userMessage":"fix","hasToolResult":true,"sequenceIndex":{{i - 1}}},"response":{{steps[i]}}}""");
        fixtures.Add("{\"match\":{\"userMessage\":\"fix\",\"hasToolResult\":true,\"sequenceIndex\":" + (steps.Length - 1) + "},\"response\":{\"content\":\"Fixed.\"}}");
        await using var mock = await AimockServer.StartAsync("{\"fixtures\":[" + string.Join(",", fixtures) + "]}");
        using var wright = new WrightProcess { Environment = { ["DEEPSEEK_BASE_URL"] = mock.BaseUrl + "/v1", ["DEEPSEEK_API_KEY"] = "k" } };
        var run = await wright.RunAsync("-p", "fix", "--model", "deepseek/deepseek-chat", "--output-format", "stream-json");

        Assert.True(run.ExitCode == 0, run.ToString());
        var results = run.Events("tool_call_finished").Select(e => e.GetProperty("result").GetString()!).ToList();
        Assert.Equal("Success. Updated the following files:\nA calc.py\nA test_calc.py", results[0]);
        Assert.Contains("AssertionError: add is wrong", results[1]);
        Assert.Contains("2\t    return a - b", results[2]);
        Assert.Equal("Success. Updated the following files:\nM calc.py", results[3]);
        Assert.Contains("passed", results[4]);

        File.WriteAllText(wright.File("notes.txt"), "a\nb\n");
        var cli = await wright.RunWithInputAsync("*** Begin Patch\n*** Update File: notes.txt\n@@\n a\n-b\n+c\n*** End Patch\n", "apply-patch");
        Assert.Equal(0, cli.ExitCode);
        Assert.Equal("Success. Updated the following files:\nM notes.txt\n", cli.Stdout);
        Assert.Equal("a\nc\n", File.ReadAllText(wright.File("notes.txt")));
        var bad = await wright.RunAsync("apply-patch", "*** Begin Patch\n*** Delete File: nope.txt\n*** End Patch");
        Assert.Equal(1, bad.ExitCode);
        // Codex's message, naming the absolute path.
        Assert.Matches(@"^Failed to delete file /\S*/nope\.txt\n$", bad.Stderr);
    }
}
