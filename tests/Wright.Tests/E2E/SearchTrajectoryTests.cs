using System.Diagnostics;
using System.Text.Json;
using Wright.Tests.Support;

namespace Wright.Tests.E2E;

/// <summary>
/// The search tools through the real binary in one aimock trajectory: the model looks around (list_dir), finds files
/// (glob), searches (grep with context, then files only), reads the file it found and answers. The workspace is a git
/// repository whose .gitignore hides a folder and a file pattern, and it holds a hidden file; all three hold the
/// needle, so any leak of ignored or hidden files shows in the results.
/// </summary>
public sealed class SearchTrajectoryTests
{
    private static string Call(string name, object args) =>
        $$"""{"toolCalls":[{"name":"{{name}}","arguments":{{JsonSerializer.Serialize(JsonSerializer.Serialize(args, TestJson.Default.DictionaryStringObject), TestJson.Default.String)}}}]}""";

    [Fact]
    public async Task The_model_finds_the_needle_with_list_dir_glob_grep_and_read_file()
    {
        var steps = new[]
        {
            Call("list_dir", new Dictionary<string, object>()),
            Call("glob", new Dictionary<string, object> { ["pattern"] = "**/*.py" }),
            Call("grep", new Dictionary<string, object> { ["pattern"] = "needle", ["context"] = 1 }),
            Call("grep", new Dictionary<string, object> { ["pattern"] = "NEEDLE", ["case_insensitive"] = true, ["output_mode"] = "files_with_matches" }),
            Call("read_file", new Dictionary<string, object> { ["path"] = "src/util.py" }),
        };
        var fixtures = new List<string> { $$"""{"match":{"userMessage":"find the needle","hasToolResult":false},"response":{{steps[0]}}}""" };
        for (var i = 1; i < steps.Length; i++)
            fixtures.Add($$"""{"match":{"userMessage":"find the needle","hasToolResult":true,"sequenceIndex":{{i - 1}}},"response":{{steps[i]}}}""");
        fixtures.Add("{\"match\":{\"userMessage\":\"find the needle\",\"hasToolResult\":true,\"sequenceIndex\":" + (steps.Length - 1)
            + "},\"response\":{\"content\":\"The needle is in src/util.py, line 2.\"}}");
        await using var mock = await AimockServer.StartAsync("{\"fixtures\":[" + string.Join(",", fixtures) + "]}");
        using var wright = new WrightProcess { Environment = { ["DEEPSEEK_BASE_URL"] = mock.BaseUrl + "/v1", ["DEEPSEEK_API_KEY"] = "k" } };
        await MakeWorkspace(wright);

        var run = await wright.RunAsync("-p", "find the needle", "--model", "deepseek/deepseek-chat", "--output-format", "stream-json");

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Equal("The needle is in src/util.py, line 2.", run.Result.GetProperty("text").GetString());
        var finished = run.Events("tool_call_finished").ToList();
        Assert.Equal(["list_dir", "glob", "grep", "grep", "read_file"], finished.Select(e => e.GetProperty("name").GetString()));
        Assert.All(finished, e => Assert.Equal("ok", e.GetProperty("status").GetString()));
        var results = finished.Select(e => e.GetProperty("result").GetString()!).ToList();
        foreach (var result in results)
        {
            Assert.DoesNotContain("build", result);
            Assert.DoesNotContain("debug.log", result);
            Assert.DoesNotContain(".secret", result);
            Assert.DoesNotContain(".gitignore", result);
        }

        // list_dir: folders first, sizes shown, ignored and hidden entries absent.
        Assert.Equal("./\n  docs/\n    guide.md (62 B)\n  src/\n    app.py (50 B)\n    util.py (53 B)\n  tests/\n    test_app.py (32 B)", results[0]);
        // glob: newest first, not by name.
        Assert.Equal("src/util.py\ntests/test_app.py\nsrc/app.py", results[1]);
        // grep, content with one line of context: line numbers, ':' on matches and '-' on context, '--' between groups.
        Assert.Equal(
            "docs/guide.md-1-# Guide\ndocs/guide.md:2:Find the needle.\ndocs/guide.md-3-line 3\n--\ndocs/guide.md-5-line 5\ndocs/guide.md:6:Another needle.\n"
            + "src/util.py-1-def helper():\nsrc/util.py:2:    # the needle is here\nsrc/util.py-3-    return 42",
            results[2]);
        // grep, files only, case-insensitive.
        Assert.Equal("docs/guide.md\nsrc/util.py", results[3]);
        Assert.Contains("2\t    # the needle is here", results[4]);

        // The model saw exactly these results (the journal's last request carries every tool result).
        var journal = await mock.JournalAsync();
        var sent = journal[journal.GetArrayLength() - 1].GetProperty("body").GetProperty("messages").EnumerateArray()
            .Where(m => m.GetProperty("role").GetString() == "tool").Select(m => m.GetProperty("content").GetString()).ToList();
        Assert.Equal(results.Count, sent.Count);
        Assert.Contains(sent, s => s == results[2]);
    }

    private static async Task MakeWorkspace(WrightProcess wright)
    {
        var now = DateTime.UtcNow;
        void Make(string path, string text, int minutesAgo)
        {
            var full = wright.File(path);
            Directory.CreateDirectory(Path.GetDirectoryName(full)!);
            File.WriteAllText(full, text);
            File.SetLastWriteTimeUtc(full, now.AddMinutes(-minutesAgo));
        }

        // .gitignore is honoured inside a git repository only, as by ripgrep.
        var git = new ProcessStartInfo("git") { WorkingDirectory = wright.Workspace, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var a in new[] { "init", "-q" })
            git.ArgumentList.Add(a);
        using (var process = Process.Start(git)!)
        {
            await process.WaitForExitAsync(TestContext.Current.CancellationToken);
            Assert.Equal(0, process.ExitCode);
        }

        Make(".gitignore", "build/\n*.log\n", 60);
        Make("src/app.py", "import util\n\ndef main():\n    return util.helper()\n", 30);
        Make("tests/test_app.py", "from src.app import main\nmain()\n", 20);
        Make("src/util.py", "def helper():\n    # the needle is here\n    return 42\n", 10);
        Make("docs/guide.md", "# Guide\nFind the needle.\nline 3\nline 4\nline 5\nAnother needle.\n", 40);
        // Newest of all, so a leak would head the glob result.
        Make("build/gen.py", "needle = 1\n", 1);
        Make("debug.log", "needle found\n", 1);
        Make(".secret.py", "needle = 'hidden'\n", 1);
    }
}
