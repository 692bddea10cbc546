using System.Collections.Concurrent;
using System.Text;
using Wright.Tests.Support;

namespace Wright.Tests.E2E;

/// <summary>OTLP export through the real binary, received by a tiny OTLP/HTTP endpoint (protobuf bodies).</summary>
public sealed class TelemetryTests
{
    private const string Model = "deepseek/deepseek-chat";

    /// <summary>What a tiny OTLP/HTTP receiver got: each request's path and body.</summary>
    private sealed class Receiver : IDisposable
    {
        private readonly TinyHttpServer _server;

        public Receiver()
        {
            _server = new TinyHttpServer(async (request, response) =>
            {
                using var body = new MemoryStream();
                await request.InputStream.CopyToAsync(body);
                Received.Add((request.Url!.AbsolutePath, request.ContentType ?? "", body.ToArray()));
                response.StatusCode = 200;
                response.ContentType = "application/x-protobuf";
                response.Close();
            });
        }

        public ConcurrentBag<(string Path, string ContentType, byte[] Body)> Received { get; } = [];

        public string Endpoint => _server.BaseUrl.TrimEnd('/');

        /// <summary>The bodies sent to one signal's path, as text (protobuf keeps strings as UTF-8).</summary>
        public string Text(string path) => string.Join("\n", Received.Where(r => r.Path == path).Select(r => Encoding.UTF8.GetString(r.Body)));

        public void Dispose() => _server.Dispose();
    }

    [Fact]
    public async Task Spans_metrics_and_logs_go_to_the_configured_otlp_endpoint_with_genai_names_and_nothing_goes_without_one()
    {
        await using var mock = await AimockServer.StartAsync("""
            {"fixtures":[
              {"match":{"userMessage":"note it","hasToolResult":false},"response":{"toolCalls":[{"name":"write_file","arguments":"{\"path\":\"n.txt\",\"content\":\"noted\\n\"}"}]}},
              {"match":{"userMessage":"note it","hasToolResult":true},"response":{"content":"Noted."}}
            ]}
            """);
        using var receiver = new Receiver();
        using var wright = new WrightProcess { Environment = { ["DEEPSEEK_BASE_URL"] = mock.BaseUrl + "/v1", ["DEEPSEEK_API_KEY"] = "k" } };

        var quiet = await wright.RunAsync("-p", "note it", "--model", Model, "--permission-mode", "accept-edits");
        Assert.True(quiet.ExitCode == 0, quiet.ToString());
        Assert.Empty(receiver.Received);
        File.Delete(wright.File("n.txt"));

        wright.Environment["OTEL_EXPORTER_OTLP_ENDPOINT"] = receiver.Endpoint;
        wright.Environment["OTEL_SERVICE_NAME"] = "wright-e2e";
        var run = await wright.RunAsync("-p", "note it", "--model", Model, "--permission-mode", "accept-edits");
        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Equal("noted\n", File.ReadAllText(wright.File("n.txt")));

        var traces = receiver.Text("/v1/traces");
        Assert.True(traces.Length > 0, $"nothing on /v1/traces; received: {string.Join(", ", receiver.Received.Select(r => r.Path + " " + r.Body.Length))}\n{run}");
        Assert.All(receiver.Received.Where(r => r.Path == "/v1/traces"), r => Assert.Equal("application/x-protobuf", r.ContentType));
        foreach (var name in new[] { "invoke_agent wright", "turn", "chat deepseek-chat", "execute_tool write_file", "wright-e2e" })
            Assert.Contains(name, traces);
        foreach (var attribute in new[] { "gen_ai.operation.name", "gen_ai.request.model", "gen_ai.provider.name", "gen_ai.usage.input_tokens",
                     "gen_ai.usage.output_tokens", "gen_ai.tool.name", "gen_ai.tool.call.id", "gen_ai.conversation.id", "execute_tool", "invoke_agent" })
            Assert.Contains(attribute, traces);

        var metrics = receiver.Text("/v1/metrics");
        Assert.Contains("gen_ai.client.operation.duration", metrics);
        Assert.Contains("wright.tool.duration", metrics);
        Assert.Contains("session", receiver.Text("/v1/logs"));
    }
}
