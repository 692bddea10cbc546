using System.Formats.Tar;
using Wright.Cli.Distribution;

namespace Wright.Tests.Cli.Distribution;

/// <summary>
/// <c>wright update</c> against a real HTTP release folder, with shell scripts standing in for the binaries: what is
/// installed, what is refused, and that a refusal changes nothing.
/// </summary>
public sealed class UpdaterTests : IDisposable
{
    private readonly string _bin = Directory.CreateTempSubdirectory("wright-bin-").FullName;
    private readonly StringWriter _out = new();
    private readonly StringWriter _err = new();
    private readonly HttpClient _http = new();

    public UpdaterTests()
    {
        File.WriteAllText(Binary, FakeRelease.Script("0.2.0"));
        File.SetUnixFileMode(Binary, (UnixFileMode)0b111_101_101);
    }

    private string Binary => Path.Combine(_bin, "wright");

    private InstallLocation Location => InstallLocation.Of(Binary);

    public void Dispose()
    {
        _http.Dispose();
        Directory.Delete(_bin, recursive: true);
    }

    private Updater Updater(Func<string, bool?>? ask = null) => new(_http, _out, _err, ask ?? (_ => null), "0.2.0", "linux-x64");

    private static UpdateSettings Settings(string url, string? disabledBy = null)
    {
        Assert.True(UpdateSettings.TryReleaseUrl(url, out var uri));
        return new UpdateSettings(uri, "test", disabledBy, CheckAtStart: true, Error: null);
    }

    private string[] Leftovers() => Directory.GetFiles(_bin).Select(Path.GetFileName).Where(n => n!.StartsWith(".wright-update-", StringComparison.Ordinal)).ToArray()!;

    [Fact]
    public async Task A_newer_release_is_verified_installed_and_the_old_binary_kept()
    {
        using var release = new FakeRelease("0.3.0");
        var before = File.ReadAllText(Binary);

        var code = await Updater().UpdateAsync(Settings(release.Url), Location, checkOnly: false, yes: true, CancellationToken.None);

        Assert.True(code == 0, _err.ToString());
        Assert.Equal(FakeRelease.Script("0.3.0"), File.ReadAllText(Binary));
        Assert.Equal(before, File.ReadAllText(Location.Previous));
        Assert.Equal(".wright.previous", Path.GetFileName(Location.Previous));
        Assert.True(File.GetUnixFileMode(Binary).HasFlag(UnixFileMode.UserExecute));
        var said = _out.ToString();
        Assert.Contains("Wright 0.3.0 is available (you have 0.2.0)", said);
        Assert.Contains($"sha256 verified: {release.Sha256}", said);
        Assert.Contains($"updated Wright 0.2.0 → 0.3.0 at {Binary}; the previous binary is kept at {Location.Previous}", said);
        Assert.Empty(Leftovers());
    }

    [Fact]
    public async Task A_bad_checksum_is_refused_and_nothing_changes()
    {
        using var release = new FakeRelease("0.3.0");
        release.WriteManifest(new string('0', 64));
        var before = File.ReadAllBytes(Binary);

        var code = await Updater().UpdateAsync(Settings(release.Url), Location, checkOnly: false, yes: true, CancellationToken.None);

        Assert.Equal(1, code);
        Assert.Contains($"wright-linux-x64.tar.gz failed its checksum: the release says sha256 {new string('0', 64)}, the download is {release.Sha256}. Nothing was changed.", _err.ToString());
        Assert.Equal(before, File.ReadAllBytes(Binary));
        Assert.False(File.Exists(Location.Previous));
        Assert.Empty(Leftovers());
    }

    [Fact]
    public async Task A_tampered_tarball_fails_the_checksum_of_the_manifest()
    {
        using var release = new FakeRelease("0.3.0");
        var tarball = Path.Combine(release.Folder, release.TarballName);
        var bytes = File.ReadAllBytes(tarball);
        bytes[^10] ^= 0xFF;   // one flipped byte in the served file
        File.WriteAllBytes(tarball, bytes);

        var code = await Updater().UpdateAsync(Settings(release.Url), Location, checkOnly: false, yes: true, CancellationToken.None);

        Assert.Equal(1, code);
        Assert.Contains("failed its checksum", _err.ToString());
        Assert.Equal(FakeRelease.Script("0.2.0"), File.ReadAllText(Binary));
    }

    [Fact]
    public async Task Rollback_swaps_back_and_forth()
    {
        using var release = new FakeRelease("0.3.0");
        Assert.Equal(0, await Updater().UpdateAsync(Settings(release.Url), Location, checkOnly: false, yes: true, CancellationToken.None));

        var back = await new Updater(_http, _out, _err, _ => true, "0.3.0", "linux-x64").RollbackAsync(Location, yes: false, CancellationToken.None);

        Assert.True(back == 0, _err.ToString());
        Assert.Equal(FakeRelease.Script("0.2.0"), File.ReadAllText(Binary));
        Assert.Equal(FakeRelease.Script("0.3.0"), File.ReadAllText(Location.Previous));
        Assert.Contains($"rolled back Wright 0.3.0 → 0.2.0 at {Binary}; 0.3.0 is kept at {Location.Previous}", _out.ToString());
        Assert.Empty(Leftovers());
    }

    [Fact]
    public async Task Rollback_without_a_previous_binary_or_with_a_link_changes_nothing()
    {
        Assert.Equal(1, await Updater().RollbackAsync(Location, yes: true, CancellationToken.None));
        Assert.Contains($"no previous binary at {Location.Previous}: nothing to roll back.", _err.ToString());

        var elsewhere = Path.Combine(_bin, "other");
        File.WriteAllText(elsewhere, FakeRelease.Script("0.1.0"));
        File.CreateSymbolicLink(Location.Previous, elsewhere);
        Assert.Equal(1, await Updater().RollbackAsync(Location, yes: true, CancellationToken.None));
        Assert.Equal(FakeRelease.Script("0.2.0"), File.ReadAllText(Binary));
    }

    [Fact]
    public async Task Up_to_date_and_check_only_change_nothing()
    {
        using var same = new FakeRelease("0.2.0");
        Assert.Equal(0, await Updater().UpdateAsync(Settings(same.Url), Location, checkOnly: false, yes: true, CancellationToken.None));
        Assert.Contains("Wright 0.2.0 is up to date (the latest release is 0.2.0).", _out.ToString());

        using var newer = new FakeRelease("0.10.0");
        Assert.Equal(0, await Updater().UpdateAsync(Settings(newer.Url), Location, checkOnly: true, yes: true, CancellationToken.None));
        Assert.Contains("Wright 0.10.0 is available (you have 0.2.0); run `wright update` to install it.", _out.ToString());
        Assert.Equal(FakeRelease.Script("0.2.0"), File.ReadAllText(Binary));
        Assert.False(File.Exists(Location.Previous));
        Assert.Equal(1, newer.Server.Requests);   // the manifest only, no download
    }

    [Fact]
    public async Task It_never_updates_without_an_answer_and_respects_no()
    {
        using var release = new FakeRelease("0.3.0");
        Assert.Equal(2, await Updater(_ => null).UpdateAsync(Settings(release.Url), Location, checkOnly: false, yes: false, CancellationToken.None));
        Assert.Contains("not changing anything without confirmation: run this on a terminal, or pass --yes.", _err.ToString());

        string? asked = null;
        Assert.Equal(1, await Updater(q => { asked = q; return false; }).UpdateAsync(Settings(release.Url), Location, checkOnly: false, yes: false, CancellationToken.None));
        Assert.Equal($"Replace Wright 0.2.0 at {Binary} with 0.3.0? [y/N] ", asked);
        Assert.Contains("nothing was changed.", _out.ToString());
        Assert.Equal(FakeRelease.Script("0.2.0"), File.ReadAllText(Binary));
        Assert.Equal(1 + 1, release.Server.Requests);   // two manifest reads, no download
    }

    [Fact]
    public async Task Off_when_disabled_and_nothing_is_fetched()
    {
        using var release = new FakeRelease("0.3.0");
        Assert.Equal(2, await Updater().UpdateAsync(Settings(release.Url, disabledBy: "WRIGHT_NO_UPDATE"), Location, checkOnly: true, yes: true, CancellationToken.None));
        Assert.Contains("updates are turned off here (WRIGHT_NO_UPDATE is set); nothing was checked.", _err.ToString());
        Assert.Equal(0, release.Server.Requests);
    }

    [Fact]
    public async Task A_package_managers_copy_is_left_to_it()
    {
        using var release = new FakeRelease("0.3.0");
        var npm = InstallLocation.Of("/usr/lib/node_modules/@wright-agent/linux-x64/bin/wright");
        var tool = InstallLocation.Of("/home/u/.dotnet/tools/.store/wright/0.2.0/wright/0.2.0/tools/any/linux-x64/wright");

        Assert.Equal(2, await Updater().UpdateAsync(Settings(release.Url), npm, checkOnly: false, yes: true, CancellationToken.None));
        Assert.Equal(2, await Updater().RollbackAsync(tool, yes: true, CancellationToken.None));
        Assert.Contains("was installed by npm: update it with `npm install -g @wright-agent/wright@latest`", _err.ToString());
        Assert.Contains("was installed by dotnet tool: update it with `dotnet tool update -g wright`", _err.ToString());
    }

    [Fact]
    public async Task A_binary_that_does_not_say_the_released_version_is_not_installed()
    {
        using var release = new FakeRelease("0.3.0", binaryVersion: "0.2.9");

        Assert.Equal(1, await Updater().UpdateAsync(Settings(release.Url), Location, checkOnly: false, yes: true, CancellationToken.None));
        Assert.Contains("the downloaded binary does not run as Wright 0.3.0 (it said: 0.2.9 (commit fakefakefake", _err.ToString());
        Assert.Equal(FakeRelease.Script("0.2.0"), File.ReadAllText(Binary));
        Assert.Empty(Leftovers());
    }

    [Theory]
    [InlineData("link")]
    [InlineData("two")]
    [InlineData("none")]
    [InlineData("climb")]
    public async Task Hostile_tarballs_are_refused(string kind)
    {
        using var release = new FakeRelease("0.3.0", extraEntries: tar =>
        {
            switch (kind)
            {
                case "link":
                    tar.WriteEntry(new PaxTarEntry(TarEntryType.SymbolicLink, "wright-0.3.0-linux-x64/wright") { LinkName = "/bin/sh" });
                    break;
                case "two":
                    FakeRelease.AddFile(tar, "a/wright", FakeRelease.Script("0.3.0"), executable: true);
                    FakeRelease.AddFile(tar, "b/wright", FakeRelease.Script("0.3.0"), executable: true);
                    break;
                case "none":
                    FakeRelease.AddFile(tar, "deep/er/wright", FakeRelease.Script("0.3.0"), executable: true);
                    break;
                case "climb":
                    FakeRelease.AddFile(tar, "../wright", FakeRelease.Script("0.3.0"), executable: true);
                    break;
            }
        });

        Assert.Equal(1, await Updater().UpdateAsync(Settings(release.Url), Location, checkOnly: false, yes: true, CancellationToken.None));
        Assert.Contains("wright-linux-x64.tar.gz is not a usable release tarball:", _err.ToString());
        Assert.Equal(FakeRelease.Script("0.2.0"), File.ReadAllText(Binary));
        Assert.False(File.Exists(Path.Combine(Path.GetDirectoryName(_bin)!, "wright")));
        Assert.Empty(Leftovers());
    }

    [Theory]
    [InlineData("../wright-linux-x64.tar.gz")]
    [InlineData("https://evil.example/wright.tar.gz")]
    [InlineData(".hidden.tar.gz")]
    public async Task A_manifest_cannot_send_the_download_elsewhere(string file)
    {
        using var release = new FakeRelease("0.3.0");
        release.WriteManifest(release.Sha256, file: file);

        Assert.Equal(1, await Updater().UpdateAsync(Settings(release.Url), Location, checkOnly: false, yes: true, CancellationToken.None));
        Assert.Contains("is not valid: asset \"linux-x64\" needs a plain \"file\" name", _err.ToString());
        Assert.Equal(1, release.Server.Requests);
    }

    [Fact]
    public async Task A_release_without_this_platform_says_so()
    {
        using var release = new FakeRelease("0.3.0");
        release.WriteManifest(release.Sha256, asset: "linux-arm64");

        Assert.Equal(1, await Updater().UpdateAsync(Settings(release.Url), Location, checkOnly: false, yes: true, CancellationToken.None));
        Assert.Contains("release 0.3.0 has no build for this platform (linux-x64).", _err.ToString());
    }

    [Fact]
    public async Task A_server_that_is_down_is_one_clear_line()
    {
        var code = await Updater().UpdateAsync(Settings($"http://127.0.0.1:{Support.TinyHttpServer.FreePort()}/rel"), Location, checkOnly: true, yes: true, CancellationToken.None);

        Assert.Equal(1, code);
        Assert.StartsWith("error: could not read http://127.0.0.1:", _err.ToString());
        Assert.Contains("/rel/release.json: ", _err.ToString());
    }

    [Theory]
    [InlineData("https://releases.example/wright", true)]
    [InlineData("http://127.0.0.1:8080/rel/", true)]
    [InlineData("http://localhost:8080", true)]
    [InlineData("http://[::1]:8080/", true)]
    [InlineData("http://releases.example/wright", false)]
    [InlineData("ftp://releases.example/", false)]
    [InlineData("file:///tmp/release", false)]
    [InlineData("https://releases.example/x?y=1", false)]
    [InlineData("not a url", false)]
    public void Release_urls_must_be_https_or_loopback(string url, bool allowed) =>
        Assert.Equal(allowed, UpdateSettings.TryReleaseUrl(url, out _));
}
