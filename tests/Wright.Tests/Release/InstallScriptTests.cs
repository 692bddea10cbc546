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
        await InstallWithPathAsync(release, url, "/usr/local/bin:/usr/bin:/bin", args);

    private static async Task<ProgramRun.Result> InstallWithPathAsync(ReleaseBuild release, string url, string path, params string[] args) =>
        await ProgramRun.RunAsync("/bin/sh", [Path.Combine(release.Folder, "install.sh"), "--url", url, .. args],
            new Dictionary<string, string?> { ["PATH"] = path, ["SHELL"] = "/bin/bash", ["WRIGHT_ASSET"] = null });

    /// <summary>A folder of stand-ins for getconf and ldd, as a musl system or an old glibc one has them.</summary>
    private string FakeLibc(string name, string getconf, string ldd)
    {
        var dir = Path.Combine(_root, name);
        Directory.CreateDirectory(dir);
        File.WriteAllText(Path.Combine(dir, "getconf"), $"#!/bin/sh\n{getconf}\n");
        File.WriteAllText(Path.Combine(dir, "ldd"), $"#!/bin/sh\n{ldd}\n");
        foreach (var tool in new[] { "getconf", "ldd" })
            File.SetUnixFileMode(Path.Combine(dir, tool), (UnixFileMode)0b111_101_101);
        return $"{dir}:/usr/local/bin:/usr/bin:/bin";
    }

    [Fact]
    public async Task It_installs_the_verified_build_for_this_machine_and_says_how_to_reach_it()
    {
        var release = await ReleaseBuild.GetAsync();
        using var server = new StaticFileServer(release.Folder);
        Directory.CreateDirectory(Path.GetDirectoryName(Installed)!);
        File.WriteAllText(Installed, "an older wright");

        var run = await InstallAsync(release, server.Url, "--prefix", Prefix);

        // glibc 2.36 here, with Debian's musl loader beside it (install-deps.sh installs musl): still the glibc build.
        Assert.True(File.Exists("/lib/ld-musl-x86_64.so.1"), "scripts/install-deps.sh installs musl");
        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Equal(File.ReadAllBytes(ReleaseBuild.Binary("linux-x64")), File.ReadAllBytes(Installed));
        Assert.Contains("wright install: sha256 verified: ", run.Stderr);
        Assert.Contains($"installed Wright {ReleaseBuild.Version} (commit {ReleaseBuild.Commit}, built {ReleaseBuild.Date}) as {Installed}", run.Stderr);
        Assert.Contains($"{Prefix}/bin is not on your PATH. Add it, e.g.:", run.Stderr);
        Assert.Contains($"echo 'export PATH=\"{Prefix}/bin:$PATH\"' >> ~/.bashrc", run.Stderr);
        Assert.Equal(["wright"], Directory.GetFiles(Path.GetDirectoryName(Installed)!).Select(Path.GetFileName));
    }

    [Fact]
    public async Task Musl_and_old_glibc_systems_get_the_static_build()
    {
        var release = await ReleaseBuild.GetAsync();
        using var server = new StaticFileServer(release.Folder);
        // Alpine: getconf knows no GNU_LIBC_VERSION; musl's ldd prints its version on stderr and exits 1.
        var musl = FakeLibc("musl", "echo \"getconf: GNU_LIBC_VERSION: unknown variable\" >&2; exit 1",
            "echo 'musl libc (x86_64)' >&2; echo 'Version 1.2.5' >&2; exit 1");
        var oldGlibc = FakeLibc("old-glibc", "echo 'glibc 2.31'", "echo 'ldd (Ubuntu GLIBC 2.31-0ubuntu9.16) 2.31'");
        var muslPrefix = Path.Combine(_root, "musl-prefix");
        var oldPrefix = Path.Combine(_root, "old-prefix");

        var onMusl = await InstallWithPathAsync(release, server.Url, musl, "--prefix", muslPrefix);
        var onOldGlibc = await InstallWithPathAsync(release, server.Url, oldGlibc, "--prefix", oldPrefix);

        Assert.True(onMusl.ExitCode == 0, onMusl.ToString());
        Assert.Contains("wright-linux-x64-static.tar.gz", onMusl.Stderr);
        Assert.Equal(File.ReadAllBytes(ReleaseBuild.Binary("linux-x64-static")), File.ReadAllBytes(Path.Combine(muslPrefix, "bin", "wright")));
        Assert.True(onOldGlibc.ExitCode == 0, onOldGlibc.ToString());
        Assert.Equal(File.ReadAllBytes(ReleaseBuild.Binary("linux-x64-static")), File.ReadAllBytes(Path.Combine(oldPrefix, "bin", "wright")));
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
