using System.Text;
using Wright.Sessions.Rewind;
using static Wright.Tests.Sessions.Rewind.RewindSandbox;

namespace Wright.Tests.Sessions.Rewind;

public sealed class WorkspaceSnapshotsTests
{
    private sealed class FixedTime(DateTimeOffset now) : TimeProvider
    {
        public DateTimeOffset Now { get; set; } = now;

        public override DateTimeOffset GetUtcNow() => Now;
    }

    [Fact]
    public async Task Restore_reverts_shell_edits_recreates_deleted_files_and_removes_created_ones()
    {
        using var box = new RewindSandbox();
        box.Sh("printf 'one\\n' > a.txt && mkdir -p dir/sub && printf 'two' > dir/sub/b.txt && printf 'keep' > c.txt");
        var snapshots = box.Snapshots();
        var snap = await snapshots.CheckpointAsync("s1", 1, Ct);

        box.Sh("printf 'changed\\n' >> a.txt && rm -r dir && mkdir -p new/deep && printf 'x' > new/deep/n.txt && printf 'y' > top.txt");

        var diff = await snapshots.DiffAsync(snap, Ct);
        Assert.Equal(
            [
                new FileChange("a.txt", FileChangeKind.Modified),
                new FileChange("dir/sub/b.txt", FileChangeKind.Added),
                new FileChange("new/deep/n.txt", FileChangeKind.Deleted),
                new FileChange("top.txt", FileChangeKind.Deleted),
            ],
            diff);

        var result = await snapshots.RestoreAsync(snap, Ct);

        Assert.Equal(diff, result.Changes);
        Assert.Equal(snap, result.RestoredSnapshot);
        Assert.Equal("one\n", box.Text("a.txt"));
        Assert.Equal("two", box.Text("dir/sub/b.txt"));
        Assert.Equal("keep", box.Text("c.txt"));
        Assert.False(File.Exists(box.File("top.txt")));
        Assert.False(Directory.Exists(box.File("new")), "directories emptied by the restore are removed");
        Assert.Empty(await snapshots.DiffAsync(snap, Ct));
        Assert.False(Directory.Exists(box.File(".git")), "the workspace gets no .git of its own");
    }

    [Fact]
    public async Task The_shadow_repository_lives_in_the_store_named_by_the_workspace_path_hash()
    {
        using var box = new RewindSandbox();
        var snapshots = box.Snapshots();
        await snapshots.CheckpointAsync("s", 1, Ct);

        var hash = Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(Encoding.UTF8.GetBytes(snapshots.Workspace)))[..16];
        Assert.Equal(Path.Combine(box.Store, hash + ".git"), snapshots.GitDirectory);
        Assert.True(File.Exists(Path.Combine(snapshots.GitDirectory, "HEAD")));
        Assert.Empty(Directory.EnumerateFileSystemEntries(box.Workspace));
    }

    [Fact]
    public async Task Ignored_files_are_not_snapshotted_and_survive_a_restore()
    {
        using var box = new RewindSandbox();
        box.Sh("printf 'node_modules/\\n*.log\\n' > .gitignore && mkdir -p node_modules/old && printf 'v1' > node_modules/old/i.js && printf 'log1' > run.log && printf 'src' > main.js");
        var snapshots = box.Snapshots();
        var first = await snapshots.SnapshotAsync("s", 1, Ct);
        Assert.Equal(2, first.FilesChanged);

        box.Sh("mkdir -p node_modules/pkg && printf 'new' > node_modules/pkg/index.js && printf 'v2' > node_modules/old/i.js && printf 'log2' > run.log && printf 'edited' > main.js");
        var result = await snapshots.RestoreAsync(first.Id, Ct);

        Assert.Equal([new FileChange("main.js", FileChangeKind.Modified)], result.Changes);
        Assert.Equal("src", box.Text("main.js"));
        Assert.Equal("new", box.Text("node_modules/pkg/index.js"));
        Assert.Equal("v2", box.Text("node_modules/old/i.js"));
        Assert.Equal("log2", box.Text("run.log"));
    }

    [Fact]
    public async Task The_users_own_repository_is_untouched_and_its_info_exclude_is_honoured()
    {
        using var box = new RewindSandbox();
        box.Sh("git init -q && printf 'tracked' > t.txt && git add t.txt && git commit -qm init && printf 'staged' > s.txt && git add s.txt && printf 'secret.env\\n' >> .git/info/exclude && printf 'pw' > secret.env");
        var before = Digest(box.File(".git"));
        var snapshots = box.Snapshots();
        var snap = await snapshots.SnapshotAsync("s", 1, Ct);
        Assert.Equal(2, snap.FilesChanged); // t.txt and s.txt; not secret.env, nothing from .git

        box.Sh("printf 'changed' > t.txt && rm s.txt && printf 'pw2' > secret.env && printf 'n' > n.txt");
        await snapshots.RestoreAsync(snap.Id, Ct);

        Assert.Equal(before, Digest(box.File(".git")));
        Assert.Equal("tracked", box.Text("t.txt"));
        Assert.Equal("staged", box.Text("s.txt"));
        Assert.Equal("pw2", box.Text("secret.env"));
        Assert.False(File.Exists(box.File("n.txt")));
    }

    [Fact]
    public async Task A_workspace_inside_a_repository_honours_the_gitignore_files_above_it()
    {
        using var box = new RewindSandbox();
        box.Sh("git init -q && printf 'node_modules/\\n/pkg/web/dist/\\n/other/\\n' > .gitignore && mkdir -p pkg/web && printf 'out/\\n' > pkg/.gitignore && printf 'app' > pkg/web/app.js");
        var workspace = box.File("pkg/web");
        var snapshots = box.Snapshots(workspace: workspace);
        var snap = await snapshots.SnapshotAsync("s", 1, Ct);
        Assert.Equal(1, snap.FilesChanged);

        box.Sh("mkdir -p node_modules/x dist out other && printf 'm' > node_modules/x/i.js && printf 'd' > dist/b.js && printf 'o' > out/o.txt && printf 'k' > other/k.txt && printf 'app2' > app.js", workspace);
        var result = await snapshots.RestoreAsync(snap.Id, Ct);

        Assert.Equal([new FileChange("app.js", FileChangeKind.Modified), new FileChange("other/k.txt", FileChangeKind.Deleted)], result.Changes);
        Assert.True(File.Exists(Path.Combine(workspace, "node_modules/x/i.js")));
        Assert.True(File.Exists(Path.Combine(workspace, "dist/b.js")));
        Assert.True(File.Exists(Path.Combine(workspace, "out/o.txt")));
        Assert.Equal("app", File.ReadAllText(Path.Combine(workspace, "app.js")));
    }

    [Fact]
    public async Task A_store_inside_the_workspace_is_never_snapshotted_nor_touched_by_a_restore()
    {
        using var box = new RewindSandbox();
        box.Sh("printf '!*\\n' > .gitignore && printf 'a' > a.txt");
        var snapshots = new WorkspaceSnapshots(box.Workspace, box.File(".wright/snapshots"));
        var snap = await snapshots.SnapshotAsync("s", 1, Ct);
        Assert.Equal(2, snap.FilesChanged); // .gitignore and a.txt, even though the .gitignore un-ignores everything
        var storeFiles = Directory.GetFiles(box.File(".wright"), "*", SearchOption.AllDirectories);

        box.Sh("printf 'b' > a.txt");
        var second = await snapshots.SnapshotAsync("s", 2, Ct);
        Assert.Equal(1, second.FilesChanged);
        var result = await snapshots.RestoreAsync(snap.Id, Ct);

        Assert.Equal([new FileChange("a.txt", FileChangeKind.Modified)], result.Changes);
        Assert.True(File.Exists(Path.Combine(snapshots.GitDirectory, "HEAD")));
        Assert.All(storeFiles, f => Assert.True(File.Exists(f), f + " was deleted"));
        Assert.Equal(3, (await snapshots.ListAsync(null, Ct)).Count);
    }

    [Fact]
    public async Task A_second_snapshot_after_changing_one_file_of_2000_reports_one_change()
    {
        using var box = new RewindSandbox();
        for (var i = 0; i < 2000; i++)
        {
            Directory.CreateDirectory(box.File($"d{i % 20}"));
            File.WriteAllText(box.File($"d{i % 20}/f{i}.txt"), $"file {i}\n");
        }

        var snapshots = box.Snapshots();
        var first = await snapshots.SnapshotAsync("s", 1, Ct);
        box.Sh("printf 'edited\\n' >> d7/f1007.txt");
        var second = await snapshots.SnapshotAsync("s", 2, Ct);
        var third = await snapshots.SnapshotAsync("s", 3, Ct);

        Assert.Equal(2000, first.FilesChanged);
        Assert.Equal(1, second.FilesChanged);
        Assert.Equal(0, third.FilesChanged);
        Assert.Equal(first.Id, second.ParentId);
        Assert.Equal([new FileChange("d7/f1007.txt", FileChangeKind.Modified)], await snapshots.DiffAsync(first.Id, Ct));
        Assert.Equal([2000, 1, 0], (await snapshots.ListAsync("s", Ct)).Select(s => s.FilesChanged));
    }

    [Fact]
    public async Task Many_snapshots_keep_the_store_compact_and_every_snapshot_restorable()
    {
        using var box = new RewindSandbox();
        var snapshots = box.Snapshots();
        var ids = new List<string>();
        for (var turn = 1; turn <= 30; turn++)
        {
            box.Sh($"printf 'turn {turn}\\n' >> log.txt && printf '{turn}' > f{turn}.txt");
            ids.Add(await snapshots.CheckpointAsync("s", turn, Ct));
        }

        var packs = Directory.GetFiles(Path.Combine(snapshots.GitDirectory, "objects", "pack"), "*.pack");
        Assert.InRange(packs.Length, 1, 24);
        var restore = await snapshots.RestoreAsync(ids[2], Ct);
        Assert.Equal("turn 1\nturn 2\nturn 3\n", box.Text("log.txt"));
        Assert.Equal(28, restore.Changes.Count); // log.txt reverted, f4..f30 deleted
        Assert.False(File.Exists(box.File("f4.txt")));
    }

    [Fact]
    public async Task A_restore_is_undone_by_restoring_its_safety_snapshot()
    {
        using var box = new RewindSandbox();
        box.Sh("printf 'v1' > a.txt");
        var snapshots = box.Snapshots();
        var snap = await snapshots.CheckpointAsync("s", 1, Ct);
        box.Sh("printf 'v2' > a.txt && printf 'added' > b.txt && chmod +x b.txt");
        var after = Digest(box.Workspace);

        var restore = await snapshots.RestoreAsync(snap, Ct);
        Assert.Equal("v1", box.Text("a.txt"));
        Assert.Equal(snap, restore.SafetySnapshot.RestoreOf);
        Assert.Null(restore.SafetySnapshot.SessionId);

        var undo = await snapshots.RestoreAsync(restore.SafetySnapshot.Id, Ct);

        Assert.Equal(after, Digest(box.Workspace));
        Assert.Equal([new FileChange("a.txt", FileChangeKind.Modified), new FileChange("b.txt", FileChangeKind.Added)], undo.Changes);
        var list = await snapshots.ListAsync(null, Ct);
        Assert.Equal([snap, restore.SafetySnapshot.Id, undo.SafetySnapshot.Id], list.Select(s => s.Id));
        Assert.Equal(restore.SafetySnapshot, list[1] with { Skipped = restore.SafetySnapshot.Skipped });
    }

    [Fact]
    public async Task Unicode_names_and_names_with_spaces_round_trip()
    {
        using var box = new RewindSandbox();
        box.Sh("mkdir -p '目录 一' && printf '你好' > '目录 一/中文 文件.txt' && printf 'sp' > 'with  two spaces .md' && printf 'q' > 'quote\"and\\back'");
        var snapshots = box.Snapshots();
        var snap = await snapshots.SnapshotAsync("会话 1", 1, Ct);
        Assert.Equal(3, snap.FilesChanged);

        box.Sh("rm -r '目录 一' && printf 'changed' > 'with  two spaces .md' && printf 'n' > '新 文件' && rm 'quote\"and\\back'");
        var diff = await snapshots.DiffAsync(snap.Id, Ct);
        Assert.Contains(new FileChange("目录 一/中文 文件.txt", FileChangeKind.Added), diff);
        Assert.Contains(new FileChange("新 文件", FileChangeKind.Deleted), diff);
        Assert.Contains(new FileChange("quote\"and\\back", FileChangeKind.Added), diff);

        await snapshots.RestoreAsync(snap.Id, Ct);

        Assert.Equal("你好", box.Text("目录 一/中文 文件.txt"));
        Assert.Equal("sp", box.Text("with  two spaces .md"));
        Assert.Equal("q", box.Text("quote\"and\\back"));
        Assert.False(File.Exists(box.File("新 文件")));
        Assert.Equal("会话 1", (await snapshots.ListAsync("会话 1", Ct)).Single().SessionId);
    }

    [Fact]
    public async Task Executable_bits_are_restored()
    {
        using var box = new RewindSandbox();
        box.Sh("printf '#!/bin/sh\\n' > run.sh && chmod 755 run.sh && printf 'data' > data.txt && chmod 644 data.txt");
        var snapshots = box.Snapshots();
        var snap = await snapshots.CheckpointAsync("s", 1, Ct);
        box.Sh("chmod -x run.sh && chmod +x data.txt");

        Assert.Equal(
            [new FileChange("data.txt", FileChangeKind.Modified), new FileChange("run.sh", FileChangeKind.Modified)],
            await snapshots.DiffAsync(snap, Ct));
        await snapshots.RestoreAsync(snap, Ct);

        Assert.True((File.GetUnixFileMode(box.File("run.sh")) & UnixFileMode.UserExecute) != 0);
        Assert.True((File.GetUnixFileMode(box.File("data.txt")) & UnixFileMode.UserExecute) == 0);
    }

    [Fact]
    public async Task Symlinks_are_stored_and_restored_as_links_and_never_followed_outside()
    {
        using var box = new RewindSandbox();
        var outside = Path.Combine(box.Root, "outside");
        Directory.CreateDirectory(outside);
        File.WriteAllText(Path.Combine(outside, "target.txt"), "outside");
        box.Sh("ln -s ../outside/target.txt link.txt && ln -s ../outside linkdir && mkdir d && printf 'inside' > d/f.txt");
        var snapshots = box.Snapshots();
        var snap = await snapshots.SnapshotAsync("s", 1, Ct);
        Assert.Equal(3, snap.FilesChanged); // link.txt, linkdir (as links), d/f.txt; nothing from outside

        // Replace the link by a file, and the real directory d by a link to the outside directory.
        box.Sh("rm link.txt && printf 'file now' > link.txt && rm -r d && ln -s ../outside d");
        var outsideBefore = Digest(outside);
        await snapshots.RestoreAsync(snap.Id, Ct);

        Assert.Equal("../outside/target.txt", new FileInfo(box.File("link.txt")).LinkTarget);
        Assert.Equal("../outside", new FileInfo(box.File("linkdir")).LinkTarget);
        Assert.Null(new DirectoryInfo(box.File("d")).LinkTarget);
        Assert.Equal("inside", box.Text("d/f.txt"));
        Assert.Equal(outsideBefore, Digest(outside));
        Assert.Equal("outside", File.ReadAllText(Path.Combine(outside, "target.txt")));
    }

    [Fact]
    public async Task Paths_that_change_between_file_directory_and_symlink_round_trip_both_ways()
    {
        using var box = new RewindSandbox();
        box.Sh("printf 'file' > x && mkdir d && printf 'in d' > d/a && ln -s x l && mkdir keep && printf 'k' > keep/k");
        var snapshots = box.Snapshots();
        var before = await snapshots.SnapshotAsync("s", 1, Ct);
        var beforeTree = Digest(box.Workspace);

        box.Sh("rm x && mkdir x && printf 'c' > x/c && rm -r d && printf 'now a file' > d && rm l && mkdir l && printf 'z' > l/z && rm -r keep && ln -s d keep");
        var after = await snapshots.SnapshotAsync("s", 2, Ct);
        var afterTree = Digest(box.Workspace);
        Assert.Equal(8, after.FilesChanged); // x, d/a, l, keep/k out; x/c, d, l/z, keep in

        await snapshots.RestoreAsync(before.Id, Ct);
        Assert.Equal(beforeTree, Digest(box.Workspace));
        await snapshots.RestoreAsync(after.Id, Ct);
        Assert.Equal(afterTree, Digest(box.Workspace));
        Assert.Empty(await snapshots.DiffAsync(after.Id, Ct));
    }

    [Fact]
    public async Task Binary_and_crlf_files_are_restored_byte_exact_whatever_the_gitattributes_say()
    {
        using var box = new RewindSandbox();
        var binary = new byte[70_000];
        new Random(7).NextBytes(binary);
        binary[10] = 0;
        File.WriteAllBytes(box.File("blob.bin"), binary);
        File.WriteAllBytes(box.File("crlf.txt"), "line1\r\nline2\r\n\r\n"u8.ToArray());
        File.WriteAllBytes(box.File("lf.txt"), "a\nb\n"u8.ToArray());
        File.WriteAllText(box.File(".gitattributes"), "* text=auto\nlf.txt eol=crlf\n*.bin filter=lfs diff=lfs merge=lfs\n");
        var snapshots = box.Snapshots();
        var snap = await snapshots.CheckpointAsync("s", 1, Ct);

        box.Sh("printf 'x' > blob.bin && printf 'y\\n' > crlf.txt && rm lf.txt");
        await snapshots.RestoreAsync(snap, Ct);

        Assert.Equal(binary, box.Bytes("blob.bin"));
        Assert.Equal("line1\r\nline2\r\n\r\n"u8.ToArray(), box.Bytes("crlf.txt"));
        Assert.Equal("a\nb\n"u8.ToArray(), box.Bytes("lf.txt"));
    }

    [Fact]
    public async Task Files_over_the_size_cap_are_skipped_reported_and_left_alone()
    {
        using var box = new RewindSandbox();
        box.Sh("head -c 5000 /dev/zero > big.bin && printf 'small' > grows.txt && printf '!*.bin\\n' > .gitignore");
        var snapshots = box.Snapshots(new WorkspaceSnapshotOptions { MaxFileBytes = 1000 });
        var first = await snapshots.SnapshotAsync("s", 1, Ct);
        Assert.Equal([new SkippedFile("big.bin", 5000, SkipReason.TooLarge)], first.Skipped);
        Assert.Equal(2, first.FilesChanged); // .gitignore, grows.txt

        box.Sh("head -c 3000 /dev/zero >> grows.txt && head -c 6000 /dev/zero > big.bin");
        var second = await snapshots.SnapshotAsync("s", 2, Ct);
        Assert.Equal(
            [new SkippedFile("big.bin", 6000, SkipReason.TooLarge), new SkippedFile("grows.txt", 3005, SkipReason.TooLarge)],
            second.Skipped);
        Assert.Equal(1, second.FilesChanged); // grows.txt left the snapshot
        Assert.Equal(second.Skipped, (await snapshots.ListAsync("s", Ct))[1].Skipped);

        var restore = await snapshots.RestoreAsync(second.Id, Ct);
        Assert.Empty(restore.Changes);
        Assert.Equal(6000, new FileInfo(box.File("big.bin")).Length);
        Assert.Equal(second.Skipped, restore.Skipped);

        // Restoring the first snapshot would put the small grows.txt back over the large one, which no snapshot holds.
        var back = await snapshots.RestoreAsync(first.Id, Ct);
        Assert.Contains(new SkippedFile("grows.txt", 3005, SkipReason.InTheWay), back.Skipped);
        Assert.Equal(3005, new FileInfo(box.File("grows.txt")).Length);
    }

    [Fact]
    public async Task An_ignored_file_in_the_way_of_a_snapshot_path_is_left_alone_and_reported()
    {
        using var box = new RewindSandbox();
        box.Sh("printf 'snapshotted' > cache.db && mkdir tools && printf 't' > tools/t.sh");
        var snapshots = box.Snapshots();
        var snap = await snapshots.CheckpointAsync("s", 1, Ct);
        box.Sh("printf 'cache.db\\ntools/\\n' > .gitignore && printf 'live data' > cache.db && printf 'mine' > tools/mine.sh && rm tools/t.sh");

        var diff = await snapshots.DiffAsync(snap, Ct);
        var result = await snapshots.RestoreAsync(snap, Ct);

        Assert.Equal([new FileChange(".gitignore", FileChangeKind.Deleted), new FileChange("tools/t.sh", FileChangeKind.Added)], result.Changes);
        Assert.Equal(diff, result.Changes);
        Assert.Equal([new SkippedFile("cache.db", 9, SkipReason.InTheWay)], result.Skipped);
        Assert.Equal("live data", box.Text("cache.db"));
        Assert.Equal("mine", box.Text("tools/mine.sh"));
        Assert.Equal("t", box.Text("tools/t.sh"));
    }

    [Fact]
    public async Task Nested_repositories_are_snapshotted_as_files_not_gitlinks_and_their_git_is_untouched()
    {
        using var box = new RewindSandbox();
        box.Sh("""
            mkdir -p lib/inner empty && printf 'root' > r.txt
            cd lib && git init -q && printf 'lib' > l.txt && git add l.txt && git commit -qm l && printf 'local.txt\n' >> .git/info/exclude && printf 'x' > local.txt && printf 'real' > .wright-seed
            cd inner && git init -q && printf 'inner' > i.txt
            cd ../../empty && git init -q
            """);
        var libGit = Digest(box.File("lib/.git"));
        var innerGit = Digest(box.File("lib/inner/.git"));
        var snapshots = box.Snapshots();
        var snap = await snapshots.SnapshotAsync("s", 1, Ct);
        Assert.Equal(4, snap.FilesChanged); // r.txt, lib/l.txt, lib/.wright-seed, lib/inner/i.txt

        box.Sh("printf 'lib2' > lib/l.txt && printf 'seed2' > lib/.wright-seed && rm lib/inner/i.txt && printf 'n' > lib/new.txt && printf 'e' > empty/e.txt && printf 'y' > lib/local.txt");
        var second = await snapshots.SnapshotAsync("s", 2, Ct);
        Assert.Equal(5, second.FilesChanged);
        var result = await snapshots.RestoreAsync(snap.Id, Ct);

        Assert.Equal(
            [
                new FileChange("empty/e.txt", FileChangeKind.Deleted),
                new FileChange("lib/.wright-seed", FileChangeKind.Modified),
                new FileChange("lib/inner/i.txt", FileChangeKind.Added),
                new FileChange("lib/l.txt", FileChangeKind.Modified),
                new FileChange("lib/new.txt", FileChangeKind.Deleted),
            ],
            result.Changes);
        Assert.Equal("lib", box.Text("lib/l.txt"));
        Assert.Equal("inner", box.Text("lib/inner/i.txt"));
        Assert.Equal("real", box.Text("lib/.wright-seed"));
        Assert.Equal("y", box.Text("lib/local.txt"));
        Assert.True(Directory.Exists(box.File("empty/.git")));
        Assert.Equal(libGit, Digest(box.File("lib/.git")));
        Assert.Equal(innerGit, Digest(box.File("lib/inner/.git")));
    }

    [Fact]
    public async Task The_list_has_each_snapshots_session_turn_and_time_from_the_time_provider()
    {
        using var box = new RewindSandbox();
        var time = new FixedTime(new DateTimeOffset(2026, 3, 4, 5, 6, 7, TimeSpan.Zero));
        var snapshots = box.Snapshots(time: time);
        box.Sh("printf 1 > a");
        var a = await snapshots.CheckpointAsync("20260304-050607-abcdef", 1, Ct);
        time.Now = time.Now.AddMinutes(1);
        box.Sh("printf 2 > b && printf 3 > c");
        var b = await snapshots.CheckpointAsync("other", 1, Ct);
        time.Now = time.Now.AddMinutes(1);
        box.Sh("rm a");
        var c = await snapshots.CheckpointAsync("20260304-050607-abcdef", 4, Ct);

        var mine = await snapshots.ListAsync("20260304-050607-abcdef", Ct);
        var all = await snapshots.ListAsync(null, Ct);

        Assert.Equal([(a, 1, 1, time.Now.AddMinutes(-2)), (c, 4, 1, time.Now)], mine.Select(s => (s.Id, s.Turn, s.FilesChanged, s.Time)));
        Assert.Equal([a, b, c], all.Select(s => s.Id));
        Assert.Equal([null, a, b], all.Select(s => s.ParentId));
        Assert.Equal(2, all[1].FilesChanged);
        Assert.Empty(await box.Snapshots().ListAsync("nobody", Ct));
    }

    [Fact]
    public async Task Concurrent_checkpoints_are_serialised_into_one_chain()
    {
        using var box = new RewindSandbox();
        box.Sh("i=0; while [ $i -lt 200 ]; do printf \"$i\" > f$i; i=$((i+1)); done");
        var one = box.Snapshots();
        var two = box.Snapshots();

        var ids = await Task.WhenAll(Enumerable.Range(1, 8).Select(i => Task.Run(() => (i % 2 == 0 ? one : two).CheckpointAsync("s", i, Ct), Ct)));

        var list = await one.ListAsync(null, Ct);
        Assert.Equal(8, list.Count);
        Assert.Equal(ids.Order(), list.Select(s => s.Id).Order());
        for (var i = 1; i < list.Count; i++)
            Assert.Equal(list[i - 1].Id, list[i].ParentId);
        Assert.Equal(200, list[0].FilesChanged);
        Assert.All(list.Skip(1), s => Assert.Equal(0, s.FilesChanged));
        var fsck = box.Sh($"GIT_DIR='{one.GitDirectory}' git fsck --strict --no-dangling --no-progress 2>&1");
        Assert.Matches(@"^(notice: HEAD points to an unborn branch \(\w+\))?$", fsck.Trim()); // snapshots live under refs/wright/
    }

    [Fact]
    public async Task An_unknown_or_malformed_snapshot_id_gives_a_clear_error()
    {
        using var box = new RewindSandbox();
        var snapshots = box.Snapshots();

        var none = await Assert.ThrowsAsync<SnapshotException>(() => snapshots.RestoreAsync("abcdef12", Ct));
        Assert.Contains("no snapshot", none.Message, StringComparison.OrdinalIgnoreCase);

        await snapshots.CheckpointAsync("s", 1, Ct);
        var unknown = await Assert.ThrowsAsync<SnapshotException>(() => snapshots.DiffAsync("0123456789abcdef0123456789abcdef01234567", Ct));
        Assert.Contains("There is no snapshot '0123456789abcdef0123456789abcdef01234567'", unknown.Message, StringComparison.Ordinal);
        var malformed = await Assert.ThrowsAsync<SnapshotException>(() => snapshots.RestoreAsync("--output=/tmp/x", Ct));
        Assert.Contains("is not a snapshot id", malformed.Message, StringComparison.Ordinal);
        var notSnapshot = await Assert.ThrowsAsync<SnapshotException>(() => snapshots.RestoreAsync("4b825dc642cb6eb9a060e54bf8d69288fbee4904", Ct));
        Assert.Contains("no snapshot", notSnapshot.Message, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task A_missing_git_gives_a_clear_error()
    {
        using var box = new RewindSandbox();
        var snapshots = box.Snapshots(new WorkspaceSnapshotOptions { Git = Path.Combine(box.Root, "no-such-git") });

        var error = await Assert.ThrowsAsync<SnapshotException>(() => snapshots.CheckpointAsync("s", 1, Ct));

        Assert.Contains("need git", error.Message, StringComparison.Ordinal);
        Assert.Contains("no-such-git", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_workspace_that_is_not_a_directory_gives_a_clear_error()
    {
        using var box = new RewindSandbox();
        box.Sh("printf 'x' > file.txt");

        var file = Assert.Throws<SnapshotException>(() => box.Snapshots(workspace: box.File("file.txt")));
        Assert.Contains("is not a directory", file.Message, StringComparison.Ordinal);
        var missing = Assert.Throws<SnapshotException>(() => box.Snapshots(workspace: box.File("nope")));
        Assert.Contains("does not exist", missing.Message, StringComparison.Ordinal);

        var gone = box.Snapshots(workspace: box.File(""));
        Directory.Delete(box.Workspace, recursive: true);
        var error = await Assert.ThrowsAsync<SnapshotException>(() => gone.CheckpointAsync("s", 1, Ct));
        Assert.Contains("does not exist", error.Message, StringComparison.Ordinal);
    }
}
