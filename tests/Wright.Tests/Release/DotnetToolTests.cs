using Wright.Tests.Cli.Distribution;

namespace Wright.Tests.Release;

/// <summary>
/// <c>dotnet tool install -g wright</c> from a local folder feed (nothing else configured, so nothing is fetched from
/// elsewhere), in a private home: the SDK picks the linux-x64 NativeAOT package that the pointer package names.
/// </summary>
[Trait("Group", ReleaseBuild.Group)]
public sealed class DotnetToolTests : IDisposable
{
    private readonly string _root = Directory.CreateTempSubdirectory("wright-tool-").FullName;

    public void Dispose() => Directory.Delete(_root, recursive: true);

    [Fact]
    public async Task The_global_tool_installs_offline_and_is_the_native_binary()
    {
        var release = await ReleaseBuild.GetAsync();
        var home = Path.Combine(_root, "home");
        Directory.CreateDirectory(home);
        var config = Path.Combine(_root, "nuget.config");
        File.WriteAllText(config, $"""
            <?xml version="1.0" encoding="utf-8"?>
            <configuration>
              <packageSources>
                <clear />
                <add key="release" value="{Path.Combine(release.Folder, "nuget")}" />
              </packageSources>
            </configuration>
            """);
        var env = new Dictionary<string, string?>
        {
            ["HOME"] = home,
            ["DOTNET_CLI_HOME"] = home,
            ["NUGET_PACKAGES"] = Path.Combine(home, "packages"),
            ["DOTNET_NOLOGO"] = "1",
            ["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1",
            ["DOTNET_SKIP_FIRST_TIME_EXPERIENCE"] = "1",
        };

        var install = await ProgramRun.RunAsync("/usr/bin/dotnet", ["tool", "install", "-g", "wright", "--version", ReleaseBuild.Version, "--configfile", config], env, _root, timeoutSeconds: 600);
        var command = Path.Combine(home, ".dotnet", "tools", "wright");
        Assert.True(install.ExitCode == 0, install.ToString());
        Assert.True(File.Exists(command), install.ToString());
        var version = await ProgramRun.RunAsync(command, ["--version"], env);
        var installed = Directory.GetFiles(Path.Combine(home, ".dotnet", "tools", ".store"), "wright", SearchOption.AllDirectories)
            .Single(f => f.Contains("linux-x64", StringComparison.Ordinal));
        var (interpreter, _, _) = await ProgramRun.ElfAsync(installed);
        using var newer = new FakeRelease("999.0.0");
        env["WRIGHT_UPDATE_URL"] = newer.Url;
        env["CI"] = "";
        var update = await ProgramRun.RunAsync(command, ["update", "--yes"], env);

        Assert.Equal($"{ReleaseBuild.Version} (commit {ReleaseBuild.Commit}, built {ReleaseBuild.Date})", version.Stdout.Trim());
        Assert.NotNull(interpreter);   // an ELF executable: the NativeAOT binary, not a managed assembly
        Assert.Equal(File.ReadAllBytes(ReleaseBuild.Binary("linux-x64")), File.ReadAllBytes(installed));
        Assert.Equal(2, update.ExitCode);
        Assert.Contains("was installed by dotnet tool: update it with `dotnet tool update -g wright`", update.Stderr);
    }
}
