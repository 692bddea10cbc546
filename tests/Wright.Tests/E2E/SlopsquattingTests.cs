using System.Text.Json;
using Wright.Tests.Support;

namespace Wright.Tests.E2E;

/// <summary>
/// The slopsquatting guard through the real binary: a model (aimock) installs a package it made up and the run ends
/// with the install refused and the reason in the model's tool result; the same for a new package in auto mode and a
/// made-up dependency written into package.json; <c>wright check-deps</c> over a repository, in English and Chinese.
/// Every registry is a mock on loopback.
/// </summary>
public sealed class SlopsquattingTests
{
    private static string Fixtures(string prompt, string tool, string arguments, string final) => $$$"""
        {"fixtures":[
          {"match":{"userMessage":"{{{prompt}}}","hasToolResult":false},"response":{"toolCalls":[{"name":"{{{tool}}}","arguments":{{{JsonSerializer.Serialize(arguments, TestJson.Default.String)}}}}]}},
          {"match":{"userMessage":"{{{prompt}}}","hasToolResult":true},"response":{"content":"{{{final}}}"}}
        ]}
        """;

    private static WrightProcess Wright(AimockServer mock, MockRegistry registry, string? language = null)
    {
        var wright = new WrightProcess { Environment = { ["DEEPSEEK_BASE_URL"] = mock.BaseUrl + "/v1", ["DEEPSEEK_API_KEY"] = "sk-test" } };
        if (language is not null)
            wright.Environment["LANG"] = language;
        File.WriteAllText(Path.Combine(wright.Home, "config.json"), $$$"""{"dependencies":{"registries":{{{registry.RegistriesJson}}}}}""");
        return wright;
    }

    /// <summary>The tool results the model was sent, from aimock's journal.</summary>
    private static async Task<string> ToolResultsSentAsync(AimockServer mock) => (await mock.JournalAsync()).GetRawText();

    [Fact]
    public async Task A_made_up_package_is_refused_even_in_yolo_and_the_model_is_told_why()
    {
        using var registry = new MockRegistry();
        await using var mock = await AimockServer.StartAsync(Fixtures("add the helper", "shell", """{"command":"npm install react-router-dom-v7-compat-helpers"}""",
            "understood"));
        using var wright = Wright(mock, registry);
        var run = await wright.RunAsync("-p", "add the helper", "--model", "deepseek/deepseek-chat", "--output-format", "stream-json", "--permission-mode", "yolo");

        Assert.True(run.ExitCode == 0, run.ToString());
        var finished = Assert.Single(run.Events("tool_call_finished"));
        Assert.Equal("denied", finished.GetProperty("status").GetString());
        var reason = finished.GetProperty("result").GetString()!;
        Assert.Contains("react-router-dom-v7-compat-helpers does not exist on npm", reason, StringComparison.Ordinal);
        Assert.Contains("slopsquatting", reason, StringComparison.Ordinal);
        Assert.Contains("react-router-dom-v7-compat-helpers does not exist on npm", await ToolResultsSentAsync(mock), StringComparison.Ordinal);
        Assert.NotEmpty(registry.RequestsFor("react-router-dom-v7-compat-helpers"));
        Assert.False(Directory.Exists(wright.File("node_modules")), "npm must not have run");
        Assert.Equal("understood", run.Result.GetProperty("text").GetString());
    }

    [Fact]
    public async Task A_brand_new_package_is_refused_headless_with_the_evidence()
    {
        using var registry = new MockRegistry();
        await using var mock = await AimockServer.StartAsync(Fixtures("add the widget", "shell", """{"command":"cd web && npm i fresh-widget@0.0.1"}""", "ok"));
        using var wright = Wright(mock, registry);
        Directory.CreateDirectory(wright.File("web"));
        var run = await wright.RunAsync("-p", "add the widget", "--model", "deepseek/deepseek-chat", "--output-format", "stream-json");

        Assert.True(run.ExitCode == 0, run.ToString());
        var finished = Assert.Single(run.Events("tool_call_finished"));
        Assert.Equal("denied", finished.GetProperty("status").GetString());
        var reason = finished.GetProperty("result").GetString()!;
        Assert.Contains("this run cannot ask", reason, StringComparison.Ordinal);
        Assert.Contains("fresh-widget (npm): first published only 3 days ago, only 12 downloads last week", reason, StringComparison.Ordinal);
        Assert.Contains("first published only 3 days ago", await ToolResultsSentAsync(mock), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_made_up_dependency_written_into_package_json_is_refused_and_the_file_kept()
    {
        using var registry = new MockRegistry();
        const string Original = """{"name":"app","dependencies":{"express":"^4.19.0"}}""";
        var content = """{"name":"app","dependencies":{"express":"^4.19.0","expresss-validator-plus":"^2.0.0"}}""";
        await using var mock = await AimockServer.StartAsync(Fixtures("add validation", "write_file",
            JsonSerializer.Serialize(new Dictionary<string, string> { ["path"] = "package.json", ["content"] = content }, TestJson.Default.DictionaryStringString), "ok"));
        using var wright = Wright(mock, registry);
        File.WriteAllText(wright.File("package.json"), Original);
        var run = await wright.RunAsync("-p", "add validation", "--model", "deepseek/deepseek-chat", "--output-format", "stream-json", "--permission-mode", "accept-edits");

        Assert.True(run.ExitCode == 0, run.ToString());
        var finished = Assert.Single(run.Events("tool_call_finished"));
        Assert.Equal("denied", finished.GetProperty("status").GetString());
        Assert.Contains("write_file package.json would add a package that does not exist: expresss-validator-plus does not exist on npm", finished.GetProperty("result").GetString(), StringComparison.Ordinal);
        Assert.Equal(Original, File.ReadAllText(wright.File("package.json")));
    }

    private static void Repository(WrightProcess wright)
    {
        File.WriteAllText(wright.File("package.json"), """{"dependencies":{"express":"^4","left-pad":"1.3.0","expresss":"1"},"devDependencies":{"jest-helpers-made-up":"^1"}}""");
        Directory.CreateDirectory(wright.File("api"));
        File.WriteAllText(wright.File("api/requirements.txt"), "requests==2.32.0\nreqeusts==1.0\nfresh-parser>=0.1\n");
        Directory.CreateDirectory(wright.File("native"));
        File.WriteAllText(wright.File("native/Cargo.toml"), "[package]\nname = \"n\"\n\n[dependencies]\nserde = \"1\"\nfresh-crate = \"0.1\"\n");
        Directory.CreateDirectory(wright.File("node_modules/x"));
        File.WriteAllText(wright.File("node_modules/x/package.json"), """{"dependencies":{"never-scanned":"1"}}""");
    }

    [Fact]
    public async Task Check_deps_prints_a_table_and_fails_when_a_package_does_not_exist()
    {
        using var registry = new MockRegistry();
        using var wright = new WrightProcess();
        File.WriteAllText(Path.Combine(wright.Home, "config.json"), $$$"""{"dependencies":{"registries":{{{registry.RegistriesJson}}}}}""");
        Repository(wright);
        var run = await wright.RunAsync("check-deps", wright.Workspace);

        Assert.True(run.ExitCode == 1, run.ToString());
        var lines = run.Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Matches(@"^ECOSYSTEM\s+PACKAGE\s+WHERE\s+VERDICT\s+EVIDENCE$", lines[0]);
        Assert.Matches(@"^npm\s+jest-helpers-made-up\s+package\.json\s+blocked\s+jest-helpers-made-up does not exist on npm", lines[1]);
        Assert.Contains(lines, l => l.StartsWith("npm ", StringComparison.Ordinal) && l.Contains("expresss ", StringComparison.Ordinal) && l.Contains("one letter away from the popular express", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.Contains("reqeusts", StringComparison.Ordinal) && l.Contains("api/requirements.txt", StringComparison.Ordinal) && l.Contains(" ask ", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.Contains("fresh-parser", StringComparison.Ordinal) && l.Contains("first published only 5 days ago", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.Contains("fresh-crate", StringComparison.Ordinal) && l.Contains("native/Cargo.toml", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.Contains("left-pad", StringComparison.Ordinal) && l.Contains("allowed", StringComparison.Ordinal) && l.Contains("downloads last week", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.Contains("express ", StringComparison.Ordinal) && l.Contains("one of the most used packages", StringComparison.Ordinal));
        Assert.DoesNotContain("never-scanned", run.Stdout, StringComparison.Ordinal);
        Assert.Equal("9 dependencies: 4 allowed, 4 need a person's check, 1 blocked", lines[^1]);
    }

    [Fact]
    public async Task Check_deps_in_chinese_and_with_the_registry_down()
    {
        using var wright = new WrightProcess { Environment = { ["LANG"] = "zh_CN.UTF-8" } };
        var down = MockRegistry.DownUrl;
        File.WriteAllText(Path.Combine(wright.Home, "config.json"), "{\"dependencies\":{\"registries\":{\"npm\":\"" + down + "\",\"npm_downloads\":\"" + down + "\"}}}");
        File.WriteAllText(wright.File("package.json"), """{"dependencies":{"left-pad":"1","react":"19"}}""");
        var run = await wright.RunAsync("check-deps");

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Matches(@"^生态\s+包\s+位置\s+结论\s+依据", run.Stdout);
        Assert.Contains("left-pad：无法连接 npm", run.Stdout, StringComparison.Ordinal);
        Assert.Contains("需确认", run.Stdout, StringComparison.Ordinal);
        Assert.Contains("共 2 个依赖：1 个允许，1 个需人工确认，0 个阻止", run.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Check_deps_on_a_folder_without_manifests_and_on_a_missing_folder()
    {
        using var wright = new WrightProcess();
        var empty = await wright.RunAsync("check-deps");
        var missing = await wright.RunAsync("check-deps", Path.Combine(wright.Root, "nope"));

        Assert.Equal(0, empty.ExitCode);
        Assert.Contains("no dependency manifests under", empty.Stdout, StringComparison.Ordinal);
        Assert.Equal(2, missing.ExitCode);
        Assert.Contains("does not exist", missing.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_untrusted_project_config_cannot_allow_a_made_up_package_for_check_deps()
    {
        using var registry = new MockRegistry();
        using var wright = new WrightProcess();
        File.WriteAllText(Path.Combine(wright.Home, "config.json"), $$$"""{"dependencies":{"registries":{{{registry.RegistriesJson}}}}}""");
        Directory.CreateDirectory(wright.File(".wright"));
        File.WriteAllText(wright.File(".wright/config.json"), """{"dependencies":{"allow":["npm:*"],"min_age_days":0}}""");
        File.WriteAllText(wright.File("package.json"), """{"dependencies":{"totally-made-up-pkg":"1"}}""");
        var run = await wright.RunAsync("check-deps");

        Assert.Equal(1, run.ExitCode);
        Assert.Contains("ignoring \"dependencies.allow\"", run.Stderr, StringComparison.Ordinal);
        Assert.Contains("ignoring \"dependencies.min_age_days\"", run.Stderr, StringComparison.Ordinal);
        Assert.Contains("totally-made-up-pkg does not exist on npm", run.Stdout, StringComparison.Ordinal);
    }
}
