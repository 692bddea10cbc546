namespace Wright.Tests.Safety;

public sealed partial class HostEscapeTests
{
    // ── Paths the repository's git config points git at (found attacking the fixes from outside) ────────────────
    // `git config core.hooksPath .githooks` (or any folder) and `include.path ../shared.gitconfig` are common set-ups:
    // git runs the hooks in that folder and reads that config at the user's next commit, so they are .git by another
    // name. Folder names here are deliberately not on any list: the config decides.

    [Theory]
    [InlineData("echo 'touch /tmp/pwned' >> ci/hooks/pre-commit")]
    [InlineData("printf '#!/bin/sh\\ntouch /tmp/pwned\\n' > ci/hooks/post-checkout && chmod +x ci/hooks/post-checkout")]
    [InlineData("mv ci/hooks ci/h2 && mkdir -p ci/hooks && printf '#!/bin/sh\\ntouch /tmp/pwned\\n' > ci/hooks/pre-commit")]
    [InlineData("mv ci c2 && mkdir -p ci/hooks && printf '#!/bin/sh\\ntouch /tmp/pwned\\n' > ci/hooks/pre-commit")]
    [InlineData("mkdir -p tools/hooks && printf '#!/bin/sh\\ntouch /tmp/pwned\\n' > tools/hooks/pre-push")]
    [InlineData("printf '[core]\\n\\tfsmonitor = touch /tmp/pwned\\n' >> shared/gitconfig")]
    [InlineData("printf '[core]\\n\\tfsmonitor = touch /tmp/pwned\\n' > shared/more.gitconfig")]
    [InlineData("mv shared s2 && mkdir shared && printf '[core]\\n\\tfsmonitor = touch /tmp/pwned\\n' > shared/gitconfig")]
    public async Task A_hooks_folder_or_an_included_config_named_by_the_repositorys_git_config_is_read_only(string command)
    {
        var git = MakeRepository(_host.Workspace);
        Directory.CreateDirectory(Path.Combine(_host.Workspace, "ci", "hooks"));
        File.WriteAllText(Path.Combine(_host.Workspace, "ci", "hooks", "pre-commit"), "#!/bin/sh\necho lint\n");
        Directory.CreateDirectory(Path.Combine(_host.Workspace, "shared"));
        File.WriteAllText(Path.Combine(_host.Workspace, "shared", "gitconfig"), "[include]\n\tpath = more.gitconfig ; a nested include, absent\n");
        // The hooks path in three spellings git accepts; the worktree config names a second, absent hooks folder;
        // an include with a relative path (relative to the config file's folder).
        File.AppendAllText(Path.Combine(git, "config"), "[Core] HooksPath = \"ci/hooks\"\n[include]\n\tpath = ../shared/gitconfig\n");
        File.WriteAllText(Path.Combine(git, "config.worktree"), "[core]\n\thooksPath = tools/\\\nhooks\n");
        Git(_host.Workspace, "config", "extensions.worktreeConfig", "true");
        File.WriteAllText(Path.Combine(_host.Workspace, "README"), "x\n");
        var before = HostCanaries.FingerprintOf(_host.Workspace, path => !path.EndsWith("/README", StringComparison.Ordinal));
        var shell = Sandboxed();

        var result = await _host.ShellAsync(shell, command + "; echo changed > README");

        Assert.Equal("changed\n", File.ReadAllText(Path.Combine(_host.Workspace, "README"))); // the command ran…
        Assert.Equal(before, HostCanaries.FingerprintOf(_host.Workspace, path => !path.EndsWith("/README", StringComparison.Ordinal))); // …and nothing git runs moved
        Assert.False(File.Exists("/tmp/pwned"), result.Content);
    }

    [Fact]
    public async Task The_workspace_itself_as_the_hooks_folder_keeps_hook_names_read_only()
    {
        var git = MakeRepository(_host.Workspace);
        File.AppendAllText(Path.Combine(git, "config"), "[core]\n\thooksPath = .\n");
        var shell = Sandboxed();

        await _host.ShellAsync(shell, "printf '#!/bin/sh\\ntouch /tmp/pwned\\n' > post-checkout; echo ok > notes.txt");

        Assert.True(File.Exists(Path.Combine(_host.Workspace, "notes.txt")));
        Assert.False(File.Exists(Path.Combine(_host.Workspace, "post-checkout")));
    }

    [Fact]
    public async Task A_workspace_below_its_repositorys_root_keeps_the_hooks_folder_the_root_config_names_in_it()
    {
        var repository = Path.Combine(_host.Workspace, "..", "repo");
        var git = MakeRepository(repository);
        var workspace = Path.Combine(Path.GetFullPath(repository), "app");
        Directory.CreateDirectory(Path.Combine(workspace, "hooks"));
        File.AppendAllText(Path.Combine(git, "config"), "[core]\n\thooksPath = app/hooks\n");
        var shell = Sandboxed(workspace: workspace);

        await _host.ShellAsync(shell, $"printf '#!/bin/sh\\ntouch /tmp/pwned\\n' > {workspace}/hooks/pre-commit; echo ok > {workspace}/notes.txt");

        Assert.True(File.Exists(Path.Combine(workspace, "notes.txt")));
        Assert.Empty(Directory.GetFileSystemEntries(Path.Combine(workspace, "hooks")));
    }
}
