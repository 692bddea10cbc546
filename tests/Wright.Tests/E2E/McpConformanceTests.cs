using System.Text.Json;
using Wright.Tests.Support;

namespace Wright.Tests.E2E;

/// <summary>
/// Every server scenario of @modelcontextprotocol/conformance (<c>--suite all</c>) against <c>wright mcp serve</c>, over
/// Streamable HTTP and over stdio (through supergateway, which puts a stdio server behind Streamable HTTP: the suite's
/// server mode speaks only HTTP). Each scenario either applies and must pass, or does not apply for a stated reason
/// and must fail for that reason; a scenario in neither list (a new release of the suite) fails the test until it is
/// classified. The suite runs in a private network namespace: servers bound to every interface there reach nothing.
/// 0.1.13 is the newest release that runs on Node 20 (0.1.14 on use fs.globSync from Node 22).
/// </summary>
public sealed partial class McpConformanceTests
{
    /// <summary>Scenarios that apply to Wright's server (one tool, run_task; no resources, prompts or completions).</summary>
    private static readonly HashSet<string> AppliesOverHttp =
    [
        "server-initialize", "ping", "logging-set-level", "tools-list",
        // A failing call (the suite's test_error_handling, unknown here) must come back as an isError result.
        "tools-call-error",
        // Priming event (id, empty data) and retry field on POST streams; concurrent POST streams and the GET stream.
        "server-sse-polling", "server-sse-multiple-streams",
        "dns-rebinding-protection",
    ];

    /// <summary>Over stdio the HTTP layer is supergateway's, so the HTTP scenarios test it, not Wright.</summary>
    private static readonly HashSet<string> AppliesOverStdio = ["server-initialize", "ping", "logging-set-level", "tools-list", "tools-call-error"];

    /// <summary>Scenarios that do not apply, and what their failure must say (so they fail for that reason alone).</summary>
    private static readonly Dictionary<string, string> DoesNotApply = new(StringComparer.Ordinal)
    {
        ["completion-complete"] = "-32601", // no completions
        // The suite's own test tools (test_image_content, test_sampling...): Wright offers only run_task.
        ["tools-call-simple-text"] = "", // "passes" only because the unknown-tool error is text
        ["tools-call-image"] = "No image content found",
        ["tools-call-audio"] = "No audio content found",
        ["tools-call-embedded-resource"] = "No resource content found",
        ["tools-call-mixed-content"] = "Expected multiple content items",
        ["tools-call-with-logging"] = "No log notifications received",
        ["tools-call-with-progress"] = "No progress notifications received",
        ["tools-call-sampling"] = "did not request sampling",
        ["tools-call-elicitation"] = "did not request elicitation",
        ["elicitation-sep1034-defaults"] = "did not request elicitation",
        ["elicitation-sep1330-enums"] = "did not request elicitation",
        ["json-schema-2020-12"] = "Tool 'json_schema_2020_12_tool' not found",
        // No resources or prompts.
        ["resources-list"] = "-32601", ["resources-read-text"] = "-32601", ["resources-read-binary"] = "-32601",
        ["resources-templates-read"] = "-32601", ["resources-subscribe"] = "-32601", ["resources-unsubscribe"] = "-32601",
        ["prompts-list"] = "-32601", ["prompts-get-simple"] = "-32601", ["prompts-get-with-args"] = "-32601",
        ["prompts-get-embedded-resource"] = "-32601", ["prompts-get-with-image"] = "-32601",
    };

    /// <summary>Warnings expected where a scenario passes: server-sse-polling resumes through its own test_reconnection tool.</summary>
    private static readonly HashSet<string> ExpectedWarnings = ["server-sse-disconnect-resume"];

    [Fact]
    public async Task Every_server_scenario_passes_or_fails_only_for_its_stated_reason_over_http()
    {
        using var wright = new WrightProcess();
        var run = await RunSuiteAsync(wright, PrivateNetwork.StartHttpServer("""--cwd "$WS" """) + """
            export WRIGHT_TEST_BEARER="$(cat "$WRIGHT_HOME/mcp-token")"
            node -r "$MODULES/../bearer-preload.cjs" "$CONFORMANCE" server --url "$url" --suite all -o "$OUT/results" > "$OUT/suite.log" 2>&1 || true
            """);
        Check(run, wright, AppliesOverHttp);
    }

    [Fact]
    public async Task Every_server_scenario_passes_or_fails_only_for_its_stated_reason_over_stdio()
    {
        using var wright = new WrightProcess();
        var run = await RunSuiteAsync(wright, """
            cd "$WS"
            node "$MODULES/supergateway/dist/index.js" --stdio "$WRIGHT mcp serve" --outputTransport streamableHttp --stateful --port 8931 --logLevel none 2> "$OUT/gateway.err" &
            gateway=$!
            trap 'kill $gateway 2>/dev/null || true' EXIT
            for _ in $(seq 1 300); do (exec 3<>/dev/tcp/127.0.0.1/8931) 2>/dev/null && break; kill -0 $gateway || break; sleep 0.1; done
            node "$CONFORMANCE" server --url http://127.0.0.1:8931/mcp --suite all -o "$OUT/results" > "$OUT/suite.log" 2>&1 || true
            """);
        Check(run, wright, AppliesOverStdio);
    }

    private static Task<WrightRun> RunSuiteAsync(WrightProcess wright, string script) =>
        PrivateNetwork.RunAsync(script, new Dictionary<string, string>
        {
            ["WRIGHT"] = WrightProcess.Binary,
            ["WRIGHT_HOME"] = wright.Home,
            ["WS"] = wright.Workspace,
            ["OUT"] = wright.Root,
            ["HOME"] = wright.Root,
            ["MODULES"] = NodePackages.Modules,
            ["CONFORMANCE"] = NodePackages.File("@modelcontextprotocol/conformance", "dist/index.js"),
        }, TimeSpan.FromMinutes(3));

    private static void Check(WrightRun run, WrightProcess wright, HashSet<string> applies)
    {
        Assert.True(run.ExitCode == 0, run.ToString());
        var log = File.Exists(Path.Combine(wright.Root, "suite.log")) ? File.ReadAllText(Path.Combine(wright.Root, "suite.log")) : "(no log)";
        var results = Path.Combine(wright.Root, "results");
        Assert.True(Directory.Exists(results), log);
        var seen = new List<string>();
        var problems = new List<string>();
        foreach (var dir in Directory.GetDirectories(results))
        {
            var name = ResultDirectory().Match(Path.GetFileName(dir)).Groups[1].Value;
            seen.Add(name);
            using var checks = JsonDocument.Parse(File.ReadAllText(Path.Combine(dir, "checks.json")));
            var failures = checks.RootElement.EnumerateArray()
                .Where(c => c.GetProperty("status").GetString() is "FAILURE" or "WARNING" && !ExpectedWarnings.Contains(c.GetProperty("id").GetString()!))
                .Select(c => $"{c.GetProperty("id").GetString()}: {(c.TryGetProperty("errorMessage", out var m) ? m.GetString() : c.GetProperty("description").GetString())}")
                .ToList();
            if (applies.Contains(name))
            {
                if (failures.Count > 0)
                    problems.Add($"{name} applies but failed: {string.Join("; ", failures)}");
            }
            else if (DoesNotApply.TryGetValue(name, out var reason) || AppliesOverHttp.Contains(name))
            {
                // Over stdio the HTTP scenarios are supergateway's: whatever it does is not Wright's.
                if (reason is { Length: > 0 } && failures.Count > 0 && !failures.Any(f => f.Contains(reason, StringComparison.Ordinal)))
                    problems.Add($"{name} does not apply, but failed for another reason than '{reason}': {string.Join("; ", failures)}");
            }
            else
            {
                problems.Add($"{name} is a new scenario: classify it in {nameof(McpConformanceTests)}");
            }

            TestContext.Current.SendDiagnosticMessage($"{name}: {(failures.Count == 0 ? "passed" : string.Join("; ", failures))}");
        }

        Assert.True(problems.Count == 0, string.Join("\n", problems) + "\n" + log);
        Assert.Superset(applies, seen.ToHashSet());
    }

    /// <summary>server-&lt;scenario&gt;-&lt;ISO timestamp&gt;, as the suite names a scenario's results.</summary>
    [System.Text.RegularExpressions.GeneratedRegex(@"^server-(.+)-\d{4}-\d{2}-\d{2}T")]
    private static partial System.Text.RegularExpressions.Regex ResultDirectory();
}
