using System.Diagnostics;
using Wright.Tests.Support;

namespace Wright.Tests.E2E;

/// <summary>
/// Wright's MCP client checked by the client scenarios of the MCP conformance suite (@modelcontextprotocol/conformance
/// 0.1.16, on Node 22 from tests/node22). For each scenario the suite starts its test server, runs
/// <c>dist/wright mcp conformance-client URL</c> (the same McpHub sessions use) and checks what reached the server:
/// the initialize handshake after an unexpected server/discover answer, tool calls, elicitation defaults, SSE retry,
/// and OAuth 2.1 (metadata discovery variants, CIMD, dynamic and pre-registered clients, scopes and step-up, token
/// endpoint auth methods, resource indicators, 2025-03-26 fallbacks, offline_access, client credentials). The sign-in
/// goes through Wright's loopback redirect and a scripted browser (an xdg-open on PATH). The suite's servers bind every
/// interface, so each run is inside a private network namespace.
/// Not run: auth/cross-app-access-complete-flow (an extension: enterprise-managed authorization through an identity
/// provider's ID token and token exchange, which Wright does not offer); see the README.
/// </summary>
public sealed class McpClientConformanceTests
{
    public static TheoryData<string> Scenarios() =>
    [
        "initialize", "tools_call", "elicitation-sep1034-client-defaults", "sse-retry",
        "auth/metadata-default", "auth/metadata-var1", "auth/metadata-var2", "auth/metadata-var3", "auth/basic-cimd",
        "auth/scope-from-www-authenticate", "auth/scope-from-scopes-supported", "auth/scope-omitted-when-undefined",
        "auth/scope-step-up", "auth/scope-retry-limit", "auth/token-endpoint-auth-basic", "auth/token-endpoint-auth-post",
        "auth/token-endpoint-auth-none", "auth/pre-registration", "auth/2025-03-26-oauth-metadata-backcompat",
        "auth/2025-03-26-oauth-endpoint-fallback", "auth/resource-mismatch", "auth/offline-access-scope",
        "auth/offline-access-not-supported", "auth/client-credentials-jwt", "auth/client-credentials-basic",
    ];

    [Theory]
    [MemberData(nameof(Scenarios))]
    public async Task Client_scenario_passes(string scenario)
    {
        var root = Directory.CreateTempSubdirectory("wright-conformance-").FullName;
        try
        {
            var psi = NetNamespace.InNewNamespace(ConformanceSuite.Node,
                [ConformanceSuite.Cli, "client", "--command", $"{WrightProcess.Binary} mcp conformance-client", "--scenario", scenario, "--timeout", "60000"]);
            psi.RedirectStandardOutput = true;
            psi.RedirectStandardError = true;
            psi.WorkingDirectory = root;
            psi.Environment["PATH"] = ConformanceSuite.FakeBrowser(root) + ":" + Environment.GetEnvironmentVariable("PATH");
            psi.Environment["DISPLAY"] = ":99"; // the scripted browser stands in for a display's browser
            psi.Environment["HOME"] = root;
            using var process = Process.Start(psi)!;
            var stdout = process.StandardOutput.ReadToEndAsync(TestContext.Current.CancellationToken);
            var stderr = process.StandardError.ReadToEndAsync(TestContext.Current.CancellationToken);
            using var deadline = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
            deadline.CancelAfter(TimeSpan.FromSeconds(120));
            try
            {
                await process.WaitForExitAsync(deadline.Token);
            }
            finally
            {
                if (!process.HasExited)
                    process.Kill(entireProcessTree: true);
            }

            var output = await stdout + "\n" + await stderr;
            Assert.True(process.ExitCode == 0 && output.Contains("OVERALL: PASSED", StringComparison.Ordinal), $"{scenario}: exit {process.ExitCode}\n{output}");
            Assert.DoesNotContain("FAILURE", output, StringComparison.Ordinal);
        }
        finally
        {
            Directory.Delete(root, recursive: true);
        }
    }
}
