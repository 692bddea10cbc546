using System.CommandLine;
using System.Text.Json;
using System.Text.Json.Nodes;
using ModelContextProtocol.Protocol;
using Wright.Cli.Hosting;
using Wright.Core.Tools;
using Wright.Mcp;
using Wright.Mcp.Auth;
using Wright.Mcp.Elicitation;

namespace Wright.Cli.Commands;

/// <summary>
/// <c>wright mcp conformance-client URL</c> (hidden): the client side of the MCP conformance suite
/// (@modelcontextprotocol/conformance). The suite starts a test server for a scenario, runs this with its URL, sets
/// <c>MCP_CONFORMANCE_SCENARIO</c> (and <c>MCP_CONFORMANCE_CONTEXT</c> with credentials), and checks what reached the
/// server. It connects through the very <see cref="McpHub"/> sessions use (protocol fallback, OAuth with the loopback
/// sign-in and the file token store, elicitation through <see cref="ElicitationForm"/>), lists the tools and calls the
/// ones the scenario offers through <see cref="McpTool"/>. The person is played by the defaults: every form field is
/// answered with Enter, which takes its default; the "browser" is whatever <c>xdg-open</c> is on PATH.
/// </summary>
internal static class McpConformanceClient
{
    /// <summary>The client ID metadata document URL the suite's CIMD scenario expects.</summary>
    private const string ClientMetadataUrl = "https://conformance-test.local/client-metadata.json";

    public static Command Create()
    {
        var url = new Argument<string>("url");
        var command = new Command("conformance-client", "Run one client scenario of the MCP conformance suite (for tests).") { url };
        command.Hidden = true;
        command.SetAction((result, ct) => RunAsync(result.GetValue(url)!, ct));
        return command;
    }

    private static async Task<int> RunAsync(string url, CancellationToken cancellationToken)
    {
        var scenario = Environment.GetEnvironmentVariable("MCP_CONFORMANCE_SCENARIO") ?? "";
        var context = JsonNode.Parse(Environment.GetEnvironmentVariable("MCP_CONFORMANCE_CONTEXT") ?? "{}") as JsonObject ?? [];
        var work = Directory.CreateTempSubdirectory("wright-conformance-").FullName;
        try
        {
            var server = new McpServerConfig("conformance")
            {
                Url = new Uri(url),
                Timeout = TimeSpan.FromSeconds(20),
                OAuth = OAuth(context, work),
            };
            using var loopback = LoopbackLogin.Start(0, Console.Error, Environment.GetEnvironmentVariable, TimeSpan.FromSeconds(20));
            await using var hub = await McpHub.StartAsync(new McpHubOptions
            {
                Tokens = new OAuthTokenStore(Path.Combine(work, "mcp-auth")),
                Login = loopback,
                Workspace = work,
                Elicitor = new DefaultsElicitor(),
            }, [server], cancellationToken);
            var status = hub.Statuses[0];
            if (!status.Running)
            {
                await Console.Error.WriteLineAsync($"conformance client: {status.Error}");
                // The suite's retry-limit scenario expects a client that gives up; giving up is the pass.
                return scenario == "auth/scope-retry-limit" ? ExitCodes.Success : ExitCodes.Error;
            }

            Console.WriteLine($"connected; tools: {string.Join(", ", hub.Tools.Select(t => t.RemoteName))}");
            var toolContext = new ToolContext("conformance", work, work, TimeProvider.System);
            var ok = true;
            foreach (var (name, arguments) in Calls(scenario))
            {
                if (hub.Tools.FirstOrDefault(t => t.RemoteName == name) is not { } tool)
                    continue;
                using var args = JsonDocument.Parse(arguments);
                var result = await tool.InvokeAsync(args.RootElement, toolContext, cancellationToken);
                Console.WriteLine($"{name}: {result.Content}");
                ok &= !result.IsError;
            }

            return ok ? ExitCodes.Success : ExitCodes.Error;
        }
        finally
        {
            Directory.Delete(work, recursive: true);
        }
    }

    /// <summary>The tools a scenario's server offers for the client to call, with arguments.</summary>
    private static IEnumerable<(string Name, string Arguments)> Calls(string scenario) => scenario switch
    {
        "tools_call" => [("add_numbers", """{"a":5,"b":10}""")],
        "elicitation-sep1034-client-defaults" => [("test_client_elicitation_defaults", "{}")],
        "sse-retry" => [("test_reconnection", "{}")],
        _ when scenario.StartsWith("auth/", StringComparison.Ordinal) => [("test-tool", "{}")],
        _ => [],
    };

    /// <summary>The OAuth settings a scenario's context implies (pre-registered or machine credentials), else discovery.</summary>
    private static McpOAuthConfig OAuth(JsonObject context, string work)
    {
        var name = context["name"]?.ToString() ?? "";
        var clientId = context["client_id"]?.ToString();
        var secret = context["client_secret"]?.ToString();
        if (name.StartsWith("auth/client-credentials", StringComparison.Ordinal))
        {
            string? keyFile = null;
            if (context["private_key_pem"]?.ToString() is { } pem)
            {
                keyFile = Path.Combine(work, "client-key.pem");
                File.WriteAllText(keyFile, pem);
            }

            return new McpOAuthConfig
            {
                Grant = "client_credentials",
                ClientId = clientId,
                ClientSecret = secret,
                PrivateKeyFile = keyFile,
                SigningAlgorithm = context["signing_algorithm"]?.ToString() ?? "ES256",
            };
        }

        return new McpOAuthConfig { ClientId = clientId, ClientSecret = secret, ClientMetadataUrl = new Uri(ClientMetadataUrl) };
    }

    /// <summary>A person who presses Enter in every field (taking each default) and then sends the form.</summary>
    private sealed class DefaultsElicitor : IMcpElicitor
    {
        public ValueTask<ElicitResult> ElicitAsync(string server, ElicitRequestParams request, CancellationToken cancellationToken)
        {
            var values = new Dictionary<string, JsonElement>(StringComparer.Ordinal);
            foreach (var field in ElicitationForm.From(request).Fields)
            {
                if (field.TryParse("", out var value, out _) && value is { } v)
                    values[field.Name] = v;
            }

            return ValueTask.FromResult(ElicitationForm.Accept(values));
        }
    }
}
