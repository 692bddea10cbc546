// Measures workspace rewind snapshots on a large tree and prints a table; asserts nothing. Run by bench/snapshot.sh.
// Every figure has a reference measured in the same run on the same tree (plain git in a plain repository, cp -r),
// and the ratio to it, so machine noise cancels out.
using System.Diagnostics;
using System.Globalization;
using System.Text;
using Wright.Sessions.Rewind;

var time = TimeProvider.System;
var ct = CancellationToken.None;
var tree = Environment.GetEnvironmentVariable("WRIGHT_BENCH_TREE") ?? Path.Combine(Path.GetTempPath(), "wright-bench-tree");
var source = Environment.GetEnvironmentVariable("WRIGHT_BENCH_SOURCE");
var runs = int.Parse(Environment.GetEnvironmentVariable("WRIGHT_BENCH_RUNS") ?? "5", CultureInfo.InvariantCulture);
var work = Path.Combine(Path.GetTempPath(), "wright-bench-snap-" + Environment.ProcessId.ToString(CultureInfo.InvariantCulture));
Directory.CreateDirectory(work);

try
{
    if (!File.Exists(tree + ".complete"))
    {
        if (Directory.Exists(tree))
            Directory.Delete(tree, recursive: true);
        var made = Measure(() =>
        {
            if (source is null)
                Generate(tree);
            else
                Run("cp", ["-a", source, tree]);
        });
        File.WriteAllText(tree + ".complete", "");
        Console.WriteLine($"prepared {tree} in {Ms(made)}");
    }

    var files = Directory.EnumerateFiles(tree, "*", SearchOption.AllDirectories).ToList();
    var treeBytes = files.Sum(f => new FileInfo(f).Length);
    Console.WriteLine($"tree: {files.Count:N0} files, {treeBytes / 1e6:N0} MB ({tree})");
    var touched = files.Where((_, i) => i % (files.Count / 10) == 5).Take(10).ToList();

    // References: cp -r of the tree; plain git (git add -A && git write-tree) in a fresh repository of the same tree.
    var copy = Measure(() => Run("cp", ["-r", tree, Path.Combine(work, "copy")]));
    Directory.Delete(Path.Combine(work, "copy"), recursive: true);
    var plain = Path.Combine(work, "plain.git");
    Git(plain, tree, "init", "-q");
    var plainFirst = Measure(() => PlainSnapshot(plain, tree));
    var plainTree = Git(plain, tree, "write-tree").Trim();

    var snapshots = new WorkspaceSnapshots(tree, Path.Combine(work, "store"), time);
    SnapshotInfo first = null!;
    var wrightFirst = await MeasureAsync(async () => first = await snapshots.SnapshotAsync("bench", 1, ct));

    var incremental = new List<double>();
    var plainIncremental = new List<double>();
    var changed = new List<int>();
    for (var run = 0; run < runs; run++)
    {
        foreach (var file in touched)
            File.AppendAllText(file, $"bench edit {run}\n");
        incremental.Add(await MeasureAsync(async () => changed.Add((await snapshots.SnapshotAsync("bench", 2 + run, ct)).FilesChanged)));
        plainIncremental.Add(Measure(() => PlainSnapshot(plain, tree)));
    }

    var unchanged = new List<double>();
    var plainUnchanged = new List<double>();
    for (var run = 0; run < runs; run++)
    {
        unchanged.Add(await MeasureAsync(() => snapshots.SnapshotAsync("bench", 100 + run, ct)));
        plainUnchanged.Add(Measure(() => PlainSnapshot(plain, tree)));
    }

    IReadOnlyList<FileChange> diff = [];
    var diffMs = await MeasureAsync(async () => diff = await snapshots.DiffAsync(first.Id, ct));
    RestoreResult restored = null!;
    var restoreMs = await MeasureAsync(async () => restored = await snapshots.RestoreAsync(first.Id, ct));
    // Reference for the restore: plain git writing the same tree back (the 10 files differ from its index).
    var plainRestore = Measure(() => Git(plain, tree, "read-tree", "--reset", "-u", plainTree));

    var shadowBytes = ApparentSize(snapshots.GitDirectory);
    var shadowDisk = DiskUsage(snapshots.GitDirectory);
    var plainDisk = DiskUsage(plain);

    var table = new StringBuilder();
    table.AppendLine(CultureInfo.InvariantCulture, $"{files.Count:N0} files, {treeBytes / 1e6:N0} MB; medians of {runs} runs; reference in the same run");
    table.AppendLine("| measure | Wright | reference | ratio |");
    table.AppendLine("|---|---|---|---|");
    Row(table, "first snapshot", wrightFirst, "`git add -A && git write-tree`, fresh repo", plainFirst);
    Row(table, "first snapshot vs copying the tree", wrightFirst, "`cp -r`", copy);
    Row(table, $"incremental, 10 files touched ({string.Join(',', changed.Distinct())} changed)", Median(incremental), "`git add -A && git write-tree`", Median(plainIncremental));
    Row(table, "no-change snapshot", Median(unchanged), "`git add -A && git write-tree`", Median(plainUnchanged));
    Row(table, $"restore ({restored.Changes.Count} files; includes safety snapshot)", restoreMs, "`git read-tree --reset -u`", plainRestore);
    table.AppendLine(CultureInfo.InvariantCulture, $"| diff ({diff.Count} files) | {Ms(diffMs)} | | |");
    table.AppendLine(CultureInfo.InvariantCulture, $"| shadow repository after {2 + 2 * runs + 1} snapshots | {shadowDisk / 1e6:N0} MB on disk ({shadowBytes / 1e6:N0} MB apparent) | plain repo {plainDisk / 1e6:N0} MB | {(double)shadowDisk / plainDisk:0.00}× |");
    Console.WriteLine();
    Console.Write(table);
}
finally
{
    Directory.Delete(work, recursive: true);
}

static void Row(StringBuilder table, string measure, double ms, string reference, double referenceMs) =>
    table.AppendLine(CultureInfo.InvariantCulture, $"| {measure} | {Ms(ms)} | {reference} {Ms(referenceMs)} | {ms / referenceMs:0.00}× |");

static string Ms(double ms) => ms >= 1000
    ? (ms / 1000).ToString("0.00 s", CultureInfo.InvariantCulture)
    : ms.ToString("0.0 ms", CultureInfo.InvariantCulture);

static double Median(List<double> values)
{
    var sorted = values.Order().ToList();
    return sorted[sorted.Count / 2];
}

static double Measure(Action action)
{
    var started = TimeProvider.System.GetTimestamp();
    action();
    return TimeProvider.System.GetElapsedTime(started).TotalMilliseconds;
}

static async Task<double> MeasureAsync(Func<Task> action)
{
    var started = TimeProvider.System.GetTimestamp();
    await action();
    return TimeProvider.System.GetElapsedTime(started).TotalMilliseconds;
}

static void PlainSnapshot(string gitDir, string workTree)
{
    Git(gitDir, workTree, "add", "-A");
    Git(gitDir, workTree, "write-tree");
}

static string Git(string gitDir, string workTree, params string[] args)
{
    var env = new Dictionary<string, string>
    {
        ["GIT_DIR"] = gitDir,
        ["GIT_WORK_TREE"] = workTree,
        ["GIT_CONFIG_NOSYSTEM"] = "1",
        ["GIT_CONFIG_GLOBAL"] = "/dev/null",
    };
    return Run("git", args, workTree, env);
}

static string Run(string file, IEnumerable<string> args, string? directory = null, Dictionary<string, string>? env = null)
{
    var psi = new ProcessStartInfo(file) { RedirectStandardOutput = true, RedirectStandardError = true, WorkingDirectory = directory ?? "" };
    foreach (var a in args)
        psi.ArgumentList.Add(a);
    foreach (var key in psi.Environment.Keys.Where(k => k.StartsWith("GIT_", StringComparison.Ordinal)).ToList())
        psi.Environment.Remove(key);
    foreach (var (k, v) in env ?? [])
        psi.Environment[k] = v;
    using var process = Process.Start(psi)!;
    var stderr = process.StandardError.ReadToEndAsync();
    var output = process.StandardOutput.ReadToEnd();
    process.WaitForExit();
    if (process.ExitCode != 0)
        throw new InvalidOperationException($"{file} {string.Join(' ', psi.ArgumentList)} failed: {stderr.Result}");
    return output;
}

static long ApparentSize(string directory) =>
    Directory.EnumerateFiles(directory, "*", SearchOption.AllDirectories).Sum(f => new FileInfo(f).Length);

static long DiskUsage(string directory) =>
    long.Parse(Run("du", ["-sk", directory]).Split('\t')[0], CultureInfo.InvariantCulture) * 1024;

// 20,000 text files (about 8 KB on average) in 20 × 10 directories, plus every 500th file at 1 MB: about 200 MB.
static void Generate(string root)
{
    var random = new Random(42);
    var line = new char[80];
    for (var i = 0; i < 20_000; i++)
    {
        var dir = Path.Combine(root, $"pkg{i % 20:00}", $"mod{i / 20 % 10}");
        Directory.CreateDirectory(dir);
        var size = i % 500 == 0 ? 1_000_000 : random.Next(1_000, 15_000);
        var text = new StringBuilder(size + 100);
        while (text.Length < size)
        {
            for (var c = 0; c < line.Length - 1; c++)
                line[c] = (char)random.Next(32, 127);
            line[^1] = '\n';
            text.Append(line);
        }

        File.WriteAllText(Path.Combine(dir, $"file{i:00000}.txt"), text.ToString());
    }
}
