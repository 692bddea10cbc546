using System.IO.Pipelines;
using System.Text;
using System.Text.Json;
using ModelContextProtocol.Protocol;
using ModelContextProtocol.Server;
using Wright.Mcp.Server;

namespace Wright.Tests.Mcp;

/// <summary><see cref="McpStdioHost"/>: every line gets an answer JSON-RPC 2.0 asks for, even one that is not a message.</summary>
public sealed class McpStdioHostTests
{
    [Theory]
    [InlineData("{not json", -32700, null)]
    [InlineData("""{"jsonrpc":"2.0","id":7,"method":""", -32700, null)]
    [InlineData("[1,2]", -32600, null)]
    [InlineData("42", -32600, null)]
    [InlineData("""{"hello":"world"}""", -32600, null)]
    [InlineData("""{"jsonrpc":"2.0","id":"a","params":{}}""", -32600, "\"a\"")]
    [InlineData("""{"jsonrpc":"2.0","id":9}""", -32600, "9")]
    public void Lines_that_are_not_messages_are_answered(string line, int code, string? id)
    {
        var error = McpStdioHost.Reject(line);
        Assert.NotNull(error);
        Assert.Equal(code, error.Error.Code);
        using var json = JsonDocument.Parse(JsonSerializer.Serialize(error, (System.Text.Json.Serialization.Metadata.JsonTypeInfo<JsonRpcError>)ModelContextProtocol.McpJsonUtilities.DefaultOptions.GetTypeInfo(typeof(JsonRpcError))));
        Assert.Equal(id ?? "null", json.RootElement.GetProperty("id").GetRawText());
    }

    [Theory]
    [InlineData("""{"jsonrpc":"2.0","id":1,"method":"ping"}""")]
    [InlineData("""{"jsonrpc":"2.0","method":"notifications/initialized"}""")]
    [InlineData("""{"jsonrpc":"2.0","id":"x","result":{}}""")]
    public void Messages_pass(string line) => Assert.Null(McpStdioHost.Reject(line));

    [Fact]
    public async Task A_malformed_line_gets_a_parse_error_and_the_session_goes_on()
    {
        var input = new Pipe();
        var output = new Pipe();
        var options = new McpServerOptions { ServerInfo = new Implementation { Name = "t", Version = "1" } };
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        stop.CancelAfter(TimeSpan.FromSeconds(30));
        var run = McpStdioHost.RunAsync(options, input.Reader.AsStream(), output.Writer.AsStream(), stop.Token);
        using var reader = new StreamReader(output.Reader.AsStream(), Encoding.UTF8);
        async Task<JsonElement> SendAsync(string line)
        {
            await input.Writer.WriteAsync(Encoding.UTF8.GetBytes(line + "\n"), stop.Token);
            using var doc = JsonDocument.Parse((await reader.ReadLineAsync(stop.Token))!);
            return doc.RootElement.Clone();
        }

        var parse = await SendAsync("{\"jsonrpc\": \"2.0\", \"id\": 1, \"method\": ");
        Assert.Equal(-32700, parse.GetProperty("error").GetProperty("code").GetInt32());
        Assert.Equal(JsonValueKind.Null, parse.GetProperty("id").ValueKind);
        var init = await SendAsync("""{"jsonrpc":"2.0","id":2,"method":"initialize","params":{"protocolVersion":"2025-11-25","capabilities":{},"clientInfo":{"name":"c","version":"1"}}}""");
        Assert.Equal("t", init.GetProperty("result").GetProperty("serverInfo").GetProperty("name").GetString());
        var batch = await SendAsync("""[{"jsonrpc":"2.0","id":3,"method":"ping"}]""");
        Assert.Equal(-32600, batch.GetProperty("error").GetProperty("code").GetInt32());
        var ping = await SendAsync("""{"jsonrpc":"2.0","id":4,"method":"ping"}""");
        Assert.Equal(4, ping.GetProperty("id").GetInt32());

        await input.Writer.CompleteAsync(); // stdin ends: the server ends
        await run.WaitAsync(stop.Token);
    }
}
