using System.Text.Json;
using Wright.Tests.E2E;
using Wright.Tests.Support;

namespace Wright.Tests.Safety;

/// <summary>
/// The command line and workspace choice through the real binary: no response files (an '@' argument is an argument),
/// an untrusted or planted project config cannot switch on yolo, and the home directory (or an ancestor, or /) is
/// refused as a workspace unless confirmed.
/// </summary>
public sealed class CliSafetyTests
{
    private const string Banner = "permission mode yolo";

    private static string Shell(string command) =>
        $$$"""{"toolCalls":[{"name":"shell","arguments":{{{JsonSerializer.Serialize(JsonSerializer.Serialize(new Dictionary<string, object> { ["command"] = command }, TestJson.Default.DictionaryStringObject), TestJson.Default.String)}}}}]}""";

    private static Task<AimockServer> MockAsync(string prompt) => AimockServer.StartAsync($$$"""
        {"fixtures":[
          {"match":{"userMessage":"{{{prompt}}}","hasToolResult":false},"response":{{{Shell("echo hi")}}}},
          {"match":{"userMessage":"{{{prompt}}}","hasToolResult":true},"response":{"content":"Done."}}
        ]}
        """);

    private static WrightProcess Wright(AimockServer mock) =>
        new() { Environment = { ["DEEPSEEK_BASE_URL"] = mock.BaseUrl + "/v1", ["DEEPSEEK_API_KEY"] = "k" } };

    [Fact]
    public async Task An_at_argument_is_a_prompt_not_a_file_of_flags()
    {
        await using var mock = await MockAsync("@task.txt");
        using var wright = Wright(mock);
        File.WriteAllText(wright.File("task.txt"), "--permission-mode yolo\n");

        var run = await wright.RunAsync("-p", "@task.txt", "--model", "deepseek/deepseek-chat", "--output-format", "stream-json");

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.DoesNotContain(Banner, run.Stderr);
        Assert.Equal("Done.", run.Result.GetProperty("text").GetString());
        var sent = (await mock.JournalAsync()).EnumerateArray().First().GetProperty("body").GetProperty("messages");
        Assert.Contains(sent.EnumerateArray(), m => m.GetProperty("role").GetString() == "user" && m.GetProperty("content").ToString().Contains("@task.txt", StringComparison.Ordinal));
    }

    [Fact]
    public async Task An_npm_scope_is_passed_to_mcp_add_as_it_is()
    {
        using var wright = new WrightProcess();

        var run = await wright.RunAsync("mcp", "add", "fs", "npx", "-y", "@modelcontextprotocol/server-filesystem", "/tmp");

        Assert.True(run.ExitCode == 0, run.ToString());
        using var doc = JsonDocument.Parse(File.ReadAllText(Path.Combine(wright.Home, "mcp.json")));
        var fs = doc.RootElement.GetProperty("mcpServers").GetProperty("fs");
        Assert.Equal("npx", fs.GetProperty("command").GetString());
        Assert.Equal(["-y", "@modelcontextprotocol/server-filesystem", "/tmp"], fs.GetProperty("args").EnumerateArray().Select(a => a.GetString()));
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task A_project_config_cannot_switch_on_yolo(bool plantedAboveTheWorkspace)
    {
        await using var mock = await MockAsync("run it");
        using var wright = Wright(mock);
        // In the repository, or planted above a workspace that is in no repository (like /tmp/.wright/config.json).
        var dir = Path.Combine(plantedAboveTheWorkspace ? wright.Root : wright.Workspace, ".wright");
        Directory.CreateDirectory(dir);
        File.WriteAllText(Path.Combine(dir, "config.json"), """{"permission_mode":"yolo"}""");

        var run = await wright.RunAsync("-p", "run it", "--model", "deepseek/deepseek-chat", "--output-format", "stream-json");

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.DoesNotContain(Banner, run.Stderr);
        if (plantedAboveTheWorkspace)
        {
            // Not even read: the search stops at the workspace when there is no repository.
            Assert.DoesNotContain(".wright/config.json", run.Stderr);
        }
        else
        {
            Assert.Contains("\"permission_mode\"", run.Stderr);
            Assert.Contains("wright trust", run.Stderr);
        }
    }

    [Fact]
    public async Task The_home_directory_its_ancestors_and_root_are_refused_headless_unless_confirmed()
    {
        await using var mock = await MockAsync("home");
        using var wright = Wright(mock);
        wright.Environment["HOME"] = wright.Workspace;
        var canary = wright.File(".bashrc");
        File.WriteAllText(canary, "# the user's\n");

        var refused = await wright.RunAsync("-p", "home", "--model", "deepseek/deepseek-chat");
        Assert.Equal(2, refused.ExitCode);
        Assert.Contains("refusing to work in " + wright.Workspace, refused.Stderr);
        Assert.Contains("--allow-home-workspace", refused.Stderr);
        Assert.Equal(0, (await mock.JournalAsync()).GetArrayLength());

        var ancestor = await wright.RunAsync("-p", "home", "--model", "deepseek/deepseek-chat", "--cwd", wright.Root);
        Assert.Equal(2, ancestor.ExitCode);
        var root = await wright.RunAsync("-p", "home", "--model", "deepseek/deepseek-chat", "--cwd", "/");
        Assert.Equal(2, root.ExitCode);
        Assert.Contains("refusing to work in /", root.Stderr);

        // A project config cannot confirm it; the flag and the user config can.
        Directory.CreateDirectory(wright.File(".wright"));
        File.WriteAllText(wright.File(".wright/config.json"), """{"allow_home_workspace":true}""");
        Assert.Equal(2, (await wright.RunAsync("-p", "home", "--model", "deepseek/deepseek-chat")).ExitCode);
        var flagged = await wright.RunAsync("-p", "home", "--model", "deepseek/deepseek-chat", "--allow-home-workspace");
        Assert.True(flagged.ExitCode == 0, flagged.ToString());
        File.WriteAllText(Path.Combine(wright.Home, "config.json"), """{"allow_home_workspace":true}""");
        var configured = await wright.RunAsync("-p", "home", "--model", "deepseek/deepseek-chat");
        Assert.True(configured.ExitCode == 0, configured.ToString());
        Assert.Equal("# the user's\n", File.ReadAllText(canary));
    }

    [Theory]
    [InlineData("n", false)]
    [InlineData("y", true)]
    public async Task The_interactive_session_asks_before_working_in_the_home_directory(string answer, bool works)
    {
        await using var mock = await MockAsync("home");
        using var wright = Wright(mock);
        wright.Environment["HOME"] = wright.Workspace;
        await using var tmux = await Tmux.StartAsync(wright, mock, "--model", "deepseek/deepseek-chat");

        await tmux.WaitForAsync("Work here anyway? [y/N]");
        await tmux.TypeAsync(answer);

        var screen = await tmux.WaitForAsync(works ? "\n›" : "[exit 2]");
        Assert.Equal(works, !screen.Contains("refusing to work in", StringComparison.Ordinal));
    }
}
