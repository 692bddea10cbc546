using Wright.Core.Approvals;
using Wright.Core.Repositories;
using Wright.Permissions;
using Wright.Permissions.Protection;
using Wright.Permissions.Rules;
using Wright.Tools.Files;

namespace Wright.Tests.Safety;

public sealed partial class AdversarialTests
{
    // ── Found attacking the fixes from outside: what the repository's git config points git at ──────────────────
    // With `core.hooksPath .githooks` set, write_file .githooks/pre-push in auto mode wrote a hook that ran on the
    // user's next push; an included config file can set core.fsmonitor. Both are git metadata in all but name.

    [Theory]
    [InlineData("scripts/git-hooks/pre-push")]
    [InlineData("scripts/git-hooks/new-folder/x")]
    [InlineData("config/team.gitconfig")]
    [InlineData("config/nested.inc")]
    public async Task Writing_where_the_repositorys_git_config_points_git_asks_and_is_never_remembered(string relative)
    {
        Directory.CreateDirectory(Path.Combine(_ws.Workspace, ".git"));
        File.WriteAllText(Path.Combine(_ws.Workspace, ".git", "config"),
            "[core]\n\thooksPath = scripts/git-hooks # team hooks\n[includeIf \"gitdir:~/work/\"]\n\tpath = ../config/team.gitconfig\n");
        Directory.CreateDirectory(Path.Combine(_ws.Workspace, "config"));
        File.WriteAllText(Path.Combine(_ws.Workspace, "config", "team.gitconfig"), "[include]\n\tpath = nested.inc\n");
        var prompt = new RecordingPrompt(ApprovalAnswer.Once);
        var engine = new PermissionEngine(PermissionMode.Auto, _ws.Rules((RuleEffect.Allow, "edit")), _ws.Workspace, prompt, sandboxed: true, workspaceTrusted: true);

        var approval = await engine.ApproveAsync(SafetyWorkspace.Call("write_file", new() { ["path"] = relative, ["content"] = "#!/bin/sh\ntouch /tmp/pwned\n" }),
            new WriteFileTool(), TestContext.Current.CancellationToken);

        Assert.True(approval.Allowed);
        var asked = Assert.Single(prompt.Requests);
        Assert.Contains("git", asked.Reason);
        Assert.False(asked.MayRemember);
        Assert.Null(ProtectedPaths.Why(Path.Combine(_ws.Workspace, "scripts", "build.sh"), _ws.Workspace)); // the rest of the tree is ordinary
    }

    [Fact]
    public void Every_path_the_sandbox_keeps_read_only_is_protected_from_file_tools_too()
    {
        // The sandbox and the permission layer keep separate lists; a name on one only was a write the host's file
        // tools made without asking (.pre-commit-config.yaml, lefthook.yml and mise.toml were).
        foreach (var relative in Wright.Sandbox.Filesystem.ProtectedPaths.Workspace)
        {
            var path = Path.Combine(_ws.Workspace, relative.EndsWith('/') ? relative + "x" : relative);
            Assert.True(ProtectedPaths.Why(path, _ws.Workspace) is not null, $"{relative} is read-only in the sandbox but file tools may write it");
        }
    }

    [Theory]
    [InlineData("[core]\n\thooksPath = .githooks\n", "/ws/.githooks")]
    [InlineData("[core] hooksPath=\"hooks dir\"\n", "/ws/hooks dir")]
    [InlineData("[CORE]\n\tHOOKSPATH = /abs/hooks ; comment\n", "/abs/hooks")]
    [InlineData("[core]\n\thooksPath = a\\\nb\n", "/ws/ab")]
    [InlineData("[include]\n\tpath = ../team.gitconfig\n", "/ws/team.gitconfig")]
    [InlineData("[includeIf \"gitdir:/x/]\"]\n\tpath = inc/x.cfg\n", "/ws/.git/inc/x.cfg")]
    [InlineData("[include]\n\tpath = ~/shared.cfg\n", "/home/u/shared.cfg")]
    [InlineData("[core.sub]\n\thooksPath = nope\n[alias]\n\tpath = nope\n[include]\n\t# path = nope\n", null)]
    public void The_git_config_reader_finds_hooks_folders_and_includes_in_the_spellings_git_accepts(string config, string? expected)
    {
        var found = GitConfigReferences.Parse(config, "/ws/.git", "/ws", "/home/u");

        if (expected is null)
            Assert.Empty(found);
        else
            Assert.Equal(expected, Assert.Single(found).Path);
    }
}
