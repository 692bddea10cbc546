using Wright.Tasks.Git;
using Wright.Tests.Server;

namespace Wright.Tests.Tasks;

/// <summary>
/// A task's git remote reaches host git as an argument: nothing that git would read as an option or as a transport
/// that runs a program, no credentials — and host git itself speaks only git's own transports, whatever the URL or a
/// repository's config says.
/// </summary>
public sealed class RemoteUrlTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("wright-remote-url-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Theory]
    [InlineData("https://github.com/o/r.git")]
    [InlineData("http://127.0.0.1:8080/r.git")]
    [InlineData("ssh://git@example.com:2222/o/r.git")]
    [InlineData("ssh://[::1]/srv/r.git")]
    [InlineData("git://127.0.0.1:9418/r.git")]
    [InlineData("git@github.com:o/r.git")]
    [InlineData("file:///srv/repos/r.git")]
    [InlineData("FILE://localhost/srv/r.git")]
    public void Git_s_own_transports_are_remotes(string url)
    {
        Assert.True(RemoteUrl.IsUrl(url));
        Assert.Null(RemoteUrl.Refusal(url));
    }

    [Theory]
    [InlineData("ext::sh -c touch% /tmp/pwned", "'ext::' transport runs a program")]
    [InlineData("fd::17", "'fd::' transport runs a program")]
    [InlineData("codecommit::us-east-1://r", "'codecommit::' transport")]
    [InlineData("--upload-pack=touch /tmp/pwned", "starts with '-'")]
    [InlineData("-oProxyCommand=touch /tmp/pwned", "starts with '-'")]
    [InlineData("ssh://-oProxyCommand=touch%20/tmp/pwned/r", "a host that starts with '-'")]
    [InlineData("-x@host:r", "starts with '-'")]
    [InlineData("git@-oProxyCommand=x:r", "a host that starts with '-'")]
    [InlineData("ftp://example.com/r.git", "only https://, http://, ssh://, git://, file://")]
    [InlineData("https://user:hunter2@example.com/r.git", "carries credentials")]
    [InlineData("https://ghp_token@github.com/o/r.git", "carries credentials")]
    [InlineData("ssh://git:pw@example.com/r.git", "carries credentials")]
    [InlineData("file://evil.example.com/r.git", "names no host, or a host")]
    [InlineData("https://example.com/r\n.git", "control characters")]
    [InlineData("https://example.com/o/r.git?private_token=hunter2", "carries credentials")]
    [InlineData("https://example.com/o/r.git#hunter2", "carries credentials")]
    [InlineData("https://example.com?hunter2@x/r.git", "carries credentials")]
    [InlineData("git:hunter2@example.com:o/r.git", "carries credentials")]
    public void What_would_run_a_program_or_carry_a_secret_is_refused_with_the_reason(string url, string reason)
    {
        Assert.True(RemoteUrl.IsUrl(url), url);
        var refusal = RemoteUrl.Refusal(url);
        Assert.NotNull(refusal);
        Assert.Contains(reason, refusal, StringComparison.Ordinal);
        Assert.DoesNotContain("hunter2", refusal, StringComparison.Ordinal);
        Assert.DoesNotContain("ghp_token", refusal, StringComparison.Ordinal);
        Assert.DoesNotContain("\n", refusal, StringComparison.Ordinal);
    }

    [Fact]
    public void Paths_are_not_remotes_and_file_urls_name_their_path()
    {
        Assert.False(RemoteUrl.IsUrl("/srv/repos/r"));
        Assert.False(RemoteUrl.IsUrl("/srv/a@b:c"));
        Assert.Equal("/srv/my repo", RemoteUrl.FilePath("file:///srv/my%20repo"));
        Assert.Equal("/srv/r", RemoteUrl.FilePath("file://localhost/srv/r"));
        Assert.Null(RemoteUrl.FilePath("https://example.com/r"));
        Assert.Equal("https://***@example.com/r", RemoteUrl.Redact("https://user:pw@example.com/r"));
        Assert.Equal("https://example.com/r?***", RemoteUrl.Redact("https://example.com/r?token=pw"));
        Assert.Equal("***@example.com:o/r", RemoteUrl.Redact("git:pw@example.com:o/r"));
    }

    [Fact]
    public void The_person_s_own_protocol_allowlist_narrows_wright_s_never_widens_it()
    {
        Assert.Equal(RemoteUrl.AllowedProtocols, GitRunner.AllowedProtocols(null));
        Assert.Equal("https:ssh", GitRunner.AllowedProtocols("ssh:https:ext"));
        Assert.Equal("none", GitRunner.AllowedProtocols("ext:fd"));
        Assert.Equal("git:http:https:ssh", GitRunner.AllowedProtocols(null, ["file"]));
    }

    [Fact]
    public async Task A_caller_s_protocol_refusal_still_holds_under_the_allowlist()
    {
        // GIT_ALLOW_PROTOCOL overrides protocol.<name>.allow: the single-machine clone's "-c protocol.file.allow=never"
        // was silently dropped once every call carried the allowlist.
        var ct = TestContext.Current.CancellationToken;
        var repo = Path.Combine(_dir, "local");
        GitRepo.Init(repo);
        var refused = await GitRunner.RunAsync(_dir, ct, "-c", "protocol.file.allow=never", "clone", "--quiet", "--end-of-options", "file://" + repo, Path.Combine(_dir, "copy1"));
        Assert.False(refused.Ok);
        Assert.Contains("transport 'file' not allowed", refused.Stderr, StringComparison.Ordinal);
        var allowed = await GitRunner.RunAsync(_dir, ct, "clone", "--quiet", "--end-of-options", "file://" + repo, Path.Combine(_dir, "copy2"));
        Assert.True(allowed.Ok, allowed.Stderr);
    }

    [Fact]
    public async Task Host_git_runs_no_transport_program_even_when_the_url_and_the_repository_s_config_ask_for_one()
    {
        var ct = TestContext.Current.CancellationToken;
        var repo = Path.Combine(_dir, "repo");
        GitRepo.Init(repo);
        var pwned = Path.Combine(_dir, "pwned");
        // The repository's own config allows every transport and names a remote that would run a command.
        GitRepo.Run(repo, "config", "protocol.allow", "always");
        GitRepo.Run(repo, "config", "protocol.ext.allow", "always");
        GitRepo.Run(repo, "remote", "add", "evil", $"ext::sh -c touch% {pwned}");

        var fetch = await GitRunner.RunAsync(repo, ct, "fetch", "evil");
        var clone = await GitRunner.RunAsync(_dir, ct, "clone", "--bare", "--end-of-options", $"ext::sh -c touch% {pwned}", Path.Combine(_dir, "copy"));
        var helper = await GitRunner.RunAsync(repo, ct, "ls-remote", "--end-of-options", "fd::0");

        Assert.False(fetch.Ok);
        Assert.False(clone.Ok);
        Assert.False(helper.Ok);
        Assert.Contains("transport 'ext' not allowed", fetch.Stderr, StringComparison.Ordinal);
        Assert.False(File.Exists(pwned));
    }
}
