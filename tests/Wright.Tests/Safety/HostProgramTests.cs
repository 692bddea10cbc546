using System.Text.Json;
using Wright.Tests.E2E;
using Wright.Tests.Support;

namespace Wright.Tests.Safety;

/// <summary>
/// Programs planted in the workspace (a cloned repository's, or written by a sandboxed command) and in the current
/// directory, named like every program Wright starts — git, setsid, bash, sh, bwrap, socat, an MCP server — must never
/// run on the host: not through .NET's own lookup (executable's directory, then the current directory, then PATH),
/// nor through PATH entries that are empty, relative, '.' or inside the workspace. The real binary runs an edit, a
/// shell command, a hook, an MCP server start, snapshots and a rewind in every permission mode; no canary may appear.
/// The same workspace's repository tries every git payload, and the user's environment carries GIT_* variables.
/// </summary>
public sealed class HostProgramTests
{
    private static readonly string[] Planted = ["git", "setsid", "bash", "sh", "bwrap", "socat", "env", "mcp-tools"];

    private static string Call(string name, object args) =>
        $$"""{"toolCalls":[{"name":"{{name}}","arguments":{{JsonSerializer.Serialize(JsonSerializer.Serialize(args, TestJson.Default.DictionaryStringObject), TestJson.Default.String)}}}]}""";

    /// <summary>The trajectory of each prompt: write a file, edit it, run a shell command, answer.</summary>
    private static string Fixtures(params string[] prompts)
    {
        var fixtures = new List<string>();
        foreach (var prompt in prompts)
        {
            var steps = new[]
            {
                Call("write_file", new Dictionary<string, object> { ["path"] = prompt + ".txt", ["content"] = "one\n" }),
                Call("edit_file", new Dictionary<string, object> { ["path"] = prompt + ".txt", ["old_string"] = "one", ["new_string"] = "two" }),
                Call("shell", new Dictionary<string, object> { ["command"] = "echo shell-ran > shell.txt; git --version" }),
            };
            fixtures.Add($$"""{"match":{"userMessage":"{{prompt}}","hasToolResult":false},"response":{{steps[0]}}}""");
            for (var i = 1; i < steps.Length; i++)
                fixtures.Add($$"""{"match":{"userMessage":"{{prompt}}","hasToolResult":true,"sequenceIndex":{{i - 1}}},"response":{{steps[i]}}}""");
            fixtures.Add("{\"match\":{\"userMessage\":\"" + prompt + "\",\"hasToolResult\":true,\"sequenceIndex\":" + (steps.Length - 1) + "},\"response\":{\"content\":\"Done.\"}}");
        }

        return "{\"fixtures\":[" + string.Join(",", fixtures) + "]}";
    }

    /// <summary>An executable that records that it ran (its name and arguments) in the canary directory.</summary>
    private static void Plant(string directory, string canaries)
    {
        Directory.CreateDirectory(directory);
        foreach (var name in Planted)
        {
            var file = Path.Combine(directory, name);
            File.WriteAllText(file, $"#!/bin/sh\necho \"$0 $*\" >> '{canaries}/ran'\nexit 0\n");
            File.SetUnixFileMode(file, (UnixFileMode)0b111_101_101);
        }
    }

    /// <summary>A repository whose configuration, attributes, modules and worktree links each try to run the payload.</summary>
    internal static void PoisonRepository(string workspace, string payload, string outside)
    {
        var git = Path.Combine(workspace, ".git");
        var config = $$"""
            [core]
                fsmonitor = {{payload}} fsmonitor
                hooksPath = {{outside}}/hooks
                pager = {{payload}} pager
                sshCommand = {{payload}} ssh
                editor = {{payload}} editor
                askPass = {{payload}} askpass
            [include]
                path = {{outside}}/included.cfg
            [filter "evil"]
                clean = {{payload}} clean
                smudge = {{payload}} smudge
                process = {{payload}} process
                required = true
            [diff "evil"]
                textconv = {{payload}} textconv
                command = {{payload}} diff
            [diff]
                external = {{payload}} external
            [merge "evil"]
                driver = {{payload}} merge
            [alias]
                status = !{{payload}} alias
                update-index = !{{payload}} alias
            [credential]
                helper = !{{payload}} credential
            """;
        Directory.CreateDirectory(Path.Combine(git, "hooks"));
        File.WriteAllText(Path.Combine(git, "config"), config);
        File.WriteAllText(Path.Combine(git, "HEAD"), "ref: refs/heads/main\n");
        Directory.CreateDirectory(Path.Combine(git, "objects"));
        Directory.CreateDirectory(Path.Combine(git, "refs"));
        // commondir points at a shared directory whose config runs the payload too.
        Directory.CreateDirectory(Path.Combine(outside, "common", "info"));
        File.WriteAllText(Path.Combine(outside, "common", "config"), config);
        File.WriteAllText(Path.Combine(git, "commondir"), Path.Combine(outside, "common") + "\n");
        File.WriteAllText(Path.Combine(outside, "included.cfg"), $"[core]\n    fsmonitor = {payload} included\n");
        Directory.CreateDirectory(Path.Combine(outside, "hooks"));
        foreach (var hook in new[] { "pre-commit", "post-commit", "post-checkout", "post-index-change", "reference-transaction", "fsmonitor-watchman", "pre-auto-gc" })
        {
            foreach (var dir in new[] { Path.Combine(outside, "hooks"), Path.Combine(git, "hooks") })
            {
                File.WriteAllText(Path.Combine(dir, hook), $"#!/bin/sh\n{payload} hook-{hook}\n");
                File.SetUnixFileMode(Path.Combine(dir, hook), (UnixFileMode)0b111_101_101);
            }
        }

        foreach (var hook in Directory.EnumerateFiles(Path.Combine(git, "hooks")))
            File.SetUnixFileMode(hook, (UnixFileMode)0b111_101_101);
        File.WriteAllText(Path.Combine(workspace, ".gitattributes"), "* filter=evil diff=evil merge=evil working-tree-encoding=UTF-16\n");
        File.WriteAllText(Path.Combine(workspace, ".gitmodules"), $"[submodule \"sub\"]\n    path = sub\n    url = ext::{payload} url\n    update = !{payload} update\n");
        // A submodule whose git directory lives under .git/modules with its own poisoned config.
        Directory.CreateDirectory(Path.Combine(git, "modules", "sub"));
        File.WriteAllText(Path.Combine(git, "modules", "sub", "config"), config);
        File.WriteAllText(Path.Combine(git, "modules", "sub", "HEAD"), "ref: refs/heads/main\n");
        Directory.CreateDirectory(Path.Combine(workspace, "sub"));
        File.WriteAllText(Path.Combine(workspace, "sub", ".git"), "gitdir: ../.git/modules/sub\n");
        File.WriteAllText(Path.Combine(workspace, "sub", "file.txt"), "in the submodule\n");
        // A linked worktree: its .git file points at a git directory outside, with a commondir and a poisoned config.
        Directory.CreateDirectory(Path.Combine(outside, "wt-gitdir"));
        File.WriteAllText(Path.Combine(outside, "wt-gitdir", "config"), config);
        File.WriteAllText(Path.Combine(outside, "wt-gitdir", "commondir"), Path.Combine(outside, "common") + "\n");
        File.WriteAllText(Path.Combine(outside, "wt-gitdir", "HEAD"), "ref: refs/heads/main\n");
        Directory.CreateDirectory(Path.Combine(workspace, "linked"));
        File.WriteAllText(Path.Combine(workspace, "linked", ".git"), $"gitdir: {Path.Combine(outside, "wt-gitdir")}\n");
        File.WriteAllText(Path.Combine(workspace, "linked", "file.txt"), "in the worktree\n");
        File.WriteAllText(Path.Combine(workspace, "source.txt"), "text with\r\nCRLF\n");
    }

    /// <summary>Every file under a directory with its bytes, to prove nothing moved.</summary>
    internal static SortedDictionary<string, string> Snapshot(string directory) =>
        new(Directory.EnumerateFiles(directory, "*", SearchOption.AllDirectories)
            .ToDictionary(f => Path.GetRelativePath(directory, f), f => Convert.ToHexString(File.ReadAllBytes(f))), StringComparer.Ordinal);

    private sealed record Setup(WrightProcess Wright, string Canaries, string Elsewhere, string Payload);

    private static Setup Prepare(string baseUrl)
    {
        var wright = new WrightProcess { Environment = { ["DEEPSEEK_BASE_URL"] = baseUrl + "/v1", ["DEEPSEEK_API_KEY"] = "k" } };
        var canaries = Path.Combine(wright.Root, "canaries");
        var outside = Path.Combine(wright.Root, "outside");
        var elsewhere = Path.Combine(wright.Root, "elsewhere");
        var trustedBin = Path.Combine(wright.Root, "trusted-bin");
        Directory.CreateDirectory(canaries);
        Directory.CreateDirectory(outside);
        Directory.CreateDirectory(trustedBin);
        var payload = Path.Combine(outside, "payload");
        File.WriteAllText(payload, $"#!/bin/sh\necho \"payload $*\" >> '{canaries}/ran'\n");
        File.SetUnixFileMode(payload, (UnixFileMode)0b111_101_101);
        Plant(wright.Workspace, canaries);
        Plant(Path.Combine(wright.Workspace, "bin"), canaries);
        Plant(elsewhere, canaries);
        PoisonRepository(wright.Workspace, payload, outside);
        // The MCP server is named by a bare name; the real one (Wright's own `mcp serve`) is on a trusted PATH entry.
        File.CreateSymbolicLink(Path.Combine(trustedBin, "mcp-tools"), WrightProcess.Binary);
        File.WriteAllText(Path.Combine(wright.Home, "mcp.json"), """{"mcpServers":{"tools":{"command":"mcp-tools","args":["mcp","serve"]}}}""");
        var hookLog = Path.Combine(wright.Root, "hook.log");
        File.WriteAllText(Path.Combine(wright.Home, "config.json"), JsonSerializer.Serialize(new Dictionary<string, object>
        {
            ["hooks"] = new Dictionary<string, object>
            {
                ["PreToolUse"] = new[] { new Dictionary<string, object> { ["hooks"] = new[] { new Dictionary<string, object> { ["type"] = "command", ["command"] = $"git --version >> '{hookLog}'; setsid true; env true; sh -c true; bash -c true" } } } },
            },
        }, TestJson.Default.DictionaryStringObject));
        // The user's environment: PATH starts with the workspace, '.', an empty and relative entries; GIT_* variables
        // and a global config that name the payload.
        var userHome = Path.Combine(wright.Root, "user-home");
        Directory.CreateDirectory(userHome);
        File.WriteAllText(Path.Combine(userHome, ".gitconfig"), $"[core]\n    fsmonitor = {payload} user-global\n    hooksPath = {outside}/hooks\n");
        wright.Environment["HOME"] = userHome;
        wright.Environment["PATH"] = string.Join(':', wright.Workspace, ".", "", "bin", "./bin", trustedBin, Environment.GetEnvironmentVariable("PATH"));
        wright.Environment["GIT_CONFIG_PARAMETERS"] = $"'core.fsmonitor'='{payload} parameters'";
        wright.Environment["GIT_CONFIG_COUNT"] = "1";
        wright.Environment["GIT_CONFIG_KEY_0"] = "core.fsmonitor";
        wright.Environment["GIT_CONFIG_VALUE_0"] = payload + " count";
        wright.Environment["GIT_CONFIG_GLOBAL"] = Path.Combine(outside, "common", "config");
        wright.Environment["GIT_DIR"] = Path.Combine(wright.Workspace, ".git");
        wright.Environment["GIT_EXEC_PATH"] = Path.Combine(wright.Workspace, "bin");
        wright.Environment["GIT_EXTERNAL_DIFF"] = payload + " external-env";
        wright.Environment["GIT_PAGER"] = payload + " pager-env";
        return new Setup(wright, canaries, elsewhere, payload);
    }

    private static Task<WrightRun> RunAsync(WrightProcess wright, string workingDirectory, params string[] args)
    {
        wright.WorkingDirectory = workingDirectory;
        return wright.RunAsync(args);
    }

    private static string Ran(Setup setup) =>
        File.Exists(Path.Combine(setup.Canaries, "ran")) ? File.ReadAllText(Path.Combine(setup.Canaries, "ran")) : "";

    [Theory]
    [InlineData("plan")]
    [InlineData("ask")]
    [InlineData("accept-edits")]
    [InlineData("auto")]
    [InlineData("yolo")]
    public async Task Planted_programs_and_repository_payloads_never_run_on_the_host(string mode)
    {
        await using var mock = await AimockServer.StartAsync(Fixtures("work", "again"));
        var setup = Prepare(mock.BaseUrl);
        using var wright = setup.Wright;
        var gitBefore = Snapshot(Path.Combine(wright.Workspace, ".git"));
        var outsideBefore = Snapshot(Path.Combine(wright.Root, "outside"));

        // Once from the workspace, once from another directory (with its own planted programs) with --cwd.
        var run = await RunAsync(wright, wright.Workspace, "-p", "work", "--model", "deepseek/deepseek-chat", "--permission-mode", mode,
            "--allow", "shell", "--output-format", "stream-json", "--include-partial-messages");
        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Equal("Done.", run.Result.GetProperty("text").GetString());
        var again = await RunAsync(wright, setup.Elsewhere, "-p", "again", "--cwd", wright.Workspace, "--model", "deepseek/deepseek-chat",
            "--permission-mode", mode, "--allow", "shell", "--output-format", "stream-json", "--include-partial-messages");
        Assert.True(again.ExitCode == 0, again.ToString());
        // Rewind (list, diff, restore) from both directories.
        foreach (var (cwd, extra) in new[] { (wright.Workspace, Array.Empty<string>()), (setup.Elsewhere, new[] { "--cwd", wright.Workspace }) })
        {
            var list = await RunAsync(wright, cwd, ["rewind", .. extra]);
            Assert.True(list.ExitCode == 0, list.ToString());
            var diff = await RunAsync(wright, cwd, ["rewind", "1", "--diff", .. extra]);
            Assert.True(diff.ExitCode is 0 or 2, diff.ToString());
        }

        var restore = await RunAsync(wright, wright.Workspace, "rewind", "1", "--files");
        Assert.True(restore.ExitCode is 0 or 2, restore.ToString());

        Assert.Equal("", Ran(setup));
        // The things that had to run did: the hook (with the real git), the MCP server, the snapshots.
        var hookLog = Path.Combine(wright.Root, "hook.log");
        Assert.True(File.Exists(hookLog) && File.ReadAllText(hookLog).StartsWith("git version", StringComparison.Ordinal), run.ToString());
        Assert.DoesNotContain("MCP server 'tools' is unavailable", run.Stderr);
        Assert.NotEmpty(run.Events("checkpoint"));
        if (mode is "accept-edits" or "auto" or "yolo")
            Assert.Contains("git version", run.Events("tool_call_finished").Last().GetProperty("result").GetString());
        // Nothing of the user's repository, or outside, moved.
        Assert.Equal(gitBefore, Snapshot(Path.Combine(wright.Workspace, ".git")));
        Assert.Equal(outsideBefore, Snapshot(Path.Combine(wright.Root, "outside")));
        Assert.Equal("text with\r\nCRLF\n", File.ReadAllText(wright.File("source.txt")));
    }
}
