using System.Diagnostics;
using System.Text;
using System.Text.Json;
using Wright.Core.Events;
using Wright.Eval.Store;
using Wright.Eval.Suites;
using Wright.Eval.Verification;
using Wright.Runtime;
using Wright.Runtime.Approvals;
using Wright.Eval.Text;

namespace Wright.Eval.Running;

/// <summary>
/// Runs every task of a suite with each configuration K times: each attempt in a fresh workspace of its own, up to
/// N at once, the agent a runtime session (headless: approvals are refused with the reason), then verified in the
/// sandbox. Every finished attempt is stored as it ends, with its trajectory (the session's events, one JSON per
/// line) in the run's folder; attempts already stored are not run again, so an interrupted run continues.
/// Workspaces live under <paramref name="workRoot"/>, outside <c>$WRIGHT_HOME</c> (Wright's own data, which the
/// agent may never write), and are removed once verified: the trajectory and the session's checkpoints keep what
/// the agent did.
/// </summary>
/// With <c>--env docker</c> (<paramref name="docker"/> set) a Harbor task's attempt runs in a container of the task's
/// image instead: the workspace mounted at WORKDIR, the agent's commands through <c>docker exec</c>, the verifier in
/// the container, the container removed when the attempt ends.
internal sealed class EvalRunner(EvalStore store, string runDir, string workRoot, RuntimeHost host, Action<string> progress, Docker.DockerCli? docker = null)
{
    private readonly System.Collections.Concurrent.ConcurrentDictionary<string, Lazy<Task<string>>> _images = new(StringComparer.Ordinal);
    private readonly Lock _costGate = new();
    private decimal _runCost;

    public async Task RunAsync(string runId, EvalOptions options, IReadOnlyList<EvalTask> tasks, CancellationToken cancellationToken)
    {
        var done = store.Attempts(runId).Where(a => a.Status != "skipped").Select(a => (a.Config, a.Task, a.Attempt)).ToHashSet();
        lock (_costGate)
            _runCost = store.Attempts(runId).Sum(a => a.CostUsd ?? 0);
        var jobs = new List<(EvalConfig Config, EvalTask Task, int Attempt)>();
        foreach (var task in tasks)
        {
            foreach (var config in options.Configs)
            {
                for (var k = 1; k <= options.Attempts; k++)
                {
                    if (!done.Contains((config.Label, task.Id, k)))
                        jobs.Add((config, task, k));
                }
            }
        }

        using var slots = new SemaphoreSlim(Math.Max(1, options.Parallel));
        var running = jobs.Select(async job =>
        {
            await slots.WaitAsync(cancellationToken);
            try
            {
                var record = await RunOneAsync(options, job.Config, job.Task, job.Attempt, cancellationToken);
                store.Save(runId, record);
                progress($"{record.Status,-9} {job.Task.Id} · {job.Config.Label} · attempt {job.Attempt}" + (record.Detail is { } d && record.Status != "passed" && record.Status != "failed" ? " — " + d : ""));
            }
            finally
            {
                slots.Release();
            }
        }).ToList();
        await Task.WhenAll(running);
    }

    private async Task<AttemptRecord> RunOneAsync(EvalOptions options, EvalConfig config, EvalTask task, int attempt, CancellationToken cancellationToken)
    {
        var scratch = Path.Combine(workRoot, Slug(config.Label), Slug(task.Id), attempt.ToString(System.Globalization.CultureInfo.InvariantCulture));
        try
        {
            return await AttemptAsync(options, config, task, attempt, scratch, cancellationToken);
        }
        finally
        {
            Workspaces.Remove(scratch);
        }
    }

    private async Task<AttemptRecord> AttemptAsync(EvalOptions options, EvalConfig config, EvalTask task, int attempt, string scratch, CancellationToken cancellationToken)
    {
        AttemptRecord Record(string status, string? detail) => new() { Config = config.Label, Task = task.Id, Attempt = attempt, Status = status, Detail = detail };
        if (task.Problem is { } problem)
            return Record("malformed", problem);
        lock (_costGate)
        {
            if (options.MaxRunUsd is { } cap && _runCost >= cap)
                return Record("skipped", string.Format(System.Globalization.CultureInfo.InvariantCulture, Strings.RunBudgetSpent, cap));
        }

        var slug = Slug(config.Label) + "/" + Slug(task.Id) + "/" + attempt.ToString(System.Globalization.CultureInfo.InvariantCulture);
        var workspace = Path.Combine(scratch, "workspace");
        var trajectory = Path.Combine(runDir, "trajectories", slug + ".jsonl");
        Directory.CreateDirectory(Path.GetDirectoryName(trajectory)!);
        var started = Stopwatch.GetTimestamp();
        try
        {
            await Workspaces.PrepareAsync(task, workspace, cancellationToken);
        }
        catch (Exception ex) when (ex is EvalException or IOException or UnauthorizedAccessException)
        {
            return Record("env_error", Strings.CannotPrepare + ex.Message);
        }

        Docker.DockerContainer? container = null;
        if (docker is not null && task.Environment is not null)
        {
            try
            {
                // One build per image, however many attempts wait for it; a failed build is not retried within the run.
                var image = await _images.GetOrAdd(task.Id, _ => new Lazy<Task<string>>(() => docker.BuildAsync(task, cancellationToken))).Value;
                container = await docker.StartAsync(image, workspace, Workspaces.WorkDirOf(task), cancellationToken);
            }
            catch (EvalException ex)
            {
                return Record("env_error", ex.Message);
            }
        }

        await using var removeContainer = container;
        Task<VerifyResult> VerifyAsync() => container is null
            ? Verifier.VerifyAsync(task, workspace, scratch, CacheDir(), cancellationToken)
            : Verifier.VerifyInContainerAsync(task, workspace, scratch, container, cancellationToken);
        var stats = new Stats();
        await using var log = new StreamWriter(trajectory, append: false, new UTF8Encoding(false));
        RuntimeSession? session = null;
        ArchitectEditor? pair = null;
        var request = new SessionRequest
        {
            Workspace = workspace,
            Model = config.Model,
            PermissionMode = options.PermissionMode,
            MaxTurns = options.MaxTurns,
            MaxBudgetUsd = options.MaxTaskUsd,
            CommandLauncher = container?.Launcher,
        };
        try
        {
            if (config.Architect is { } architect && config.Editor is { } editor)
                pair = await ArchitectEditor.StartAsync(request, architect, editor, host, cancellationToken);
            else
                session = await WrightRuntime.StartAsync(request, host, cancellationToken);
        }
        catch (Exception ex) when (ex is Wright.Runtime.Configuration.ConfigException or Wright.Sessions.Store.StoreException)
        {
            return Record("error", ex.Message);
        }

        IAsyncEnumerable<AgentEvent> Agent(string prompt, CancellationToken ct) => pair is not null ? pair.RunAsync(prompt, ct) : session!.RunAsync(prompt, ct);
        VerifyResult verdict;
        var passedFirst = false;
        try
        {
            var prompt = task.WorkDir is { } workDir
                ? task.Instruction + "\n\n(The task's " + workDir + " is your current working directory.)"
                : task.Instruction;
            await RunAgentAsync(Agent, prompt, task, stats, log, cancellationToken);
            verdict = await VerifyAsync();
            passedFirst = verdict.Outcome == VerifyOutcome.Passed;
            if (verdict.Outcome == VerifyOutcome.Failed && task.SecondTry && !stats.Stopped)
            {
                await RunAgentAsync(Agent, PolyglotReader.SecondTryPrompt(Verifier.Tail(verdict.Output, 8000), task), task, stats, log, cancellationToken);
                verdict = await VerifyAsync();
            }

            stats.SessionId = pair is not null ? pair.Architect.Id + " " + pair.Editor.Id : session!.Id;
        }
        finally
        {
            if (pair is not null)
                await pair.DisposeAsync();
            if (session is not null)
                await session.DisposeAsync();
        }

        lock (_costGate)
            _runCost += stats.Cost ?? 0;
        var status = verdict.Outcome switch
        {
            VerifyOutcome.Passed => "passed",
            VerifyOutcome.EnvironmentError => "env_error",
            _ => "failed",
        };
        return new AttemptRecord
        {
            Config = config.Label,
            Task = task.Id,
            Attempt = attempt,
            Status = status,
            PassedFirstTry = passedFirst,
            Reward = verdict.Reward,
            CostUsd = stats.Cost,
            InputTokens = stats.InputTokens,
            OutputTokens = stats.OutputTokens,
            Turns = stats.Turns,
            ToolErrors = stats.ToolErrors,
            WallMs = (long)Stopwatch.GetElapsedTime(started).TotalMilliseconds,
            SessionId = stats.SessionId,
            Trajectory = Path.GetRelativePath(runDir, trajectory),
            Detail = status == "passed" ? null : Verifier.Tail(stats.Error ?? verdict.Output, 2000),
        };
    }

    private static async Task RunAgentAsync(Func<string, CancellationToken, IAsyncEnumerable<AgentEvent>> agent, string prompt, EvalTask task, Stats stats,
        StreamWriter log, CancellationToken cancellationToken)
    {
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(task.AgentTimeout);
        try
        {
            await foreach (var e in agent(prompt, deadline.Token))
            {
                await log.WriteLineAsync(JsonSerializer.Serialize(e, AgentEventJsonContext.Default.AgentEvent));
                switch (e)
                {
                    case ToolCallFinished { Status: not ToolCallStatus.Ok }:
                        stats.ToolErrors++;
                        break;
                    case ErrorOccurred error:
                        stats.Error = error.Message;
                        break;
                    case RunFinished finished:
                        stats.Turns += finished.Turns;
                        stats.InputTokens += finished.Usage.InputTokens;
                        stats.OutputTokens += finished.Usage.OutputTokens;
                        stats.CostSum += finished.CostUsd ?? 0;
                        stats.CostUnknown |= finished.CostUsd is null && finished.Usage != TokenUsage.Zero;
                        stats.Stopped = finished.Status is RunStatus.Budget;
                        break;
                }
            }
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            stats.Error = string.Format(System.Globalization.CultureInfo.InvariantCulture, Strings.AgentTimedOut, task.AgentTimeout.TotalSeconds);
            stats.Stopped = true;
        }

        await log.FlushAsync(cancellationToken);
    }

    private string CacheDir() => Path.Combine(Path.GetDirectoryName(runDir)!, "cache");

    internal static string Slug(string text)
    {
        var chars = text.Select(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '.' ? c : '_').ToArray();
        return new string(chars).Trim('.');
    }

    private sealed class Stats
    {
        public int Turns { get; set; }
        public long InputTokens { get; set; }
        public long OutputTokens { get; set; }
        public decimal CostSum { get; set; }
        public bool CostUnknown { get; set; }

        /// <summary>The attempt's cost; null (unknown) when any request had no price.</summary>
        public decimal? Cost => CostUnknown ? null : CostSum;
        public int ToolErrors { get; set; }
        public string? Error { get; set; }
        public string? SessionId { get; set; }
        public bool Stopped { get; set; }
    }
}
