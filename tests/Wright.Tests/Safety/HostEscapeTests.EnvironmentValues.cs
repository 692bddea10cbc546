using Wright.Tools;
using Wright.Tools.Shell;

namespace Wright.Tests.Safety;

public sealed partial class HostEscapeTests
{
    // ── Found attacking the fixes from outside: names that pass, values that are credentials ────────────────────
    // The allowlist judged names only: NUGET_*, DOTNET_*, PYTHON*, RUST_* and CFLAGS/MAKEFLAGS passed with a feed
    // URL's password, a connection string or a compiler-defined key in them (the output redactor hid some, by luck).

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task A_credential_in_the_value_of_an_allowed_name_stays_out(bool sandboxed)
    {
        var names = new Dictionary<string, string>
        {
            ["NUGET_SOURCE_URL"] = "https://user:canaryvalue1@feed.example/v3/index.json",
            ["DOTNET_ConnectionStrings__Db"] = "Server=db;User Id=sa;Password=canaryvalue2",
            ["PYTHON_INDEX_URL"] = "https://u:canaryvalue3@pypi.corp/simple",
            ["CFLAGS"] = "-O2 -DAPI_KEY=canaryvalue4",
            ["MAKEFLAGS"] = "token=canaryvalue5",
            ["RUST_LOG_SINK"] = "ghp_canaryvalue6canaryvalue6canaryvalue6abc",
            ["DOTNET_CANARY_PLAIN"] = "plain-setting-ok",
        };
        foreach (var (name, value) in names)
            Environment.SetEnvironmentVariable(name, value);
        try
        {
            var shell = sandboxed ? Sandboxed() : new ShellTool(new ToolOptions { DefaultShellTimeout = TimeSpan.FromSeconds(20) });
            var result = await _host.ShellAsync(shell, "env | base64 -w0"); // encoded: the output redactor cannot help

            var seen = System.Text.Encoding.UTF8.GetString(Convert.FromBase64String(result.Content.Split('\n')[0].Trim()));
            for (var i = 1; i <= 6; i++)
                Assert.DoesNotContain("canaryvalue" + i, seen);
            Assert.Contains("DOTNET_CANARY_PLAIN=plain-setting-ok", seen); // a harmless value under the same prefix passes
        }
        finally
        {
            foreach (var name in names.Keys)
                Environment.SetEnvironmentVariable(name, null);
        }
    }

    [Fact]
    public void A_variable_the_user_allowed_by_name_keeps_its_credential()
    {
        var env = ShellEnvironment.Build(["NUGET_SOURCE_URL"], new System.Collections.Hashtable { ["NUGET_SOURCE_URL"] = "https://u:p4ssw0rd@feed/", ["NUGET_OTHER"] = "https://u:p4ssw0rd@feed/" });

        Assert.Equal("https://u:p4ssw0rd@feed/", env["NUGET_SOURCE_URL"]);
        Assert.False(env.ContainsKey("NUGET_OTHER"));
    }
}
