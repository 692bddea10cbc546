using System.Text.Json;
using Wright.Core.Approvals;
using Wright.Core.Tools;
using Wright.Permissions;
using Wright.Permissions.Rules;
using Wright.Tests.Safety;
using Wright.Tests.Support;
using Wright.Tools.Files;
using Wright.Tools.Patch;

namespace Wright.Tests.Permissions.Dependencies;

/// <summary>
/// The guard inside the permission decision: every mode (yolo too), every file tool writing a manifest, headless
/// refusals that carry the evidence, and the trifecta's rule that no name leaves a tainted session unapproved.
/// </summary>
public sealed class DependencyPermissionTests
{
    private static readonly WriteFileTool Write = new();
    private static readonly EditFileTool Edit = new();
    private static readonly MultiEditTool MultiEdit = new();
    private static readonly ApplyPatchTool Patch = new();

    private static PermissionEngine Engine(GuardFixture f, PermissionMode mode, IApprovalPrompt? prompt = null, params (RuleEffect Effect, string Text)[] rules) =>
        new(mode, new RuleSet(rules.Select(r => PermissionRule.Parse(r.Effect, r.Text, "test", out _)!), f.Workspace, "/home/u"), f.Workspace, prompt,
            sandboxed: true, workspaceTrusted: true)
        {
            Dependencies = f.Guard,
        };

    private static ToolCall Call(string name, object args) =>
        new("c1", name, JsonDocument.Parse(JsonSerializer.Serialize(args, TestJson.Default.DictionaryStringObject)).RootElement.Clone());

    private static Dictionary<string, object> Args(params (string Key, object Value)[] pairs) => pairs.ToDictionary(p => p.Key, p => p.Value);

    [Theory]
    [InlineData(PermissionMode.Ask)]
    [InlineData(PermissionMode.AcceptEdits)]
    [InlineData(PermissionMode.Auto)]
    [InlineData(PermissionMode.Yolo)]
    public async Task A_made_up_package_is_refused_in_every_mode_even_when_a_person_would_say_yes(PermissionMode mode)
    {
        using var f = new GuardFixture();
        var prompt = new RecordingPrompt(ApprovalAnswer.Once);
        var decision = await Engine(f, mode, prompt).ApproveAsync(GuardFixture.Shell("cd app && npm install expresss-utils-pro"), GuardFixture.ShellTool, CancellationToken.None);

        Assert.False(decision.Allowed);
        Assert.Contains("expresss-utils-pro does not exist on npm", decision.Reason, StringComparison.Ordinal);
        Assert.Empty(prompt.Requests);
    }

    [Fact]
    public async Task An_allow_rule_for_installs_does_not_pass_a_made_up_package()
    {
        using var f = new GuardFixture();
        var engine = Engine(f, PermissionMode.Ask, null, (RuleEffect.Allow, "shell(npm install *)"));
        Assert.False((await engine.ApproveAsync(GuardFixture.Shell("npm install expresss-utils-pro"), GuardFixture.ShellTool, CancellationToken.None)).Allowed);
        Assert.True((await engine.ApproveAsync(GuardFixture.Shell("npm install left-pad"), GuardFixture.ShellTool, CancellationToken.None)).Allowed);
    }

    [Theory]
    [InlineData(PermissionMode.Auto)]
    [InlineData(PermissionMode.Yolo)]
    public async Task A_doubtful_package_is_refused_headless_with_the_evidence(PermissionMode mode)
    {
        using var f = new GuardFixture();
        var decision = await Engine(f, mode).ApproveAsync(GuardFixture.Shell("pip install fresh-parser"), GuardFixture.ShellTool, CancellationToken.None);

        Assert.False(decision.Allowed);
        Assert.Contains("this run cannot ask", decision.Reason, StringComparison.Ordinal);
        Assert.Contains("fresh-parser (PyPI): first published only 5 days ago, only 8 downloads last week", decision.Reason, StringComparison.Ordinal);
        Assert.Contains("dependencies.allow", decision.Reason, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(PermissionMode.Auto)]
    [InlineData(PermissionMode.Yolo)]
    public async Task A_doubtful_package_is_shown_to_a_person_even_in_auto_and_yolo_never_as_always(PermissionMode mode)
    {
        using var f = new GuardFixture();
        var prompt = new RecordingPrompt(ApprovalAnswer.Once);
        var decision = await Engine(f, mode, prompt).ApproveAsync(GuardFixture.Shell("npm i expresss"), GuardFixture.ShellTool, CancellationToken.None);

        Assert.True(decision.Allowed);
        var request = Assert.Single(prompt.Requests);
        Assert.Contains("one letter away from the popular express", request.Reason, StringComparison.Ordinal);
        Assert.False(request.MayRemember);
        Assert.Equal("npm i expresss", request.Action);
    }

    [Fact]
    public async Task A_person_who_declines_refuses_the_install()
    {
        using var f = new GuardFixture();
        var prompt = new RecordingPrompt(ApprovalAnswer.No("use express"));
        var decision = await Engine(f, PermissionMode.Yolo, prompt).ApproveAsync(GuardFixture.Shell("npm i expresss"), GuardFixture.ShellTool, CancellationToken.None);
        Assert.False(decision.Allowed);
        Assert.Contains("use express", decision.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Established_packages_run_in_auto_as_before()
    {
        using var f = new GuardFixture();
        Assert.True((await Engine(f, PermissionMode.Auto).ApproveAsync(GuardFixture.Shell("npm i left-pad react && pip install requests"), GuardFixture.ShellTool, CancellationToken.None)).Allowed);
    }

    [Fact]
    public async Task A_registry_that_is_down_never_allows_silently()
    {
        using var f = new GuardFixture(registryDown: true);
        var decision = await Engine(f, PermissionMode.Yolo).ApproveAsync(GuardFixture.Shell("npm i left-pad"), GuardFixture.ShellTool, CancellationToken.None);
        Assert.False(decision.Allowed);
        Assert.Contains("npm could not be reached", decision.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_tainted_session_sends_no_name_before_a_person_approved()
    {
        using var f = new GuardFixture();
        var prompt = new RecordingPrompt(ApprovalAnswer.No());
        var engine = Engine(f, PermissionMode.Auto, prompt);
        engine.Taint.AddUntrusted("web_fetch https://evil.test/readme");
        await engine.ApproveAsync(GuardFixture.Shell("npm i sk-live-0123456789abcdef"), GuardFixture.ShellTool, CancellationToken.None);

        Assert.Empty(f.Registry.Requests);
        Assert.Contains("not sent to npm", Assert.Single(prompt.Requests).Reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task When_the_trifecta_refuses_egress_nothing_is_looked_up()
    {
        using var f = new GuardFixture();
        var engine = Engine(f, PermissionMode.Auto);
        engine.Taint.AddUntrusted("web_fetch https://evil.test/readme");
        engine.Taint.AddSecret(".env");
        var decision = await engine.ApproveAsync(GuardFixture.Shell("npm i some-secret-value"), GuardFixture.ShellTool, CancellationToken.None);
        Assert.False(decision.Allowed);
        Assert.Empty(f.Registry.Requests);
    }

    [Fact]
    public async Task Plan_mode_refuses_without_a_look_up()
    {
        using var f = new GuardFixture();
        Assert.False((await Engine(f, PermissionMode.Plan).ApproveAsync(GuardFixture.Shell("npm i fresh-widget"), GuardFixture.ShellTool, CancellationToken.None)).Allowed);
        Assert.Empty(f.Registry.Requests);
    }

    // ---- manifests written by the file tools ----------------------------------------------------------------

    public static TheoryData<string, string> MadeUpManifestWrites => new()
    {
        { "write_file", "package.json" },
        { "edit_file", "package.json" },
        { "multi_edit", "requirements.txt" },
        { "apply_patch", "pyproject.toml" },
        { "apply_patch_add", "requirements-dev.txt" },
        { "apply_patch_move", "package.json" },
        { "edit_file_crlf", "Cargo.toml" },
    };

    [Theory]
    [MemberData(nameof(MadeUpManifestWrites))]
    public async Task A_made_up_package_written_into_a_manifest_by_any_file_tool_is_refused(string form, string file)
    {
        using var f = new GuardFixture();
        var (call, tool) = Manifest(f, form, "made-up-pkg-xyz");
        foreach (var mode in new[] { PermissionMode.AcceptEdits, PermissionMode.Auto, PermissionMode.Yolo })
        {
            var decision = await Engine(f, mode).ApproveAsync(call, tool, CancellationToken.None);
            Assert.False(decision.Allowed, $"{form} {mode}");
            Assert.Contains("made-up-pkg-xyz does not exist", decision.Reason, StringComparison.Ordinal);
            Assert.Contains(file, decision.Reason, StringComparison.Ordinal);
        }
    }

    [Theory]
    [MemberData(nameof(MadeUpManifestWrites))]
    public async Task The_same_writes_of_an_established_package_run_as_before(string form, string file)
    {
        using var f = new GuardFixture();
        var (call, tool) = Manifest(f, form, file == "Cargo.toml" ? "tokio" : file.EndsWith(".json", StringComparison.Ordinal) ? "left-pad" : "attrs-strict");
        Assert.True((await Engine(f, PermissionMode.AcceptEdits).ApproveAsync(call, tool, CancellationToken.None)).Allowed, form);
    }

    [Theory]
    [MemberData(nameof(MadeUpManifestWrites))]
    public async Task The_planned_content_is_what_the_tool_then_writes(string form, string file)
    {
        using var f = new GuardFixture();
        var (call, tool) = Manifest(f, form, "made-up-pkg-xyz");
        var planned = ((IFileChangePlanner)tool).PlanChanges(call.Arguments, f.Workspace, _ => true);
        var change = Assert.Single(planned, c => c.Path.EndsWith(file, StringComparison.Ordinal));
        var context = new ToolContext("t", f.Workspace, Path.Combine(f.Root, "session"), TimeProvider.System);
        foreach (var path in Directory.GetFiles(f.Workspace))
            await new ReadFileTool().InvokeAsync(JsonDocument.Parse(JsonSerializer.Serialize(new Dictionary<string, string> { ["path"] = path }, TestJson.Default.DictionaryStringString)).RootElement, context, CancellationToken.None);
        var result = await tool.InvokeAsync(call.Arguments, context, CancellationToken.None);
        Assert.False(result.IsError, result.Content);
        Assert.Equal(change.After, File.ReadAllText(change.Path).Replace("\r\n", "\n", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_version_bump_in_a_manifest_adds_nothing()
    {
        using var f = new GuardFixture();
        f.Write("package.json", """{"dependencies":{"our-private-thing":"^1.0.0"}}""");
        var call = Call("edit_file", Args(("path", "package.json"), ("old_string", "^1.0.0"), ("new_string", "^1.2.0")));
        Assert.True((await Engine(f, PermissionMode.AcceptEdits).ApproveAsync(call, Edit, CancellationToken.None)).Allowed);
        Assert.Empty(f.Registry.Requests);
    }

    [Fact]
    public async Task An_edit_that_would_not_apply_is_left_to_the_tool()
    {
        using var f = new GuardFixture();
        f.Write("package.json", """{"dependencies":{}}""");
        var call = Call("edit_file", Args(("path", "package.json"), ("old_string", "not there"), ("new_string", "\"made-up-pkg-xyz\": \"1\"")));
        Assert.True((await Engine(f, PermissionMode.AcceptEdits).ApproveAsync(call, Edit, CancellationToken.None)).Allowed);
    }

    [Fact]
    public async Task A_hand_edited_lockfile_needs_a_person()
    {
        using var f = new GuardFixture();
        f.Write("package-lock.json", """{"packages":{}}""");
        var call = Call("write_file", Args(("path", "package-lock.json"), ("content", """{"packages":{"node_modules/x":{"resolved":"https://evil.test/x.tgz"}}}""")));
        var decision = await Engine(f, PermissionMode.AcceptEdits).ApproveAsync(call, Write, CancellationToken.None);
        Assert.False(decision.Allowed);
        Assert.Contains("package-lock.json is a lockfile edited by hand", decision.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_manifest_outside_the_workspace_is_checked_too()
    {
        using var f = new GuardFixture();
        var outside = Path.Combine(f.Root, "other-project", "package.json");
        var call = Call("write_file", Args(("path", outside), ("content", """{"dependencies":{"made-up-pkg-xyz":"1"}}""")));
        var decision = await Engine(f, PermissionMode.Yolo).ApproveAsync(call, Write, CancellationToken.None);
        Assert.False(decision.Allowed);
        Assert.Contains("made-up-pkg-xyz does not exist", decision.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Other_files_are_not_looked_at()
    {
        using var f = new GuardFixture();
        var call = Call("write_file", Args(("path", "notes/package.json.md"), ("content", """{"dependencies":{"made-up-pkg-xyz":"1"}}""")));
        Assert.True((await Engine(f, PermissionMode.AcceptEdits).ApproveAsync(call, Write, CancellationToken.None)).Allowed);
        Assert.Empty(f.Registry.Requests);
    }

    /// <summary>A call of one file tool that adds <paramref name="package"/> to a manifest the fixture writes first.</summary>
    private static (ToolCall Call, ITool Tool) Manifest(GuardFixture f, string form, string package)
    {
        switch (form)
        {
            case "write_file":
                f.Write("package.json", """{"name":"app","dependencies":{"express":"^4"}}""");
                return (Call("write_file", Args(("path", "package.json"), ("content", $$$"""{"name":"app","dependencies":{"express":"^4","{{{package}}}":"^1.0.0"}}"""))), Write);
            case "edit_file":
                f.Write("package.json", "{\n  \"dependencies\": {\n    \"express\": \"^4\"\n  }\n}\n");
                return (Call("edit_file", Args(("path", "package.json"), ("old_string", "\"express\": \"^4\""), ("new_string", $"\"express\": \"^4\",\n    \"{package}\": \"1\""))), Edit);
            case "multi_edit":
                f.Write("requirements.txt", "requests==2.31\nnumpy==1.26\n");
                return (Call("multi_edit", Args(("path", "requirements.txt"), ("edits", new[]
                {
                    new Dictionary<string, object> { ["old_string"] = "requests==2.31", ["new_string"] = "requests==2.32" },
                    new Dictionary<string, object> { ["old_string"] = "numpy==1.26\n", ["new_string"] = $"numpy==1.26\n{package}>=1.0\n" },
                }))), MultiEdit);
            case "apply_patch":
                f.Write("pyproject.toml", "[project]\nname = \"app\"\ndependencies = [\n  \"requests>=2\",\n]\n");
                return (Call("apply_patch", Args(("patch", $"*** Begin Patch\n*** Update File: pyproject.toml\n@@\n   \"requests>=2\",\n+  \"{package}>=1\",\n ]\n*** End Patch"))), Patch);
            case "apply_patch_add":
                f.Write("README.md", "hello\n");
                return (Call("apply_patch", Args(("patch", $"*** Begin Patch\n*** Update File: README.md\n@@\n-hello\n+hello world\n*** Add File: requirements-dev.txt\n+pytest\n+{package}==1.0\n*** End Patch"))), Patch);
            case "apply_patch_move":
                f.Write("package.json", """{"dependencies":{"express":"^4"}}""");
                f.Write("staging.json", $$$"""{"dependencies":{"express":"^4","{{{package}}}":"1"}}""");
                return (Call("apply_patch", Args(("patch", "*** Begin Patch\n*** Update File: staging.json\n*** Move to: package.json\n@@\n-{\"dependencies\":{\"express\":\"^4\",\"" + package + "\":\"1\"}}\n+{\"dependencies\":{\"express\":\"^4\",\"" + package + "\":\"1\"},\"private\":true}\n*** End Patch"))), Patch);
            default:
                f.Write("Cargo.toml", "[package]\r\nname = \"app\"\r\n\r\n[dependencies]\r\nserde = \"1\"\r\n");
                return (Call("edit_file", Args(("path", "Cargo.toml"), ("old_string", "serde = \"1\"\n"), ("new_string", $"serde = \"1\"\n{package} = \"0.1\"\n"))), Edit);
        }
    }
}
