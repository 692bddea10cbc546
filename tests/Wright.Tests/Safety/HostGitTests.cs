using Wright.Sessions.Rewind;

namespace Wright.Tests.Safety;

/// <summary>
/// Wright's own host-side git (rewind snapshots) is immune to the workspace's repository: its <c>.git/config</c>
/// (fsmonitor, hooksPath, include.path, filters, textconv, diff and merge drivers, aliases, pager, sshCommand,
/// credential helpers), <c>.git/commondir</c>, <c>.gitattributes</c>, <c>.gitmodules</c>, a submodule's
/// <c>.git/modules/*/config</c>, a linked worktree's <c>gitdir:</c> and git programs planted in the workspace and the
/// current directory. Snapshot, diff, restore and list run; the payload never does, and the repository's bytes stay.
/// </summary>
public sealed class HostGitTests : IDisposable
{
    private readonly string _root = Directory.CreateTempSubdirectory("wright-hostgit-").FullName;

    public void Dispose() => Directory.Delete(_root, recursive: true);

    private string Workspace => Path.Combine(_root, "ws");

    private string Outside => Path.Combine(_root, "outside");

    private string Canary => Path.Combine(_root, "canary");

    private string Payload()
    {
        Directory.CreateDirectory(Outside);
        var payload = Path.Combine(Outside, "payload");
        File.WriteAllText(payload, $"#!/bin/sh\necho \"payload $*\" >> '{Canary}'\n");
        File.SetUnixFileMode(payload, (UnixFileMode)0b111_101_101);
        return payload;
    }

    [Fact]
    public async Task Snapshot_diff_restore_and_list_never_run_what_the_repository_names()
    {
        var ct = TestContext.Current.CancellationToken;
        Directory.CreateDirectory(Workspace);
        var payload = Payload();
        HostProgramTests.PoisonRepository(Workspace, payload, Outside);
        // git programs planted where .NET's lookup would find them: the workspace (also the current directory of a
        // Wright started there) and bin/ below it.
        foreach (var dir in new[] { Workspace, Path.Combine(Workspace, "bin") })
        {
            Directory.CreateDirectory(dir);
            File.WriteAllText(Path.Combine(dir, "git"), $"#!/bin/sh\necho \"planted git $*\" >> '{Canary}'\n");
            File.SetUnixFileMode(Path.Combine(dir, "git"), (UnixFileMode)0b111_101_101);
        }

        var gitBefore = HostProgramTests.Snapshot(Path.Combine(Workspace, ".git"));
        var outsideBefore = HostProgramTests.Snapshot(Outside);
        var snapshots = new WorkspaceSnapshots(Workspace, Path.Combine(_root, "store"));

        var first = await snapshots.SnapshotAsync("s", 1, ct);
        File.WriteAllText(Path.Combine(Workspace, "source.txt"), "changed\n");
        File.WriteAllText(Path.Combine(Workspace, "new.txt"), "new\n");
        File.WriteAllText(Path.Combine(Workspace, "sub", "file.txt"), "changed in the submodule\n");
        await snapshots.SnapshotAsync("s", 2, ct);
        var diff = await snapshots.DiffAsync(first.Id, ct);
        var restored = await snapshots.RestoreAsync(first.Id, ct);
        var list = await snapshots.ListAsync(null, ct);

        Assert.False(File.Exists(Canary), File.Exists(Canary) ? File.ReadAllText(Canary) : "");
        // The snapshots themselves worked, byte-exact (no filter, no end-of-line conversion).
        Assert.Contains(diff, c => c.Path == "new.txt" && c.Kind == FileChangeKind.Deleted);
        Assert.Contains(restored.Changes, c => c.Path == "source.txt");
        Assert.Equal("text with\r\nCRLF\n", File.ReadAllText(Path.Combine(Workspace, "source.txt")));
        Assert.Equal("in the submodule\n", File.ReadAllText(Path.Combine(Workspace, "sub", "file.txt")));
        Assert.False(File.Exists(Path.Combine(Workspace, "new.txt")));
        Assert.Equal(3, list.Count);
        Assert.Equal(gitBefore, HostProgramTests.Snapshot(Path.Combine(Workspace, ".git")));
        Assert.Equal(outsideBefore, HostProgramTests.Snapshot(Outside));
    }

    [Fact]
    public async Task A_repository_whose_git_directory_was_moved_aside_and_recreated_is_still_ignored()
    {
        var ct = TestContext.Current.CancellationToken;
        Directory.CreateDirectory(Workspace);
        var payload = Payload();
        File.WriteAllText(Path.Combine(Workspace, "a.txt"), "a\n");
        var snapshots = new WorkspaceSnapshots(Workspace, Path.Combine(_root, "store"));
        var first = await snapshots.SnapshotAsync("s", 1, ct);

        // Between turns a command moves .git aside and writes a new one (or a gitdir: file) naming the payload.
        HostProgramTests.PoisonRepository(Workspace, payload, Outside);
        Directory.Move(Path.Combine(Workspace, ".git"), Path.Combine(Workspace, ".git-aside"));
        File.WriteAllText(Path.Combine(Workspace, ".git"), $"gitdir: {Path.Combine(Outside, "wt-gitdir")}\n");
        File.WriteAllText(Path.Combine(Workspace, "a.txt"), "changed\n");
        await snapshots.SnapshotAsync("s", 2, ct);
        await snapshots.DiffAsync(first.Id, ct);
        await snapshots.RestoreAsync(first.Id, ct);

        Assert.False(File.Exists(Canary), File.Exists(Canary) ? File.ReadAllText(Canary) : "");
        Assert.Equal("a\n", File.ReadAllText(Path.Combine(Workspace, "a.txt")));
        Assert.Equal($"gitdir: {Path.Combine(Outside, "wt-gitdir")}\n", File.ReadAllText(Path.Combine(Workspace, ".git")));
    }

    [Fact]
    public async Task Repository_files_that_are_fifos_do_not_block_a_snapshot()
    {
        var ct = TestContext.Current.CancellationToken;
        Directory.CreateDirectory(Path.Combine(Workspace, "gd", "info"));
        File.WriteAllText(Path.Combine(Workspace, "a.txt"), "a\n");
        // The workspace's .git is a gitdir: file (as in a linked worktree) naming a directory the sandbox can write,
        // whose commondir and info/exclude are FIFOs with no writer: opening one blocks for ever.
        File.WriteAllText(Path.Combine(Workspace, ".git"), "gitdir: gd\n");
        Assert.Equal(0, Mkfifo(Path.Combine(Workspace, "gd", "commondir")));
        Assert.Equal(0, Mkfifo(Path.Combine(Workspace, "gd", "info", "exclude")));
        var snapshots = new WorkspaceSnapshots(Workspace, Path.Combine(_root, "store"));

        var snapshot = await snapshots.SnapshotAsync("s", 1, ct).WaitAsync(TimeSpan.FromSeconds(30), ct);

        Assert.NotNull(snapshot.Id);
        var changes = await snapshots.DiffAsync(snapshot.Id, ct).WaitAsync(TimeSpan.FromSeconds(30), ct);
        Assert.Empty(changes);
    }

    private static int Mkfifo(string path)
    {
        using var process = System.Diagnostics.Process.Start("/usr/bin/mkfifo", [path]);
        process.WaitForExit(10_000);
        return process.ExitCode;
    }
}
