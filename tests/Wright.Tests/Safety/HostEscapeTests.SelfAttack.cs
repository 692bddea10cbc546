using System.Net.Sockets;
using Wright.Sandbox;

namespace Wright.Tests.Safety;

public sealed partial class HostEscapeTests
{
    // ── Cases found by attacking the fixes themselves ───────────────────────────────────────────────────────────
    // A protected mount pins one entry; renaming a folder above it moves the mount away with it. Git looks for a
    // git folder wherever the index has a submodule. A hostile repository may hold FIFOs where the sandbox looks.

    [Theory]
    [InlineData(false, "mv .github gh && mkdir -p .github/workflows && echo 'on: push' > .github/workflows/ci.yml")]
    [InlineData(true, "mv .github gh && mkdir -p .github/workflows && echo 'on: push' > .github/workflows/ci.yml")]
    [InlineData(true, "mv .github/workflows wf; rm -rf .github; mkdir -p .github/workflows && echo 'on: push' > .github/workflows/ci.yml")]
    public async Task Renaming_the_folder_above_protected_configuration_does_not_free_it(bool workflowsExist, string command)
    {
        Directory.CreateDirectory(Path.Combine(_host.Workspace, ".github", "ISSUE_TEMPLATE"));
        if (workflowsExist)
        {
            Directory.CreateDirectory(Path.Combine(_host.Workspace, ".github", "workflows"));
            File.WriteAllText(Path.Combine(_host.Workspace, ".github", "workflows", "ci.yml"), "on: pull_request\n");
        }

        var shell = Sandboxed();
        await _host.ShellAsync(shell, command);

        var ci = Path.Combine(_host.Workspace, ".github", "workflows", "ci.yml");
        if (workflowsExist)
            Assert.Equal("on: pull_request\n", File.ReadAllText(ci));
        else
            Assert.False(File.Exists(ci));
    }

    [Fact]
    public async Task Renaming_the_folder_above_a_gitdir_does_not_let_a_new_one_take_its_place()
    {
        MakeRepository(Path.Combine(_host.Workspace, "vendor"), "repo.git");
        File.WriteAllText(Path.Combine(_host.Workspace, ".git"), "gitdir: vendor/repo.git\n");
        var config = File.ReadAllText(Path.Combine(_host.Workspace, "vendor", "repo.git", "config"));
        var shell = Sandboxed();

        await _host.ShellAsync(shell, "mv vendor v2 && mkdir -p vendor/repo.git && printf '[core]\\n\\tfsmonitor = touch /tmp/pwned\\n' > vendor/repo.git/config");

        Assert.Equal(config, File.ReadAllText(Path.Combine(_host.Workspace, "vendor", "repo.git", "config")));
        Assert.True(Directory.Exists(Path.Combine(_host.Workspace, "vendor", "repo.git", "objects")));
    }

    [Theory]
    [InlineData("git init -q lib && git -C lib config core.fsmonitor 'touch /tmp/pwned'")]
    [InlineData("mkdir -p lib/.git && printf '[core]\\n\\tfsmonitor = touch /tmp/pwned\\n' > lib/.git/config")]
    [InlineData("printf 'gitdir: ../evil\\n' > lib/.git")]
    [InlineData("mv lib lib2; mkdir -p lib && git init -q lib")]
    [InlineData("mkdir -p deep/er && git init -q deep/er/mod")]
    public async Task A_git_folder_cannot_appear_where_the_index_has_a_submodule(string command)
    {
        MakeRepository(_host.Workspace);
        Git(_host.Workspace, "update-index", "--add", "--cacheinfo", "160000,1111111111111111111111111111111111111111,lib");
        Git(_host.Workspace, "update-index", "--add", "--cacheinfo", "160000,2222222222222222222222222222222222222222,deep/er/mod");
        Directory.CreateDirectory(Path.Combine(_host.Workspace, "lib"));
        var shell = Sandboxed();

        await _host.ShellAsync(shell, command);

        Assert.False(Path.Exists(Path.Combine(_host.Workspace, "lib", ".git")));
        Assert.False(Path.Exists(Path.Combine(_host.Workspace, "deep", "er", "mod", ".git")));
        Assert.False(File.Exists("/tmp/pwned"));
    }

    [Fact]
    public async Task A_populated_submodule_git_folder_is_read_only()
    {
        MakeRepository(_host.Workspace);
        MakeRepository(Path.Combine(_host.Workspace, "lib"));
        Git(_host.Workspace, "update-index", "--add", "--cacheinfo", "160000,1111111111111111111111111111111111111111,lib");
        var before = HostCanaries.FingerprintOf(Path.Combine(_host.Workspace, "lib", ".git"));
        var shell = Sandboxed();

        await _host.ShellAsync(shell, "git -C lib config core.fsmonitor 'touch /tmp/pwned'; echo x > lib/.git/hooks/post-checkout; mv lib/.git lib/.git-old; mv lib lib-old");

        Assert.Equal(before, HostCanaries.FingerprintOf(Path.Combine(_host.Workspace, "lib", ".git")));
    }

    [Fact]
    public async Task Links_inside_git_into_the_workspace_do_not_make_its_configuration_writable()
    {
        MakeRepository(_host.Workspace);
        var config = Path.Combine(_host.Workspace, ".git", "config");
        File.Move(config, Path.Combine(_host.Workspace, "shared.cfg"));
        File.CreateSymbolicLink(config, "../shared.cfg");
        var before = File.ReadAllText(Path.Combine(_host.Workspace, "shared.cfg"));
        var shell = Sandboxed();

        await _host.ShellAsync(shell, "printf '[core]\\n\\tfsmonitor = touch /tmp/pwned\\n' >> shared.cfg; mv shared.cfg x.cfg; echo '[core]' > shared.cfg");

        Assert.Equal(before, File.ReadAllText(config));
    }

    [Theory]
    [InlineData(".git")]
    [InlineData(".vscode")]
    [InlineData(".envrc")]
    public async Task A_fifo_where_the_sandbox_looks_neither_hangs_nor_breaks_commands(string name)
    {
        Posix.Fifo(Path.Combine(_host.Workspace, name));
        var shell = Sandboxed();

        var call = _host.ShellAsync(shell, "echo ran", cancellationToken: Token);
        var finished = await Task.WhenAny(call, Task.Delay(TimeSpan.FromSeconds(20), Token)) == call;
        if (!finished)
            Release(Path.Combine(_host.Workspace, name));

        Assert.True(finished, "a FIFO in the workspace hung the launch");
        Assert.Contains("ran", (await call).Content);
        Assert.Equal(0x1000u, Posix.Mode(Path.Combine(_host.Workspace, name))!.Value & 0xF000);
    }

    [Fact]
    public async Task An_abstract_unix_socket_of_the_host_is_unreachable()
    {
        var name = "wright-canary-" + Guid.NewGuid().ToString("N")[..8];
        using var listener = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
        listener.Bind(new UnixDomainSocketEndPoint("\0" + name));
        listener.Listen();
        var accept = listener.AcceptAsync(Token).AsTask();
        var shell = Sandboxed();

        var result = await _host.ShellAsync(shell, $"/usr/bin/socat -u OPEN:/dev/null ABSTRACT-CONNECT:{name} && echo CONNECTED; echo end");

        Assert.Contains("end", result.Content);
        Assert.DoesNotContain("CONNECTED", result.Content);
        Assert.False(await Task.WhenAny(accept, Task.Delay(200, Token)) == accept);
    }

    [Theory]
    [InlineData("ulimit -u unlimited && echo RAISED")]
    [InlineData("ulimit -d unlimited && echo RAISED")]
    [InlineData("ulimit -H -t unlimited && echo RAISED")]
    [InlineData("for f in /sys/fs/cgroup/cgroup.procs /sys/fs/cgroup/*/cgroup.procs; do echo $$ > $f 2>/dev/null && echo RAISED; done; true")]
    public async Task A_command_cannot_lift_its_limits(string command)
    {
        var shell = Sandboxed(new SandboxOptions { Limits = new SandboxLimits { Processes = 64, MemoryMb = 512, CpuSeconds = 30 } });

        var result = await _host.ShellAsync(shell, command);

        Assert.DoesNotContain("RAISED", result.Content.Replace("echo RAISED", "", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Too_many_dotenv_files_to_hide_is_a_clear_refusal_not_a_leak()
    {
        for (var i = 0; i < 2100; i++)
        {
            var dir = Path.Combine(_host.Workspace, "svc", i.ToString(System.Globalization.CultureInfo.InvariantCulture));
            Directory.CreateDirectory(dir);
            File.WriteAllText(Path.Combine(dir, ".env"), "KEY=canary-many-env\n");
        }

        var shell = Sandboxed();
        var result = await _host.ShellAsync(shell, "cat svc/*/.env | head -3; echo end");

        Assert.DoesNotContain("canary-many-env", result.Content);
        Assert.True(result.IsError);
        Assert.Contains("dotenv", result.Content);
    }

    [Fact]
    public async Task A_second_wright_on_the_same_workspace_does_not_remove_a_placeholder_the_first_relies_on()
    {
        // Two launchers (as two Wright processes would have): one's cleanup must not free the other's running job.
        var first = Sandboxed();
        var second = Sandboxed();
        await _host.BackgroundAsync(first, "while [ ! -e go ]; do sleep 0.05; done; mkdir -p .claude; echo '{}' > .claude/settings.json; echo finished > done.txt");

        await _host.ShellAsync(second, "true");
        _owned.OfType<BubblewrapLauncher>().Last().Dispose();
        await _host.ShellAsync(first, "touch go");

        Assert.True(await HostCanaries.WaitUntilAsync(() => File.Exists(Path.Combine(_host.Workspace, "done.txt")), TimeSpan.FromSeconds(20)));
        Assert.False(File.Exists(Path.Combine(_host.Workspace, ".claude", "settings.json")));
    }

    [Fact]
    public void The_index_reader_finds_gitlinks_in_every_index_version()
    {
        MakeRepository(_host.Workspace);
        Git(_host.Workspace, "update-index", "--add", "--cacheinfo", "160000,1111111111111111111111111111111111111111,lib/one");
        File.WriteAllText(Path.Combine(_host.Workspace, "src", "b.cs"), "class B {}\n");
        Git(_host.Workspace, "add", "src");
        File.WriteAllText(Path.Combine(_host.Workspace, "src", "c.cs"), "class C {}\n");
        Git(_host.Workspace, "add", "-N", "src/c.cs"); // intent-to-add: an entry with extended flags (v3+)
        Git(_host.Workspace, "update-index", "--add", "--cacheinfo", "160000,2222222222222222222222222222222222222222,lib/two");
        foreach (var version in new[] { "2", "3", "4" })
        {
            Git(_host.Workspace, "update-index", "--index-version", version);
            var index = File.ReadAllBytes(Path.Combine(_host.Workspace, ".git", "index"));

            Assert.Equal(["lib/one", "lib/two"], Wright.Sandbox.Filesystem.GitIndex.Gitlinks(index, 20));
            Assert.Empty(Wright.Sandbox.Filesystem.GitIndex.Gitlinks(index.AsSpan(0, index.Length / 2).ToArray().Concat(new byte[7]).ToArray(), 20).Except(["lib/one", "lib/two"]));
        }
    }

    [Theory]
    [InlineData(".vscode")]
    [InlineData(".git")]
    [InlineData(".mcp.json")]
    public async Task A_protected_path_that_is_a_link_is_refused_with_a_clear_error(string name)
    {
        // The link could be replaced by a command (it cannot be pinned), so no command runs until it is gone.
        var target = Path.Combine(_host.Workspace, "real");
        Directory.CreateDirectory(target);
        File.CreateSymbolicLink(Path.Combine(_host.Workspace, name), target);
        var shell = Sandboxed();

        var result = await _host.ShellAsync(shell, "touch ran");

        Assert.True(result.IsError);
        Assert.Contains($"cannot protect {Path.Combine(_host.Workspace, name)}: it is a symbolic link", result.Content);
        Assert.False(File.Exists(Path.Combine(_host.Workspace, "ran")));
        Assert.Equal(target, new FileInfo(Path.Combine(_host.Workspace, name)).LinkTarget);
    }
}
