using System.Text.Json;
using Wright.Tests.Support;

namespace Wright.Tests.E2E;

/// <summary>An MCP server's elicitation/create shown as a form in the interactive session (real binary in tmux).</summary>
public sealed class McpElicitationTuiTests
{
    [Fact]
    public async Task The_form_validates_takes_defaults_and_sends_the_answers_to_the_server()
    {
        await using var mock = await AimockServer.StartAsync("""
            {"fixtures":[
              {"match":{"userMessage":"who am i","hasToolResult":false},"response":{"toolCalls":[{"name":"mcp__scripted__ask","arguments":"{}"}]}},
              {"match":{"userMessage":"who am i","hasToolResult":true},"response":{"content":"Noted."}}
            ]}
            """);
        using var wright = new WrightProcess();
        var server = Path.Combine(AppContext.BaseDirectory, "Fixtures", "mcp", "scripted-server.mjs");
        File.WriteAllText(Path.Combine(wright.Home, "mcp.json"),
            """{"mcpServers":{"scripted":{"command":"node","args":[""" + JsonSerializer.Serialize(server, TestJson.Default.String) + "]}}}");
        await using var tmux = await Tmux.StartAtPromptAsync(wright, mock, "--model", "deepseek/deepseek-chat", "--permission-mode", "yolo");
        await tmux.SubmitAsync("who am i");
        var form = await tmux.WaitForAsync("MCP server 'scripted' asks:");
        Assert.Contains("Who are you?", form);
        await tmux.WaitForAsync("Name *");
        await tmux.KeysAsync("Enter"); // required, no default
        await tmux.WaitForAsync("an answer is required");
        await tmux.SubmitAsync("Ada");
        await tmux.WaitForAsync("Enter: 30");
        await tmux.SubmitAsync("200");
        await tmux.WaitForAsync("must be between 0 and 150");
        await tmux.KeysAsync("Enter"); // the default
        await tmux.WaitForAsync("1) red, 2) green");
        await tmux.SubmitAsync("1");
        await tmux.WaitForAsync("y/n");
        await tmux.SubmitAsync("n");
        await tmux.WaitForAsync("Send? [y]es");
        await tmux.TypeAsync("y");
        var screen = await tmux.WaitForAsync("Noted.");
        Assert.Contains("sent", screen);

        // The server got the answers and returned them as the tool's result, which reached the model.
        var journal = (await mock.JournalAsync()).GetRawText().Replace("\\u0022", "\"", StringComparison.Ordinal);
        foreach (var part in (string[])["\"action\":\"accept\"", "\"name\":\"Ada\"", "\"age\":30", "\"color\":\"red\"", "\"ok\":false"])
            Assert.Contains(part, journal);
    }
}
