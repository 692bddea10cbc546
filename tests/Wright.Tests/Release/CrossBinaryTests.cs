namespace Wright.Tests.Release;

/// <summary>
/// The binaries this machine cannot run natively, run anyway: linux-arm64 under qemu-aarch64-static (Debian's
/// qemu-user-static, with the aarch64 glibc of libc6-arm64-cross), and linux-x64-static in a minimal Alpine-like root
/// that holds nothing but the musl loader, /etc/hosts and the binary.
/// </summary>
[Trait("Group", ReleaseBuild.Group)]
public sealed class CrossBinaryTests
{
    private const string Qemu = "/usr/bin/qemu-aarch64-static";

    /// <summary>
    /// The aarch64 glibc of libc6-arm64-cross as the guest's root for library look-ups, and Debian's arm64 libssl3
    /// (which .NET's crypto shim loads when the binary starts; scripts/install-deps.sh unpacks it into dist/.deps).
    /// </summary>
    private static readonly Dictionary<string, string?> AarchLibraries = new()
    {
        ["QEMU_LD_PREFIX"] = "/usr/aarch64-linux-gnu",
        ["LD_LIBRARY_PATH"] = Path.Combine(Wright.Tests.Support.NodePackages.RepoRoot, "dist", ".deps", "arm64-libssl", "usr", "lib", "aarch64-linux-gnu"),
    };

    [Fact]
    public async Task The_arm64_binary_runs_version_and_a_turn_under_qemu()
    {
        await ReleaseBuild.GetAsync();
        var binary = ReleaseBuild.Binary("linux-arm64");
        var (interpreter, needed, machine) = await ProgramRun.ElfAsync(binary);
        var version = await ProgramRun.RunAsync(Qemu, [binary, "--version"], AarchLibraries);
        var turn = await OneShot.RunAsync(Qemu, [binary], environment: AarchLibraries);
        var symbols = await ProgramRun.RunAsync("/usr/bin/aarch64-linux-gnu-objdump", ["-T", binary]);
        var newestGlibc = System.Text.RegularExpressions.Regex.Matches(symbols.Stdout, @"GLIBC_2\.(\d+)")
            .Select(m => int.Parse(m.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture)).Max();

        Assert.Equal("AArch64", machine);
        Assert.Equal("/lib/ld-linux-aarch64.so.1", interpreter);
        Assert.All(needed, n => Assert.Contains(n, new[] { "libc.so.6", "libm.so.6", "ld-linux-aarch64.so.1" }));
        Assert.True(newestGlibc <= 34, $"needs GLIBC_2.{newestGlibc}; the README promises 2.34");
        Assert.True(version.ExitCode == 0, version.ToString());
        Assert.Equal($"{ReleaseBuild.Version} (commit {ReleaseBuild.Commit}, built {ReleaseBuild.Date})", version.Stdout.Trim());
        Assert.True(turn.ExitCode == 0, turn.ToString());
        Assert.Equal("hi from aimock", turn.Stdout.Trim());
    }

    [Fact]
    public async Task The_static_binary_needs_nothing_and_runs_in_an_alpine_like_root()
    {
        await ReleaseBuild.GetAsync();
        var binary = ReleaseBuild.Binary("linux-x64-static");
        var (interpreter, needed, _) = await ProgramRun.ElfAsync(binary);
        var ldd = await ProgramRun.RunAsync("/usr/bin/ldd", [binary]);
        var root = Directory.CreateTempSubdirectory("wright-alpine-like-").FullName;
        try
        {
            // What an Alpine minirootfs has that matters here: the musl loader, /etc/hosts, /etc/passwd; no glibc.
            Directory.CreateDirectory(Path.Combine(root, "lib"));
            Directory.CreateDirectory(Path.Combine(root, "etc"));
            Directory.CreateDirectory(Path.Combine(root, "tmp"));
            File.Copy("/lib/ld-musl-x86_64.so.1", Path.Combine(root, "lib", "ld-musl-x86_64.so.1"));
            File.WriteAllText(Path.Combine(root, "etc", "hosts"), "127.0.0.1 localhost modelhost\n");
            File.WriteAllText(Path.Combine(root, "etc", "passwd"), "root:x:0:0:root:/root:/bin/sh\n");
            File.Copy(binary, Path.Combine(root, "wright"));
            File.SetUnixFileMode(Path.Combine(root, "wright"), (UnixFileMode)0b111_101_101);
            Assert.Empty(Directory.GetFiles(root, "libc.so*", SearchOption.AllDirectories));

            string[] Inside(string[] args) => ["--bind", root, "/", "--proc", "/proc", "--dev", "/dev", "--tmpfs", "/tmp",
                "--dir", "/tmp/home", "--dir", "/tmp/ws", "--setenv", "HOME", "/tmp/home", "--setenv", "PATH", "/", "--chdir", "/tmp/ws",
                "/wright", .. args];
            var version = await ProgramRun.RunAsync("/usr/bin/bwrap", Inside(["--version"]));
            await using var mock = await E2E.AimockServer.StartAsync(OneShot.Fixture);
            var turn = await ProgramRun.RunAsync("/usr/bin/bwrap",
                // By a name from /etc/hosts: glibc's resolver, linked in, must work without glibc's NSS modules.
                ["--setenv", "OLLAMA_BASE_URL", $"http://modelhost:{new Uri(mock.BaseUrl).Port}/v1", "--setenv", "WRIGHT_HOME", "/tmp/wh", .. Inside(["-p", "hello", "--model", "ollama/test", "--permission-mode", "plan"])],
                new Dictionary<string, string?> { ["WRIGHT_MODEL"] = null });

            // HTTPS through the OpenSSL linked into the binary, trusting the root bundle where Alpine keeps it; without
            // the bundle the same request must fail verification (so verification really happens).
            using var https = new TlsForwarder(new Uri(mock.BaseUrl).Port);
            string[] overTls = ["--setenv", "OLLAMA_BASE_URL", $"https://127.0.0.1:{https.Port}/v1", "--setenv", "WRIGHT_HOME", "/tmp/wh",
                .. Inside(["-p", "hello", "--model", "ollama/test", "--permission-mode", "plan"])];
            var untrusted = await ProgramRun.RunAsync("/usr/bin/bwrap", overTls, new Dictionary<string, string?> { ["WRIGHT_MODEL"] = null, ["SSL_CERT_FILE"] = null, ["SSL_CERT_DIR"] = null });
            Directory.CreateDirectory(Path.Combine(root, "etc", "ssl", "certs"));
            File.WriteAllText(Path.Combine(root, "etc", "ssl", "certs", "ca-certificates.crt"), https.Pem);
            var trusted = await ProgramRun.RunAsync("/usr/bin/bwrap", overTls, new Dictionary<string, string?> { ["WRIGHT_MODEL"] = null, ["SSL_CERT_FILE"] = null, ["SSL_CERT_DIR"] = null });

            Assert.Null(interpreter);
            Assert.Empty(needed);
            Assert.Contains("not a dynamic executable", ldd.Stdout + ldd.Stderr);
            Assert.True(version.ExitCode == 0, version.ToString());
            Assert.Equal($"{ReleaseBuild.Version} (commit {ReleaseBuild.Commit}, built {ReleaseBuild.Date})", version.Stdout.Trim());
            Assert.True(turn.ExitCode == 0, turn.ToString());
            Assert.Equal("hi from aimock", turn.Stdout.Trim());
            Assert.NotEqual(0, untrusted.ExitCode);
            Assert.Contains("SSL", untrusted.Stderr);
            Assert.True(trusted.ExitCode == 0, trusted.ToString());
            Assert.Equal("hi from aimock", trusted.Stdout.Trim());
        }
        finally
        {
            Directory.Delete(root, recursive: true);
        }
    }
}
