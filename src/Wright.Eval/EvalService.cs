using System.Globalization;
using System.Text.Json;
using Wright.Eval.Reports;
using Wright.Eval.Running;
using Wright.Eval.Store;
using Wright.Eval.Suites;
using Wright.Eval.Text;
using Wright.Eval.Verification;
using Wright.Runtime;

namespace Wright.Eval;

/// <summary>
/// What <c>wright eval</c> does, for any host: start or resume a stored run, check a suite, write results.json and
/// report.html, render the leaderboard, diff two runs. Runs live in <c>$WRIGHT_HOME/eval.db</c> and
/// <c>$WRIGHT_HOME/eval/RUN/</c> (workspaces and trajectories).
/// </summary>
internal sealed class EvalService(string home, RuntimeHost host, TimeProvider time) : IDisposable
{
    private readonly EvalStore _store = EvalStore.Open(Path.Combine(home, "eval.db"));

    /// <summary>Runs (or with <paramref name="resumeId"/> continues) an evaluation; returns its results.</summary>
    public async Task<RunResults> RunAsync(EvalOptions? options, string? resumeId, Action<string> progress, CancellationToken cancellationToken)
    {
        string runId;
        DateTimeOffset created;
        Docker.DockerCli? docker;
        if (resumeId is not null)
        {
            var run = _store.FindRun(resumeId) ?? throw new EvalException(string.Format(CultureInfo.InvariantCulture, Strings.NoRun, resumeId));
            runId = run.Id;
            created = run.Created;
            options = JsonSerializer.Deserialize(run.Options, EvalJsonContext.Default.EvalOptions)!;
            docker = await DockerAsync(options, cancellationToken);
            progress(string.Format(CultureInfo.InvariantCulture, Strings.Resuming, runId));
            RemoveAbandonedWorkRoots(runId);
        }
        else
        {
            ArgumentNullException.ThrowIfNull(options);
            if (options.Configs.Count == 0)
                throw new EvalException(Strings.NoConfigs);
            docker = await DockerAsync(options, cancellationToken); // no engine: one line, and no run is created
            options = options with { Suite = Path.GetFullPath(options.Suite) };
            created = time.GetUtcNow();
            runId = created.ToString("yyyyMMdd-HHmmss", CultureInfo.InvariantCulture) + "-" + Guid.NewGuid().ToString("N")[..6];
            _store.CreateRun(runId, options.Suite, JsonSerializer.Serialize(options, EvalJsonContext.Default.EvalOptions), created);
            progress("run " + runId);
        }

        var tasks = Select(SuiteLoader.Load(options.Suite), options);
        foreach (var bad in tasks.Where(t => t.Problem is not null))
            progress(string.Format(CultureInfo.InvariantCulture, Strings.MalformedLine, bad.Id, bad.Problem));
        var runDir = Path.Combine(home, "eval", runId);
        Directory.CreateDirectory(runDir);
        var workRoot = WorkRoot(runId);
        try
        {
            await new EvalRunner(_store, runDir, workRoot, host, progress, docker).RunAsync(runId, options, tasks, cancellationToken);
        }
        finally
        {
            Workspaces.Remove(workRoot);
        }

        return ResultsBuilder.Build(runId, created, options, tasks, _store.Attempts(runId));
    }

    /// <summary>With <c>--env docker</c>: the client, once an engine answered it (else an <see cref="EvalException"/> in one line).</summary>
    private static async Task<Docker.DockerCli?> DockerAsync(EvalOptions options, CancellationToken cancellationToken)
    {
        if (options.Environment != "docker")
            return null;
        var docker = Docker.DockerCli.Find();
        await docker.EnsureEngineAsync(cancellationToken);
        return docker;
    }

    /// <summary>The results of a stored run.</summary>
    public RunResults Load(string runIdOrPrefix)
    {
        var run = _store.FindRun(runIdOrPrefix) ?? throw new EvalException(string.Format(CultureInfo.InvariantCulture, Strings.NoRun, runIdOrPrefix));
        var options = JsonSerializer.Deserialize(run.Options, EvalJsonContext.Default.EvalOptions)!;
        IReadOnlyList<EvalTask> tasks;
        try
        {
            tasks = Select(SuiteLoader.Load(options.Suite), options);
        }
        catch (EvalException)
        {
            // The suite moved: report what was stored.
            tasks = [.. _store.Attempts(run.Id).Select(a => a.Task).Distinct().Select(id => new EvalTask { Id = id, Format = "", Root = "" })];
        }

        return ResultsBuilder.Build(run.Id, run.Created, options, tasks, _store.Attempts(run.Id));
    }

    /// <summary>Checks a suite: reference solutions pass, untouched tasks fail.</summary>
    public async Task<List<SuiteChecker.CheckLine>> CheckAsync(string suite, int parallel, Action<string> progress, CancellationToken cancellationToken)
    {
        var tasks = SuiteLoader.Load(suite);
        var scratch = WorkRoot("check");
        try
        {
            return await SuiteChecker.CheckAsync(tasks, scratch, Path.Combine(home, "eval", "cache"), parallel,
                line => progress($"{line.Status,-9} {line.Task}" + (line.Detail is null ? "" : " — " + line.Detail)), cancellationToken);
        }
        finally
        {
            Workspaces.Remove(scratch);
        }
    }

    /// <summary>
    /// The workspaces an interrupted invocation of <paramref name="runId"/> left behind (it was killed before it could
    /// remove them): its attempts start again in fresh ones. Links are never followed; folders owned by another user stay.
    /// </summary>
    private static void RemoveAbandonedWorkRoots(string runId)
    {
        if (OperatingSystem.IsWindows())
            return;
        foreach (var dir in new DirectoryInfo(Path.GetTempPath()).EnumerateDirectories("wright-eval-" + runId + "-*"))
        {
            if (dir.LinkTarget is null && (dir.UnixFileMode & (UnixFileMode.GroupWrite | UnixFileMode.OtherWrite)) == 0)
                Workspaces.Remove(dir.FullName);
        }
    }

    /// <summary>
    /// A private folder (mode 0700, a fresh name) for this invocation's workspaces, under the system's temporary
    /// folder (<c>$TMPDIR</c>): never inside <c>$WRIGHT_HOME</c>, which the agent may not write, so an agent there could
    /// change nothing and every task would fail.
    /// </summary>
    private string WorkRoot(string name)
    {
        var root = Directory.CreateTempSubdirectory("wright-eval-" + name + "-").FullName;
        var homeFull = Path.GetFullPath(home).TrimEnd('/') + "/";
        if ((root + "/").StartsWith(homeFull, StringComparison.Ordinal))
        {
            Directory.Delete(root);
            throw new EvalException(string.Format(CultureInfo.InvariantCulture, Strings.WorkRootInHome, root, home));
        }

        return root;
    }

    /// <summary>Writes results.json and report.html into <paramref name="outDir"/>; trajectories are linked from the run's folder.</summary>
    public void WriteReports(RunResults results, string outDir)
    {
        Directory.CreateDirectory(outDir);
        File.WriteAllText(Path.Combine(outDir, "results.json"), JsonSerializer.Serialize(results, EvalJsonContext.Default.RunResults));
        var runDir = Path.Combine(home, "eval", results.RunId);
        var trajectoryBase = new Uri(Path.GetFullPath(runDir) + "/").AbsoluteUri;
        File.WriteAllText(Path.Combine(outDir, "report.html"), HtmlReport.Render(results, trajectoryBase));
    }

    /// <summary>The terminal leaderboard.</summary>
    public static string Leaderboard(RunResults results) => Reports.Leaderboard.Render(results);

    /// <summary>Which tasks changed between two runs.</summary>
    public string Diff(string before, string after) => RunDiff.Render(Load(before), Load(after));

    private static List<EvalTask> Select(IReadOnlyList<EvalTask> tasks, EvalOptions options) =>
        options.Tasks.Count == 0 ? [.. tasks] : [.. tasks.Where(t => options.Tasks.Any(p => t.Id.Contains(p, StringComparison.Ordinal)))];

    public void Dispose() => _store.Dispose();
}
