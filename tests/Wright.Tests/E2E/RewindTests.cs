using System.Text.Json;
using Wright.Tests.Support;

namespace Wright.Tests.E2E;

/// <summary>wright rewind through the real binary: shell side effects undone, conversation cut, undo of the undo.</summary>
public sealed class RewindTests
{
    private static string Shell(string command) =>
        $$$"""{"toolCalls":[{"name":"shell","arguments":{{{JsonSerializer.Serialize(JsonSerializer.Serialize(new Dictionary<string, object> { ["command"] = command }, TestJson.Default.DictionaryStringObject), TestJson.Default.String)}}}}]}""";

    [Fact]
    public async Task Rewind_restores_files_changed_by_shell_commands_and_the_conversation()
    {
        var turn1 = Shell("echo created > new.txt && rm old.txt && echo changed > keep.txt && mkdir -p build && echo artefact > build/out.bin");
        var turn2 = Shell("echo second >> keep.txt && mkdir -p sub && echo 深 > sub/中文.txt");
        await using var mock = await AimockServer.StartAsync($$$"""
            {"fixtures":[
              {"match":{"userMessage":"change things","hasToolResult":false},"response":{{{turn1}}}},
              {"match":{"userMessage":"change things","hasToolResult":true,"sequenceIndex":0},"response":{{{turn2}}}},
              {"match":{"userMessage":"change things","hasToolResult":true,"sequenceIndex":1},"response":{"content":"Changed."}},
              {"match":{"userMessage":"after rewind"},"response":{"content":"Fresh start."}}
            ]}
            """);
        using var wright = new WrightProcess { Environment = { ["DEEPSEEK_BASE_URL"] = mock.BaseUrl + "/v1", ["DEEPSEEK_API_KEY"] = "k" } };
        File.WriteAllText(wright.File("old.txt"), "old\n");
        File.WriteAllText(wright.File("keep.txt"), "original\r\n");
        File.WriteAllText(wright.File(".gitignore"), "build/\n");

        var run = await wright.RunAsync("-p", "change things", "--model", "deepseek/deepseek-chat", "--permission-mode", "yolo", "--output-format", "stream-json", "--include-partial-messages");
        Assert.True(run.ExitCode == 0, run.ToString());
        var checkpoints = run.Events("checkpoint").ToList();
        Assert.Equal(2, checkpoints.Count);
        Assert.All(checkpoints, c => Assert.Equal(JsonValueKind.String, c.GetProperty("snapshot").ValueKind));
        Assert.Equal("changed\nsecond\n", File.ReadAllText(wright.File("keep.txt")));

        var list = await wright.RunAsync("rewind");
        Assert.True(list.ExitCode == 0, list.ToString());
        Assert.Matches(@"(?m)^\s+1  \d{4}-\d\d-\d\d \d\d:\d\d:\d\d  change things$", list.Stdout);
        Assert.Matches(@"(?m)^\s+2  ", list.Stdout);

        var diff = await wright.RunAsync("rewind", "1", "--diff");
        Assert.True(diff.ExitCode == 0, diff.ToString());
        // What restoring would do: delete what the turns created, bring back what they deleted, revert what they changed.
        Assert.Equal(new[] { "A old.txt", "D new.txt", "D sub/中文.txt", "M keep.txt" }, diff.Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries).Order(StringComparer.Ordinal));
        Assert.True(File.Exists(wright.File("new.txt")));

        var restore = await wright.RunAsync("rewind", "1");
        Assert.True(restore.ExitCode == 0, restore.ToString());
        Assert.False(File.Exists(wright.File("new.txt")));
        Assert.False(File.Exists(wright.File("sub/中文.txt")));
        Assert.Equal("old\n", File.ReadAllText(wright.File("old.txt")));
        Assert.Equal("original\r\n", File.ReadAllText(wright.File("keep.txt")));
        Assert.Equal("artefact\n", File.ReadAllText(wright.File("build/out.bin"))); // ignored: never touched
        Assert.Contains("conversation rewound: 2 message(s) kept", restore.Stderr);

        // The conversation continues from before turn 1's response: system + the original prompt + the new one.
        var next = await wright.RunAsync("-c", "-p", "after rewind", "--output-format", "json");
        Assert.True(next.ExitCode == 0, next.ToString());
        var last = (await mock.JournalAsync()).EnumerateArray().Last().GetProperty("body").GetProperty("messages");
        Assert.Equal(["system", "user", "user"], last.EnumerateArray().Select(m => m.GetProperty("role").GetString()));

        // The restore itself can be undone with the safety snapshot it printed.
        var undo = System.Text.RegularExpressions.Regex.Match(restore.Stderr, @"wright rewind --snapshot (\S+)").Groups[1].Value;
        var redo = await wright.RunAsync("rewind", "--snapshot", undo);
        Assert.True(redo.ExitCode == 0, redo.ToString());
        Assert.Equal("changed\nsecond\n", File.ReadAllText(wright.File("keep.txt")));
        Assert.Equal("深\n", File.ReadAllText(wright.File("sub/中文.txt")));

        Assert.Equal(2, (await wright.RunAsync("rewind", "7")).ExitCode);
    }
}
