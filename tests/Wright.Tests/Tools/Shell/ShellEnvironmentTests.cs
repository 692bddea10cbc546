using System.Collections;
using Wright.Tools.Shell;

namespace Wright.Tests.Tools.Shell;

/// <summary>The allowlist of variables commands get: tool settings pass, anything that may hold a credential does not.</summary>
public sealed class ShellEnvironmentTests
{
    [Theory]
    [InlineData("PATH")]
    [InlineData("LANG")]
    [InlineData("LC_ALL")]
    [InlineData("JAVA_HOME")]
    [InlineData("PYTHONDONTWRITEBYTECODE")]
    [InlineData("DOTNET_CLI_TELEMETRY_OPTOUT")]
    [InlineData("MSBUILDDISABLENODEREUSE")]
    [InlineData("RUST_BACKTRACE")]
    [InlineData("AWS_CA_BUNDLE")]
    [InlineData("CLOUDSDK_CORE_CUSTOM_CA_CERTS_FILE")]
    [InlineData("NO_PROXY")]
    public void Tool_settings_pass(string name) => Assert.True(ShellEnvironment.IsAllowed(name, []));

    [Theory]
    [InlineData("MYSQL_PWD")]
    [InlineData("GITHUB_PAT")]
    [InlineData("SSH_AUTH_SOCK")]
    [InlineData("DATABASE_URL")]
    [InlineData("HTTPS_PROXY")]
    [InlineData("AWS_ACCESS_KEY_ID")]
    [InlineData("NPM_CONFIG__AUTH")]
    [InlineData("NODE_AUTH_TOKEN")]
    [InlineData("CARGO_REGISTRY_TOKEN")]
    [InlineData("PYTHON_KEYRING_PASSWORD")]
    [InlineData("DOTNET_NUGET_SESSION_TOKEN")]
    [InlineData("NUGET_CREDENTIALPROVIDER_SESSIONTOKENCACHE_ENABLED")]
    [InlineData("PIP_INDEX_URL")]
    [InlineData("HISTFILE")]
    [InlineData("LD_PRELOAD")]
    [InlineData("BASH_ENV")]
    public void Anything_else_stays_out(string name) => Assert.False(ShellEnvironment.IsAllowed(name, []));

    [Fact]
    public void The_user_allows_names_exactly_or_by_prefix()
    {
        Assert.True(ShellEnvironment.IsAllowed("GH_TOKEN", ["GH_TOKEN"]));
        Assert.True(ShellEnvironment.IsAllowed("AWS_PROFILE", ["AWS_*"]));
        Assert.False(ShellEnvironment.IsAllowed("GH_TOKEN_2", ["GH_TOKEN"]));
        Assert.False(ShellEnvironment.IsAllowed("AWS_PROFILE", ["AWS"]));
    }

    [Fact]
    public void Build_keeps_only_allowed_values_and_adds_the_non_interactive_settings()
    {
        IDictionary source = new Hashtable { ["PATH"] = "/bin", ["GITHUB_PAT"] = "ghp_canary", ["LC_CTYPE"] = "C.UTF-8", ["TERM"] = "xterm-256color" };

        var env = ShellEnvironment.Build([], source);

        Assert.Equal("/bin", env["PATH"]);
        Assert.Equal("C.UTF-8", env["LC_CTYPE"]);
        Assert.Equal("dumb", env["TERM"]);
        Assert.Equal("C.UTF-8", env["LANG"]);
        Assert.DoesNotContain("GITHUB_PAT", env.Keys);
        Assert.DoesNotContain("ghp_canary", env.Values);
    }
}
