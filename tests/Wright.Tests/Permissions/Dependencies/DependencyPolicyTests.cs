using Wright.Permissions.Dependencies;
using Wright.Tests.Support;

namespace Wright.Tests.Permissions.Dependencies;

/// <summary>Configuration: what the user may set, and what an untrusted project config may not loosen.</summary>
public sealed class DependencyPolicyTests
{
    [Fact]
    public async Task The_users_allowlist_lets_a_package_skip_the_check()
    {
        using var f = new GuardFixture("""
            "allow":["npm:made-up-but-ours","pypi:corp-*"]
            """);
        Assert.Equal(VerdictKind.Allowed, (await f.AssessAsync("npm i made-up-but-ours && pip install corp_tools"))!.Kind);
        Assert.Empty(f.Registry.Requests);
        Assert.Equal(VerdictKind.Blocked, (await f.AssessAsync("npm i made-up-but-theirs"))!.Kind);
    }

    [Fact]
    public async Task An_untrusted_projects_allowlist_is_ignored_with_a_warning()
    {
        using var f = new GuardFixture();
        f.ApplyProject("""{"allow":["npm:expresss-utils-pro","*"]}""", trusted: false);

        Assert.Equal(VerdictKind.Blocked, (await f.AssessAsync("npm i expresss-utils-pro"))!.Kind);
        Assert.Contains(f.Warnings, w => w.Contains("\"dependencies.allow\"", StringComparison.Ordinal) && w.Contains("wright trust", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_trusted_projects_allowlist_counts()
    {
        using var f = new GuardFixture();
        f.ApplyProject("""{"allow":["npm:expresss-utils-pro"]}""", trusted: true);
        Assert.Equal(VerdictKind.Allowed, (await f.AssessAsync("npm i expresss-utils-pro"))!.Kind);
    }

    [Fact]
    public async Task An_untrusted_project_may_only_raise_thresholds()
    {
        using var f = new GuardFixture();
        f.ApplyProject("""{"min_age_days":0,"min_weekly_downloads":0,"enabled":false,"cache_hours":1000,"registries":{"npm":"http://127.0.0.1:9/"}}""", trusted: false);

        Assert.Equal(30, f.Policy.MinAgeDays);
        Assert.Equal(100, f.Policy.MinWeeklyDownloads);
        Assert.True(f.Policy.Enabled);
        Assert.StartsWith(f.Registry.BaseUrl, f.Policy.Endpoints.Npm, StringComparison.Ordinal);
        Assert.Equal(5, f.Warnings.Count);
        Assert.Equal(VerdictKind.Ask, (await f.AssessAsync("npm i fresh-widget"))!.Kind);

        f.ApplyProject("""{"min_age_days":3650,"min_weekly_downloads":5000000}""", trusted: false);
        Assert.Equal(3650, f.Policy.MinAgeDays);
        Assert.Equal(VerdictKind.Ask, (await f.AssessAsync("npm i left-pad"))!.Kind);
    }

    [Fact]
    public async Task Untrusted_private_scopes_are_never_looked_up_publicly_and_never_allowed_unchecked()
    {
        using var f = new GuardFixture();
        f.ApplyProject("""{"private":["npm:@acme/*",{"packages":"pypi:acme-*","registry":"http://127.0.0.1:9/simple"}]}""", trusted: false);

        var verdict = await f.AssessAsync("npm i @acme/internal-utils && pip install acme-billing");
        Assert.Equal(VerdictKind.Ask, verdict!.Kind);
        Assert.Contains("declared private by", verdict.Reason, StringComparison.Ordinal);
        Assert.Empty(f.Registry.Requests);
        Assert.Contains(f.Warnings, w => w.Contains("private.registry", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Trusted_private_scopes_are_allowed_or_asked_of_their_own_registry()
    {
        using var own = new MockRegistry();
        using var f = new GuardFixture($$"""
            "private":["npm:@corp/*",{"packages":"npm:@acme/*","registry":"{{own.BaseUrl}}/npm"}]
            """);
        Assert.Equal(VerdictKind.Allowed, (await f.AssessAsync("npm i @corp/anything"))!.Kind);
        Assert.Equal(VerdictKind.Allowed, (await f.AssessAsync("npm i @acme/internal-utils"))!.Kind);
        Assert.Equal(VerdictKind.Blocked, (await f.AssessAsync("npm i @acme/made-up"))!.Kind);
        Assert.Empty(f.Registry.Requests);
        Assert.NotEmpty(own.RequestsFor("@acme/internal-utils"));
        Assert.DoesNotContain(own.Requests, p => p.Contains("downloads", StringComparison.Ordinal));
    }

    [Fact]
    public async Task The_user_may_turn_the_check_off()
    {
        using var f = new GuardFixture("""
            "enabled":false
            """);
        Assert.Null(await f.AssessAsync("npm i expresss-utils-pro"));
    }

    [Theory]
    [InlineData("""{"min_age_days":"thirty"}""", "dependencies.min_age_days must be a whole number")]
    [InlineData("""{"allow":"left-pad"}""", "dependencies.allow must be a list of names")]
    [InlineData("""{"allow":["cobol:x"]}""", "dependencies.allow must be a list of names")]
    [InlineData("""{"registries":{"npm":"ftp://x"}}""", "dependencies.registries.npm must be an http(s) address")]
    [InlineData("""{"registries":{"maven":"https://x"}}""", "names an unknown registry 'maven'")]
    [InlineData("""{"typo_setting":1}""", "dependencies.typo_setting is not a setting")]
    public void Bad_settings_are_clear_errors(string json, string message)
    {
        var policy = new DependencyPolicy();
        var error = Assert.Throws<FormatException>(() => policy.Apply(GuardFixture.Parse(json), "/x/config.json", trusted: true, []));
        Assert.Contains(message, error.Message, StringComparison.Ordinal);
        Assert.StartsWith("/x/config.json", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("npm:@acme/*", Ecosystem.Npm, "@acme/utils", true)]
    [InlineData("npm:@acme/*", Ecosystem.Npm, "@acmex/utils", false)]
    [InlineData("npm:@acme/*", Ecosystem.PyPI, "@acme/utils", false)]
    [InlineData("pypi:acme-*", Ecosystem.PyPI, "Acme_Tools", true)]
    [InlineData("left-pad", Ecosystem.Npm, "left-pad", true)]
    [InlineData("left-pad", Ecosystem.Npm, "left-pads", false)]
    [InlineData("go:git.acme.corp/*", Ecosystem.Go, "git.acme.corp/team/lib", true)]
    [InlineData("*-internal-*", Ecosystem.Npm, "a-internal-b", true)]
    public void Patterns(string pattern, Ecosystem ecosystem, string name, bool matches) =>
        Assert.Equal(matches, PackagePattern.Parse(pattern, "t")!.Matches(ecosystem, name));
}
