using Wright.Mcp;

namespace Wright.Tests.Mcp;

public sealed class McpConfigFileTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("wright-mcp-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private string Write(string json)
    {
        var path = Path.Combine(_dir, "mcp.json");
        File.WriteAllText(path, json);
        return path;
    }

    [Fact]
    public void Reads_the_common_mcpServers_shape()
    {
        var path = Write("""
            { "mcpServers": {
                "fs": { "command": "npx", "args": ["-y", "@modelcontextprotocol/server-filesystem", "/tmp"], "env": { "DEBUG": "1" } },
                "remote": { "type": "http", "url": "https://mcp.example/mcp", "headers": { "Authorization": "Bearer x" } },
                "legacy": { "type": "sse", "url": "https://old.example/sse", "disabled": true }
            } }
            """);
        var servers = McpConfigFile.Read(path);

        Assert.Equal(["fs", "remote", "legacy"], servers.Select(s => s.Name));
        Assert.Equal("stdio", servers[0].Transport);
        Assert.Equal(["-y", "@modelcontextprotocol/server-filesystem", "/tmp"], servers[0].Args);
        Assert.Equal("1", servers[0].Env["DEBUG"]);
        Assert.Equal("http", servers[1].Transport);
        Assert.Equal("Bearer x", servers[1].Headers["Authorization"]);
        Assert.Equal("sse", servers[2].Transport);
        Assert.True(servers[2].Disabled);
    }

    [Theory]
    [InlineData("""{"mcpServers":{"x":{}}}""", "needs \"command\"")]
    [InlineData("""{"mcpServers":{"x":{"url":"file:///etc/passwd"}}}""", "not an http(s) URL")]
    [InlineData("""{"mcpServers": """, "not valid JSON")]
    public void Bad_entries_are_explained(string json, string expected)
    {
        var ex = Assert.Throws<FormatException>(() => McpConfigFile.Read(Write(json)));
        Assert.Contains(expected, ex.Message);
    }

    [Fact]
    public void Add_and_remove_keep_other_entries()
    {
        var path = Write("""{"mcpServers":{"keep":{"command":"a"}},"other":1}""");
        McpConfigFile.Upsert(path, new McpServerConfig("new") { Command = "node", Args = ["s.js"] });
        Assert.Equal(["keep", "new"], McpConfigFile.Read(path).Select(s => s.Name));
        Assert.True(McpConfigFile.Remove(path, "keep"));
        Assert.False(McpConfigFile.Remove(path, "keep"));
        Assert.Equal(["new"], McpConfigFile.Read(path).Select(s => s.Name));
        Assert.Contains("\"other\": 1", File.ReadAllText(path));
    }
}
