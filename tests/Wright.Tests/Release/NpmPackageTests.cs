using Wright.Tests.Cli.Distribution;

namespace Wright.Tests.Release;

/// <summary>
/// <c>npm install -g @wright-agent/wright</c> from the packed tarballs, served by a local registry: npm installs the
/// launcher and only this platform's binary package (os, cpu and libc decide), and the launcher runs it.
/// </summary>
[Trait("Group", ReleaseBuild.Group)]
public sealed class NpmPackageTests : IDisposable
{
    private readonly string _root = Directory.CreateTempSubdirectory("wright-npm-").FullName;

    public void Dispose() => Directory.Delete(_root, recursive: true);

    [Fact]
    public async Task A_global_install_gets_the_launcher_and_this_platforms_binary()
    {
        var release = await ReleaseBuild.GetAsync();
        using var registry = new NpmRegistry(Directory.GetFiles(Path.Combine(release.Folder, "npm"), "*.tgz"));
        var prefix = Path.Combine(_root, "prefix");
        var userConfig = Path.Combine(_root, "npmrc");
        File.WriteAllText(userConfig, "");
        var env = new Dictionary<string, string?>
        {
            ["HOME"] = Path.Combine(_root, "home"),
            ["npm_config_userconfig"] = userConfig,
            ["npm_config_registry"] = registry.Url,
            ["npm_config_cache"] = Path.Combine(_root, "cache"),
            ["npm_config_update_notifier"] = "false",
            ["npm_config_fund"] = "false",
            ["npm_config_audit"] = "false",
        };

        var install = await ProgramRun.RunAsync(Executables.Find("npm"), ["install", "-g", "--prefix", prefix, $"@wright-agent/wright@{ReleaseBuild.Version}"], env, _root, timeoutSeconds: 300);
        Assert.True(install.ExitCode == 0, install.ToString());

        var command = Path.Combine(prefix, "bin", "wright");
        var modules = Path.Combine(prefix, "lib", "node_modules", "@wright-agent");
        var packages = Directory.GetDirectories(modules, "*", SearchOption.AllDirectories)
            .Where(d => File.Exists(Path.Combine(d, "package.json"))).Select(Path.GetFileName).Order(StringComparer.Ordinal).ToArray();
        var binary = Directory.GetFiles(modules, "wright", SearchOption.AllDirectories).Single(f => f.Contains("linux-x64", StringComparison.Ordinal));
        var version = await ProgramRun.RunAsync(command, ["--version"], env);
        var noPrompt = await ProgramRun.RunAsync(command, ["-p"], new Dictionary<string, string?>(env) { ["WRIGHT_HOME"] = Path.Combine(_root, "wh") }, _root);
        var turn = await OneShot.RunAsync(command, []);
        using var newer = new FakeRelease("999.0.0");
        var update = await ProgramRun.RunAsync(command, ["update", "--yes"], new Dictionary<string, string?>(env) { ["WRIGHT_UPDATE_URL"] = newer.Url, ["CI"] = "" });

        Assert.Equal(["linux-x64", "wright"], packages);   // not linux-arm64 (cpu), not linux-x64-static (libc musl)
        Assert.Contains("@wright-agent/linux-arm64", registry.Requested);
        Assert.Contains("@wright-agent/linux-x64-static", registry.Requested);
        Assert.Equal(File.ReadAllBytes(ReleaseBuild.Binary("linux-x64")), File.ReadAllBytes(binary));
        Assert.True(File.GetUnixFileMode(binary).HasFlag(UnixFileMode.UserExecute));
        Assert.Equal($"{ReleaseBuild.Version} (commit {ReleaseBuild.Commit}, built {ReleaseBuild.Date})", version.Stdout.Trim());
        Assert.Equal(2, noPrompt.ExitCode);   // the binary's exit code comes through the launcher
        Assert.Contains("no prompt", noPrompt.Stderr);
        Assert.True(turn.ExitCode == 0, turn.ToString());
        Assert.Equal("hi from aimock", turn.Stdout.Trim());
        Assert.Equal(2, update.ExitCode);
        Assert.Contains("was installed by npm: update it with `npm install -g @wright-agent/wright@latest`", update.Stderr);
    }
}
