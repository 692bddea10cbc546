using System.Diagnostics;
using Wright.Sessions.Rewind;
using static Wright.Tests.Sessions.Rewind.RewindSandbox;

namespace Wright.Tests.Sessions.Rewind;

/// <summary>
/// The incremental path of snapshots (an unchanged index reuses the last tree; commits and refs are written in
/// process): every snapshot of a long run restores exactly, what git itself reads back agrees, and same-size,
/// same-mtime rewrites and changes made behind the instance's back are never missed. Nothing here is timed.
/// </summary>
public sealed class IncrementalSnapshotTests
{
    [Fact]
    public async Task Every_snapshot_of_a_long_run_restores_exactly_and_unchanged_steps_record_no_change()
    {
        using var box = new RewindSandbox();
        box.Sh("mkdir -p src && printf 'base\\n' > src/a.txt");
        var snapshots = box.Snapshots();
        var ids = new List<string>();
        var digests = new List<string>();
        for (var step = 1; step <= 120; step++)
        {
            // Most steps change nothing (a read-only command); some append, create, delete or rewrite in place.
            if (step % 5 == 0)
                box.Sh($"printf 'line {step}\\n' >> src/a.txt");
            if (step % 7 == 0)
                box.Sh($"printf '{step}' > n{step}.txt");
            if (step % 11 == 0)
                box.Sh($"rm -f n{step - 4}.txt");
            if (step % 13 == 0)
                box.Sh("printf 'same size\\n' > same.txt");
            if (step % 13 == 1 && step > 1)
                box.Sh("printf 'SAME SIZE\\n' > same.txt");
            var info = await snapshots.SnapshotAsync("long", step, Ct);
            ids.Add(info.Id);
            digests.Add(Digest(box.Workspace));
            var quiet = step % 5 != 0 && step % 7 != 0 && step % 11 != 0 && step % 13 is not 0 and not 1;
            if (quiet && step > 1)
                Assert.Equal(0, info.FilesChanged);
        }

        var listed = await snapshots.ListAsync("long", Ct);
        Assert.Equal(ids, listed.Select(s => s.Id));
        Assert.Equal(Enumerable.Range(1, 120), listed.Select(s => s.Turn));

        // A fresh instance (no in-memory state) restores any step exactly, in any order.
        var fresh = box.Snapshots();
        foreach (var step in new[] { 1, 60, 13, 14, 119, 2, 120, 77 })
        {
            await fresh.RestoreAsync(ids[step - 1], Ct);
            Assert.Equal(digests[step - 1], Digest(box.Workspace));
        }

        // The same instance, whose cached state the restores above made stale, still sees every change: its next
        // snapshot holds the restored tree (step 77's), the one after that exactly one new file.
        var restored = await snapshots.SnapshotAsync("long", 121, Ct);
        box.Sh("printf 'after\\n' > late.txt");
        var late = await snapshots.SnapshotAsync("long", 122, Ct);
        Assert.Equal(1, late.FilesChanged);
        await snapshots.RestoreAsync(restored.Id, Ct);
        Assert.Equal(digests[76], Digest(box.Workspace));
        await snapshots.RestoreAsync(ids[9], Ct);
        Assert.Equal(digests[9], Digest(box.Workspace));
        await snapshots.RestoreAsync(late.Id, Ct);
        Assert.Equal("after\n", box.Text("late.txt"));

        // git agrees with what was written in process: the chain is sound and every commit parses.
        var fsck = Git(snapshots, "fsck", "--strict", "--no-dangling");
        Assert.True(fsck.Code == 0, fsck.Output);
        Assert.Equal(ids[^1], Git(snapshots, "rev-parse", "refs/wright/sessions/long/120").Output.Trim());
    }

    [Fact]
    public async Task A_same_size_rewrite_with_the_mtime_put_back_is_seen_at_once()
    {
        using var box = new RewindSandbox();
        var snapshots = box.Snapshots();
        for (var round = 0; round < 25; round++)
        {
            // Same size, same mtime (touch -r), within the same second as the snapshot before: git's racy-entry check
            // (and the change of ctime) must still catch it; a cache keyed on size and mtime alone would not.
            var before = round % 2 == 0 ? "aaaa" : "bbbb";
            var after = round % 2 == 0 ? "cccc" : "dddd";
            box.Sh($"printf '{before}' > f.txt && touch -r f.txt stamp");
            var first = await snapshots.SnapshotAsync("racy", round * 2, Ct);
            box.Sh($"printf '{after}' > f.txt && touch -r stamp f.txt");
            var second = await snapshots.SnapshotAsync("racy", (round * 2) + 1, Ct);
            Assert.Equal(1, second.FilesChanged);
            await snapshots.RestoreAsync(first.Id, Ct);
            Assert.Equal(before, box.Text("f.txt"));
            await snapshots.RestoreAsync(second.Id, Ct);
            Assert.Equal(after, box.Text("f.txt"));
        }
    }

    [Fact]
    public async Task A_change_made_through_another_instance_is_not_hidden_by_the_cached_tree()
    {
        using var box = new RewindSandbox();
        box.Sh("printf 'one' > a.txt");
        var mine = box.Snapshots();
        var theirs = box.Snapshots();
        await mine.SnapshotAsync("s", 1, Ct);

        // Another instance (say another Wright process) captures a new file into the shared index without committing
        // (a diff), then the file goes again: the index now differs from what `mine` left.
        box.Sh("printf 'two' > b.txt");
        var head = (await mine.ListAsync(null, Ct))[^1].Id;
        Assert.Single(await theirs.DiffAsync(head, Ct));
        var second = await mine.SnapshotAsync("s", 2, Ct);
        Assert.Equal(1, second.FilesChanged);
        File.Delete(box.File("b.txt"));
        var third = await theirs.SnapshotAsync("t", 1, Ct);
        Assert.Equal(second.Id, third.ParentId);
        var fourth = await mine.SnapshotAsync("s", 3, Ct);
        Assert.Equal(third.Id, fourth.ParentId);
        Assert.Equal(0, fourth.FilesChanged);

        await mine.RestoreAsync(second.Id, Ct);
        Assert.Equal("two", box.Text("b.txt"));
    }

    [Fact]
    public async Task A_file_that_becomes_ignored_leaves_the_next_snapshot()
    {
        using var box = new RewindSandbox();
        box.Sh("printf 'x' > keep.txt && printf 'y' > build.log");
        var snapshots = box.Snapshots();
        await snapshots.SnapshotAsync("s", 1, Ct);
        await snapshots.SnapshotAsync("s", 2, Ct);

        box.Sh("printf '*.log\\n' > .gitignore");
        var third = await snapshots.SnapshotAsync("s", 3, Ct);
        var tree = Git(snapshots, "ls-tree", "-r", "--name-only", third.Id).Output;
        Assert.Contains("keep.txt", tree, StringComparison.Ordinal);
        Assert.DoesNotContain("build.log", tree, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_skipped_large_file_stays_reported_on_unchanged_steps_and_is_picked_up_when_it_shrinks()
    {
        using var box = new RewindSandbox();
        box.Sh("head -c 4096 /dev/zero > big.bin && printf 'a' > a.txt");
        var snapshots = box.Snapshots(new WorkspaceSnapshotOptions { MaxFileBytes = 1024 });
        var first = await snapshots.SnapshotAsync("s", 1, Ct);
        var second = await snapshots.SnapshotAsync("s", 2, Ct);
        Assert.Equal(["big.bin"], first.Skipped.Select(s => s.Path));
        Assert.Equal(["big.bin"], second.Skipped.Select(s => s.Path));
        Assert.Equal(0, second.FilesChanged);

        box.Sh("head -c 10 /dev/zero > big.bin");
        var third = await snapshots.SnapshotAsync("s", 3, Ct);
        Assert.Empty(third.Skipped);
        Assert.Equal(1, third.FilesChanged);
    }

    private static (int Code, string Output) Git(WorkspaceSnapshots snapshots, params string[] args)
    {
        var psi = new ProcessStartInfo("git") { RedirectStandardOutput = true, RedirectStandardError = true };
        psi.ArgumentList.Add("--git-dir=" + snapshots.GitDirectory);
        foreach (var arg in args)
            psi.ArgumentList.Add(arg);
        foreach (var key in psi.Environment.Keys.Where(k => k.StartsWith("GIT_", StringComparison.Ordinal)).ToList())
            psi.Environment.Remove(key);
        psi.Environment["GIT_CONFIG_NOSYSTEM"] = "1";
        psi.Environment["GIT_CONFIG_GLOBAL"] = "/dev/null";
        using var process = Process.Start(psi)!;
        var stderr = process.StandardError.ReadToEndAsync(Ct);
        var output = process.StandardOutput.ReadToEnd();
        Assert.True(process.WaitForExit(TimeSpan.FromSeconds(30)), "git did not exit");
        return (process.ExitCode, output + stderr.Result);
    }
}
