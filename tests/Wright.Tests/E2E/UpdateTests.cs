using Wright.Tests.Cli.Distribution;

namespace Wright.Tests.E2E;

/// <summary><c>wright update</c> and <c>--version</c> in the real binary, against a release folder on loopback.</summary>
public sealed class UpdateTests : IDisposable
{
    private readonly WrightProcess _wright = new();

    public UpdateTests()
    {
        Directory.CreateDirectory(Bin);
        File.Copy(WrightProcess.Binary, Copy);
        _wright.Program = Copy;
        _wright.Environment["CI"] = "";   // the suite may run in CI, where updates are off
        _wright.Environment["LANG"] = "C.UTF-8";
        _wright.Environment["LC_ALL"] = "";
        _wright.Environment["LC_MESSAGES"] = "";
    }

    private string Bin => Path.Combine(_wright.Root, "bin");

    private string Copy => Path.Combine(Bin, "wright");

    private string Previous => Path.Combine(Bin, ".wright.previous");

    public void Dispose() => _wright.Dispose();

    [Fact]
    public async Task Version_prints_version_commit_and_build_date()
    {
        var run = await _wright.RunAsync("--version");

        Assert.Equal(0, run.ExitCode);
        Assert.Matches(@"^\d+\.\d+\.\d+(-[0-9A-Za-z.-]+)? \(commit ([0-9a-f]{12}(-dirty)?|unknown), built \d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ\)$", run.Stdout.Trim());
    }

    [Fact]
    public async Task The_binary_replaces_itself_with_a_verified_newer_release_and_keeps_itself()
    {
        using var release = new FakeRelease("999.0.0");
        _wright.Environment["WRIGHT_UPDATE_URL"] = release.Url;

        var run = await _wright.RunAsync("update", "--yes");

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Equal(FakeRelease.Script("999.0.0"), File.ReadAllText(Copy));
        Assert.Equal(File.ReadAllBytes(WrightProcess.Binary), File.ReadAllBytes(Previous));
        Assert.Contains($"sha256 verified: {release.Sha256}", run.Stdout);
        Assert.Contains($"→ 999.0.0 at {Copy}; the previous binary is kept at {Previous} (`wright update --rollback` puts it back).", run.Stdout);
        Assert.Equal(["wright", ".wright.previous"], Directory.GetFiles(Bin).Select(Path.GetFileName).Order().Reverse());
    }

    [Fact]
    public async Task A_tampered_download_is_refused_and_the_binary_is_untouched()
    {
        using var release = new FakeRelease("999.0.0");
        using var tampering = new Support.StaticFileServer(release.Folder, (name, bytes) =>
        {
            if (name.EndsWith(".tar.gz", StringComparison.Ordinal))
                bytes[^1] ^= 0x01;
            return bytes;
        });
        _wright.Environment["WRIGHT_UPDATE_URL"] = tampering.Url;

        var run = await _wright.RunAsync("update", "--yes");

        Assert.Equal(1, run.ExitCode);
        Assert.Contains($"error: wright-linux-x64.tar.gz failed its checksum: the release says sha256 {release.Sha256}, the download is ", run.Stderr);
        Assert.Contains("Nothing was changed.", run.Stderr);
        Assert.Equal(File.ReadAllBytes(WrightProcess.Binary), File.ReadAllBytes(Copy));
        Assert.Equal(["wright"], Directory.GetFiles(Bin).Select(Path.GetFileName));
    }

    [Fact]
    public async Task Rollback_puts_the_previous_binary_back_and_keeps_this_one()
    {
        File.WriteAllText(Previous, FakeRelease.Script("0.0.9"));
        File.SetUnixFileMode(Previous, (UnixFileMode)0b111_101_101);

        var run = await _wright.RunAsync("update", "--rollback", "--yes");

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Equal(FakeRelease.Script("0.0.9"), File.ReadAllText(Copy));
        Assert.Equal(File.ReadAllBytes(WrightProcess.Binary), File.ReadAllBytes(Previous));
        Assert.Contains($"→ 0.0.9 at {Copy};", run.Stdout);
    }

    [Fact]
    public async Task Off_in_ci_and_with_wright_no_update_and_never_without_an_answer()
    {
        using var release = new FakeRelease("999.0.0");
        _wright.Environment["WRIGHT_UPDATE_URL"] = release.Url;

        _wright.Environment["CI"] = "true";
        var ci = await _wright.RunAsync("update", "--check");
        _wright.Environment["CI"] = "";
        _wright.Environment["WRIGHT_NO_UPDATE"] = "1";
        var off = await _wright.RunAsync("update", "--yes");
        _wright.Environment["WRIGHT_NO_UPDATE"] = "";
        var unasked = await _wright.RunWithInputAsync("y\n", "update");   // stdin is not a terminal: no answer counts

        Assert.Equal(2, ci.ExitCode);
        Assert.Contains("updates are turned off here (CI is set); nothing was checked.", ci.Stderr);
        Assert.Equal(2, off.ExitCode);
        Assert.Contains("(WRIGHT_NO_UPDATE is set)", off.Stderr);
        Assert.Equal(2, unasked.ExitCode);
        Assert.Contains("not changing anything without confirmation: run this on a terminal, or pass --yes.", unasked.Stderr);
        Assert.Equal(1, release.Server.Requests);   // only the last one looked, and nothing was downloaded
        Assert.Equal(File.ReadAllBytes(WrightProcess.Binary), File.ReadAllBytes(Copy));
    }

    [Fact]
    public async Task A_project_config_cannot_point_updates_anywhere_even_when_trusted()
    {
        using var release = new FakeRelease("999.0.0");
        Directory.CreateDirectory(_wright.File(".wright"));
        File.WriteAllText(_wright.File(".wright/config.json"), $$"""{ "update": { "url": "{{release.Url}}" } }""");

        var untrusted = await _wright.RunAsync("update", "--yes");
        var trust = await _wright.RunAsync("trust");
        var trusted = await _wright.RunAsync("update", "--yes");

        Assert.Equal(0, trust.ExitCode);
        foreach (var run in new[] { untrusted, trusted })
        {
            Assert.Equal(2, run.ExitCode);
            Assert.Contains("no release URL for this build: set WRIGHT_UPDATE_URL", run.Stderr);
        }

        Assert.Equal(0, release.Server.Requests);
        Assert.Equal(File.ReadAllBytes(WrightProcess.Binary), File.ReadAllBytes(Copy));
        Assert.False(File.Exists(Previous));
    }

    [Fact]
    public async Task Speaks_chinese_when_the_locale_is_chinese()
    {
        using var release = new FakeRelease("999.0.0");
        _wright.Environment["WRIGHT_UPDATE_URL"] = release.Url;
        _wright.Environment["LANG"] = "zh_CN.UTF-8";

        var check = await _wright.RunAsync("update", "--check");
        var help = await _wright.RunAsync("update", "--help");
        _wright.Environment["WRIGHT_UPDATE_URL"] = "http://mirror.example/";
        var refused = await _wright.RunAsync("update", "--check");

        Assert.Equal(0, check.ExitCode);
        Assert.Contains("Wright 999.0.0 已发布（当前为 ", check.Stdout);
        Assert.Contains("运行 `wright update` 即可安装。", check.Stdout);
        Assert.Contains("只检查是否有新版本，不做任何更改。", help.Stdout);
        Assert.Contains("拒绝使用发布地址 http://mirror.example/（来自 WRIGHT_UPDATE_URL）：请使用 https", refused.Stderr);
    }
}
