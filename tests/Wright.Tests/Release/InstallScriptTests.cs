using Wright.Tests.Support;

namespace Wright.Tests.Release;

/// <summary>install.sh of the release against the release folder served on loopback.</summary>
[Trait("Group", ReleaseBuild.Group)]
public sealed class InstallScriptTests : IDisposable
{
    private readonly string _root = Directory.CreateTempSubdirectory("wright-install-").FullName;

    public void Dispose() => Directory.Delete(_root, recursive: true);

    private string Prefix => Path.Combine(_root, "prefix");

    private string Installed => Path.Combine(Prefix, "bin", "wright");

    private static async Task<ProgramRun.Result> InstallAsync(ReleaseBuild release, string url, params string[] args) =>
        await ProgramRun.RunAsync("/bin/sh", [Path.Combine(release.Folder, "install.sh"), "--url", url, .. args],
            new Dictionary<string, string?> { ["PATH"] = "/usr/local/bin:/usr/bin:/bin", ["SHELL"] = "/bin/bash", ["WRIGHT_ASSET"] = null });

    [Fact]
    public async Task It_installs_the_verified_build_for_this_machine_and_says_how_to_reach_it()
    {
        var release = await ReleaseBuild.GetAsync();
        using var server = new StaticFileServer(release.Folder);
        Directory.CreateDirectory(Path.GetDirectoryName(Installed)!);
        File.WriteAllText(Installed, "an older wright");

        var run = await InstallAsync(release, server.Url, "--prefix", Prefix);

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Equal(File.ReadAllBytes(ReleaseBuild.Binary("linux-x64")), File.ReadAllBytes(Installed));
        Assert.Contains("wright install: sha256 verified: ", run.Stderr);
        Assert.Contains($"installed Wright {ReleaseBuild.Version} (commit {ReleaseBuild.Commit}, built {ReleaseBuild.Date}) as {Installed}", run.Stderr);
        Assert.Contains($"{Prefix}/bin is not on your PATH. Add it, e.g.:", run.Stderr);
        Assert.Contains($"echo 'export PATH=\"{Prefix}/bin:$PATH\"' >> ~/.bashrc", run.Stderr);
        Assert.Equal(["wright"], Directory.GetFiles(Path.GetDirectoryName(Installed)!).Select(Path.GetFileName));
    }

    [Fact]
    public async Task An_asset_can_be_chosen()
    {
        var release = await ReleaseBuild.GetAsync();
        using var server = new StaticFileServer(release.Folder);

        var run = await InstallAsync(release, server.Url, "--prefix", Prefix, "--asset", "linux-x64-static");

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Equal(File.ReadAllBytes(ReleaseBuild.Binary("linux-x64-static")), File.ReadAllBytes(Installed));
    }

    [Fact]
    public async Task A_tampered_tarball_is_refused_and_nothing_is_installed()
    {
        var release = await ReleaseBuild.GetAsync();
        using var server = new StaticFileServer(release.Folder, (name, bytes) =>
        {
            if (name == "wright-linux-x64.tar.gz")
                bytes[bytes.Length / 2] ^= 0x01;
            return bytes;
        });

        var run = await InstallAsync(release, server.Url, "--prefix", Prefix);

        Assert.Equal(1, run.ExitCode);
        Assert.Contains("wright install: error: checksum mismatch for wright-linux-x64.tar.gz: SHA256SUMS says ", run.Stderr);
        Assert.Contains("Nothing was installed.", run.Stderr);
        Assert.False(Directory.Exists(Prefix));
    }

    [Fact]
    public async Task A_tarball_missing_from_the_sums_or_a_plain_http_mirror_is_refused()
    {
        var release = await ReleaseBuild.GetAsync();
        using var server = new StaticFileServer(release.Folder, (name, bytes) =>
            name == "SHA256SUMS" ? System.Text.Encoding.UTF8.GetBytes("0000  other.tar.gz\n") : bytes);

        var unlisted = await InstallAsync(release, server.Url, "--prefix", Prefix);
        var insecure = await InstallAsync(release, "http://releases.example/wright", "--prefix", Prefix);

        Assert.Equal(1, unlisted.ExitCode);
        Assert.Contains("SHA256SUMS has no line for wright-linux-x64.tar.gz; refusing to install", unlisted.Stderr);
        Assert.Equal(1, insecure.ExitCode);
        Assert.Contains("refusing http://releases.example/wright: use an https URL", insecure.Stderr);
        Assert.False(Directory.Exists(Prefix));
    }
}
