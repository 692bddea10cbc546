using Wright.Permissions.Dependencies;
using Wright.Tests.Support;

namespace Wright.Tests.Permissions.Dependencies;

/// <summary>The verdicts against a registry on loopback: missing, new, tiny, twin, established, popular, down.</summary>
public sealed class DependencyGuardTests
{
    [Theory]
    [InlineData("npm install expresss-utils-pro", "expresss-utils-pro does not exist on npm")]
    [InlineData("pip install reqeusts-toolbelt-ng", "reqeusts-toolbelt-ng does not exist on PyPI")]
    [InlineData("cargo add tokyo", "tokyo does not exist on crates.io (did you mean tokio?)")]
    [InlineData("npm i expres", "expres does not exist on npm (did you mean express")]
    [InlineData("cd api && sudo pip3 install numpyy==1.0", "numpyy does not exist on PyPI (did you mean numpy")]
    public async Task A_name_the_registry_does_not_know_is_blocked_with_its_popular_neighbours(string command, string evidence)
    {
        using var f = new GuardFixture();
        var verdict = await f.AssessAsync(command);

        Assert.Equal(VerdictKind.Blocked, verdict!.Kind);
        Assert.Contains(evidence, verdict.Refusal, StringComparison.Ordinal);
        Assert.Contains("slopsquatting", verdict.Refusal, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_brand_new_tiny_package_asks_with_its_evidence()
    {
        using var f = new GuardFixture();
        var verdict = await f.AssessAsync("npm i fresh-widget");

        Assert.Equal(VerdictKind.Ask, verdict!.Kind);
        Assert.Contains("fresh-widget (npm): first published only 3 days ago, only 12 downloads last week", verdict.Reason, StringComparison.Ordinal);
        Assert.Contains("no repository link", verdict.Reason, StringComparison.Ordinal);
        Assert.Contains("cannot ask", verdict.CannotAsk, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("npm i expresss", "one letter away from the popular express")]
    [InlineData("pip install reqeusts", "one letter away from the popular requests")]
    [InlineData("cargo add serde_jsonn", "one letter away from the popular serde_json")]
    public async Task A_near_twin_of_a_popular_package_asks(string command, string evidence)
    {
        using var f = new GuardFixture();
        var verdict = await f.AssessAsync(command);

        Assert.Equal(VerdictKind.Ask, verdict!.Kind);
        Assert.Contains(evidence, verdict.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_new_crate_asks()
    {
        using var f = new GuardFixture();
        var verdict = await f.AssessAsync("cargo install fresh-crate");
        Assert.Equal(VerdictKind.Ask, verdict!.Kind);
        Assert.Contains("first published only 2 days ago", verdict.Reason, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("npm i left-pad")]
    [InlineData("pip install attrs-strict")]
    public async Task An_established_package_is_allowed_after_a_look_up(string command)
    {
        using var f = new GuardFixture();
        var verdict = await f.AssessAsync(command);
        Assert.Equal(VerdictKind.Allowed, verdict!.Kind);
        Assert.NotEmpty(f.Registry.Requests);
    }

    [Fact]
    public async Task Popular_packages_need_no_look_up()
    {
        using var f = new GuardFixture();
        var verdict = await f.AssessAsync("npm i react express@5 && pip install requests numpy && cargo add serde");

        Assert.Equal(VerdictKind.Allowed, verdict!.Kind);
        Assert.Empty(f.Registry.Requests);
    }

    [Fact]
    public async Task Commands_without_installs_have_no_verdict()
    {
        using var f = new GuardFixture();
        Assert.Null(await f.AssessAsync("npm test && ls && git status"));
        Assert.Empty(f.Registry.Requests);
    }

    [Fact]
    public async Task A_registry_that_is_down_is_said_so_and_asks_never_allows()
    {
        using var f = new GuardFixture(registryDown: true);
        var verdict = await f.AssessAsync("npm i left-pad && pip install attrs-strict");

        Assert.Equal(VerdictKind.Ask, verdict!.Kind);
        Assert.Contains("left-pad: npm could not be reached", verdict.Reason, StringComparison.Ordinal);
        Assert.Contains("attrs-strict: PyPI could not be reached", verdict.Reason, StringComparison.Ordinal);
        Assert.Contains("so Wright could not check it", verdict.CannotAsk, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_registry_that_answers_garbage_is_unreachable_not_a_yes()
    {
        using var page = new Wright.Tests.Support.TinyHttpServer((_, res) => Wright.Tests.Support.TinyHttpServer.Write(res, "<html>captive portal</html>"));
        using var f = new GuardFixture();
        f.Policy.Endpoints.Set("npm", page.BaseUrl.TrimEnd('/'));
        f.NewGuard();
        var verdict = await f.AssessAsync("npm i left-pad");
        Assert.Equal(VerdictKind.Ask, verdict!.Kind);
        Assert.Contains("did not answer with JSON", verdict.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Answers_are_cached_across_sessions_and_outages()
    {
        using var f = new GuardFixture();
        Assert.Equal(VerdictKind.Allowed, (await f.AssessAsync("npm i left-pad"))!.Kind);
        var asked = f.Registry.Requests.Count;
        f.Policy.Endpoints.Set("npm_downloads", MockRegistry.DownUrl);
        f.NewGuard();
        Assert.Equal(VerdictKind.Allowed, (await f.AssessAsync("npm i left-pad"))!.Kind);
        Assert.Equal(asked, f.Registry.Requests.Count);
        Assert.NotEmpty(Directory.GetFiles(f.Cache, "npm-*.json"));
    }

    [Fact]
    public async Task A_tainted_session_sends_no_name_and_leaves_it_to_a_person()
    {
        using var f = new GuardFixture();
        var verdict = await f.AssessAsync("npm i left-pad", mayLookUp: false);

        Assert.Equal(VerdictKind.Ask, verdict!.Kind);
        Assert.Contains("not sent to npm while this session holds untrusted content", verdict.Reason, StringComparison.Ordinal);
        Assert.Empty(f.Registry.Requests);
    }

    [Fact]
    public async Task Installs_of_what_the_project_already_declares_need_no_look_up()
    {
        using var f = new GuardFixture();
        f.Write("web/package.json", """{"dependencies":{"our-internal-lib":"^1"}}""");
        f.Write("web/package-lock.json", """{"packages":{"node_modules/pinned-lib":{"version":"1.0.0"}}}""");
        var verdict = await f.AssessAsync("cd web && npm i our-internal-lib pinned-lib@1.0.0");

        Assert.Equal(VerdictKind.Allowed, verdict!.Kind);
        Assert.Empty(f.Registry.Requests);
        // The same names elsewhere are new.
        Assert.Equal(VerdictKind.Blocked, (await f.AssessAsync("npm i our-internal-lib"))!.Kind);
    }

    [Theory]
    [InlineData("npm i git+https://github.com/evil/pkg.git", "no registry vouches for")]
    [InlineData("pip install --extra-index-url https://pypi.evil.test/simple requests", "a registry or index that Wright does not check")]
    [InlineData("npm i $PKG", "only known when the command runs")]
    [InlineData("cat names | xargs npm i", "input or a file that Wright does not check")]
    [InlineData("echo evil >> requirements.txt", "writes the dependency manifest requirements.txt itself")]
    public async Task What_no_registry_can_vouch_for_asks(string command, string evidence)
    {
        using var f = new GuardFixture();
        var verdict = await f.AssessAsync(command);
        Assert.Equal(VerdictKind.Ask, verdict!.Kind);
        Assert.Contains(evidence, verdict.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task One_missing_package_blocks_the_whole_line()
    {
        using var f = new GuardFixture();
        var verdict = await f.AssessAsync("npm i left-pad fresh-widget made-up-pkg-xyz");
        Assert.Equal(VerdictKind.Blocked, verdict!.Kind);
        Assert.Contains("made-up-pkg-xyz does not exist", verdict.Refusal, StringComparison.Ordinal);
        Assert.DoesNotContain("left-pad does not exist", verdict.Refusal, StringComparison.Ordinal);
        Assert.DoesNotContain("fresh-widget does not exist", verdict.Refusal, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("npm i 'evil name'")]
    [InlineData("npm i ../../../../etc/passwd%00")]
    [InlineData("pip install 'a?b=c'")]
    public async Task Implausible_names_are_never_sent(string command)
    {
        using var f = new GuardFixture();
        var verdict = await f.AssessAsync(command);
        if (verdict is not null)
            Assert.NotEqual(VerdictKind.Allowed, verdict.Kind);
        Assert.Empty(f.Registry.Requests);
    }

    [Fact]
    public async Task Registry_text_never_reaches_the_messages()
    {
        using var f = new GuardFixture();
        foreach (var command in new[] { "npm i fresh-widget", "npm i left-pad", "pip install fresh-parser" })
        {
            var verdict = await f.AssessAsync(command);
            Assert.DoesNotContain("ignore", string.Join("\n", verdict!.Packages.Select(p => p.Evidence)), StringComparison.OrdinalIgnoreCase);
            Assert.DoesNotContain("github.com/example", string.Join("\n", verdict.Packages.Select(p => p.Evidence)), StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task Chinese_messages()
    {
        using var f = new GuardFixture();
        var guard = new DependencyGuard(f.Policy, f.Guard.Registry, Wright.Permissions.Dependencies.Text.DependencyText.For(name => name == "LANG" ? "zh_CN.UTF-8" : null));
        var verdict = await guard.AssessAsync(GuardFixture.Shell("npm i expres"), GuardFixture.ShellTool, f.Workspace, true, CancellationToken.None);
        Assert.Contains("npm 上不存在 expres", verdict!.Refusal, StringComparison.Ordinal);
        Assert.Contains("你是不是想要 express", verdict.Refusal, StringComparison.Ordinal);
        Assert.StartsWith("已阻止", verdict.Refusal, StringComparison.Ordinal);
    }
}
