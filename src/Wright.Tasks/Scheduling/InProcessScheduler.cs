using System.Collections.Concurrent;
using System.Globalization;
using System.Runtime.CompilerServices;
using System.Text.Json;
using Wright.Core.Approvals;
using Wright.Runtime;
using Wright.Runtime.Configuration;
using Wright.Tasks.Git;
using Wright.Tasks.Store;
using Wright.Tasks.Text;

namespace Wright.Tasks.Scheduling;

/// <summary>
/// The single-machine scheduler: the queue in an <see cref="ITaskStore"/> (SQLite in Wright's store), a pool of at
/// most <see cref="SchedulerOptions.MaxParallel"/> attempts, each in its own worktree (<see cref="Worktrees"/>) and
/// runtime session. A crash loses nothing: on start, attempts the store shows as running are queued again and resume
/// their journaled session (a call the journal shows as done is never run again; one that was cut off is reported to
/// the model as interrupted).
/// </summary>
public sealed partial class InProcessScheduler : ITaskScheduler
{
    private readonly ITaskStore _store;
    private readonly SchedulerOptions _options;
    private readonly Worktrees _worktrees;
    private readonly ISharedApprovals? _shared;
    private readonly ConcurrentDictionary<(string, int), RunningAttempt> _running = new();
    private readonly ConcurrentDictionary<string, TaskCompletionSource> _signals = new(StringComparer.Ordinal);
    private readonly SemaphoreSlim _wake = new(0);
    private readonly CancellationTokenSource _stopping = new();
    private readonly Lock _gate = new();
    private Task _dispatcher = Task.CompletedTask;
    private Task _answers = Task.CompletedTask;

    public InProcessScheduler(ITaskStore store, SchedulerOptions options)
    {
        _store = store ?? throw new ArgumentNullException(nameof(store));
        _options = options ?? throw new ArgumentNullException(nameof(options));
        if (options.MaxParallel < 1)
            throw new ArgumentOutOfRangeException(nameof(options), "MaxParallel must be at least 1");
        _worktrees = new Worktrees(options.WorktreeRoot);
        _shared = store as ISharedApprovals;
    }

    /// <summary>Attempts running now.</summary>
    public int RunningCount => _running.Count;

    /// <summary>At most this many attempts run at once.</summary>
    public int MaxParallel => _options.MaxParallel;

    /// <summary>
    /// True once the process takes no new work (a fleet node being drained); the attempts it runs finish, and
    /// <see cref="Idle"/> tells when none is left.
    /// </summary>
    public bool Draining { get; set; }

    /// <summary>Whether nothing runs here now.</summary>
    public bool Idle => _running.IsEmpty;

    /// <inheritdoc />
    public Task StartAsync(CancellationToken cancellationToken)
    {
        // What was running when the last process died is queued again, ahead of its priority peers, and resumes its session.
        foreach (var (taskId, attempt) in _store.Running())
        {
            if (attempt.CancelRequested)
            {
                // Cancelled by a person before the process died: it stays cancelled (the answer was acknowledged).
                Finish(taskId, attempt with { Status = TaskState.Cancelled, Error = TaskStrings.CancelledByPerson, NextPrompt = null });
                continue;
            }

            // Its next prompt is still the one it was given when that never reached the session's journal (a follow-up
            // acknowledged just before the crash), else the resume note (see RunAttemptAsync).
            var resumed = attempt with { Status = TaskState.Queued, Resumes = attempt.Resumes + 1 };
            _store.SaveAttempt(taskId, resumed);
            Publish(taskId, attempt.Number, new AttemptStatusEvent(attempt.Number, TaskState.Queued, TaskStrings.Resuming) { Time = _options.Time.GetUtcNow() });
        }

        _dispatcher = Task.Run(DispatchAsync, CancellationToken.None);
        if (_shared is not null)
            _answers = Task.Run(ApplyAnswersAsync, CancellationToken.None);
        return Task.CompletedTask;
    }

    /// <inheritdoc />
    public async Task<TaskRecord> SubmitAsync(TaskSpec spec, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(spec);
        if (string.IsNullOrWhiteSpace(spec.Prompt))
            throw new TaskException(TaskErrorKind.Invalid, TaskStrings.EmptyPrompt);
        if (spec.Attempts is < 1 or > 8)
            throw new TaskException(TaskErrorKind.Invalid, string.Format(CultureInfo.InvariantCulture, TaskStrings.BadAttempts, spec.Attempts));
        if (spec.BudgetUsd is <= 0)
            throw new TaskException(TaskErrorKind.Invalid, TaskStrings.BadBudget);
        try
        {
            _ = WrightRuntime.ParseMode(spec.Mode) ?? throw new ConfigException("");
        }
        catch (ConfigException)
        {
            throw new TaskException(TaskErrorKind.Invalid, string.Format(CultureInfo.InvariantCulture, TaskStrings.BadMode, spec.Mode));
        }

        try
        {
            WrightRuntime.CheckModel(spec.Model, _options.Environment, spec.BudgetUsd is not null);
        }
        catch (ConfigException e)
        {
            throw new TaskException(TaskErrorKind.Invalid, e.Message);
        }

        if (RemoteUrl.IsUrl(spec.Repo) && RemoteUrl.Refusal(spec.Repo) is { } refused)
            throw new TaskException(TaskErrorKind.Invalid, refused);
        string local;
        try
        {
            local = Remote(spec.Repo) ? await LocalRepositoryAsync(spec.Repo, cancellationToken) : spec.Repo;
        }
        catch (IOException e)
        {
            throw new TaskException(TaskErrorKind.Invalid, e.Message);
        }

        await Worktrees.ResolveAsync(local, spec.Base, cancellationToken, spec.Repo);
        var task = _store.Create(spec);
        foreach (var attempt in task.Attempts)
            Publish(task.Id, attempt.Number, new AttemptStatusEvent(attempt.Number, TaskState.Queued, null) { Time = _options.Time.GetUtcNow() });
        _wake.Release();
        return task;
    }

    /// <inheritdoc />
    public TaskRecord? Get(string id) => Overlay(_store.Get(id));

    /// <inheritdoc />
    public IReadOnlyList<TaskRecord> List(string? status = null, string? repo = null)
    {
        var waiting = _shared is null ? null : WaitingAttempts(null);
        return [.. _store.List(null, repo).Select(t => Overlay(t, waiting)!).Where(t => status is null || t.Status == status)];
    }

    /// <inheritdoc />
    public async Task<TaskRecord> CancelAsync(string id, CancellationToken cancellationToken)
    {
        var task = Require(id);
        foreach (var attempt in task.Attempts)
        {
            if (attempt.Status == TaskState.Queued)
            {
                Finish(id, attempt with { Status = TaskState.Cancelled, Error = TaskStrings.CancelledByPerson, NextPrompt = null });
            }
            else if (_running.TryGetValue((id, attempt.Number), out var running))
            {
                _store.RequestCancel(id, attempt.Number); // durable before it is acknowledged: a restart will not resume it
                running.StopReason = TaskState.Cancelled;
                await running.Stop.CancelAsync();
            }
            else if (!TaskState.IsFinal(attempt.Status))
            {
                // Running in another process sharing the store (a fleet node): its runner sees the request and stops.
                _store.RequestCancel(id, attempt.Number);
            }
        }

        await WaitStoppedAsync(id, cancellationToken);
        return Require(id);
    }

    /// <inheritdoc />
    public async Task<TaskRecord> RetryAsync(string id, int? attempt, CancellationToken cancellationToken)
    {
        var task = Require(id);
        var chosen = task.Attempts.Where(a => attempt is null ? TaskState.IsFinal(a.Status) && a.Status != TaskState.Succeeded : a.Number == attempt).ToList();
        if (attempt is not null && chosen.Count == 0)
            throw new TaskException(TaskErrorKind.NotFound, string.Format(CultureInfo.InvariantCulture, TaskStrings.NoSuchAttempt, id, attempt));
        if (attempt is null && chosen.Count == 0)
            chosen = [.. task.Attempts.Where(a => TaskState.IsFinal(a.Status))];
        if (chosen.Count == 0)
            throw new TaskException(TaskErrorKind.Conflict, string.Format(CultureInfo.InvariantCulture, TaskStrings.StillRunning, id, task.Attempts[0].Number));
        foreach (var a in chosen)
        {
            if (!TaskState.IsFinal(a.Status))
                throw new TaskException(TaskErrorKind.Conflict, string.Format(CultureInfo.InvariantCulture, TaskStrings.StillRunning, id, a.Number));
        }

        foreach (var a in chosen)
        {
            await RemoveAttemptAsync(task, a, cancellationToken);
            var fresh = new AttemptRecord { Number = a.Number, Status = TaskState.Queued, Branch = a.Branch, NextPrompt = task.Spec.Prompt };
            _store.SaveAttempt(id, fresh);
            Publish(id, a.Number, new AttemptStatusEvent(a.Number, TaskState.Queued, TaskStrings.Retrying) { Time = _options.Time.GetUtcNow() });
        }

        _wake.Release();
        return Require(id);
    }

    /// <inheritdoc />
    public Task<TaskRecord> FollowUpAsync(string id, int attempt, string message, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(message))
            throw new TaskException(TaskErrorKind.Invalid, TaskStrings.EmptyPrompt);
        var task = Require(id);
        var a = task.Attempts.FirstOrDefault(x => x.Number == attempt)
            ?? throw new TaskException(TaskErrorKind.NotFound, string.Format(CultureInfo.InvariantCulture, TaskStrings.NoSuchAttempt, id, attempt));
        if (!TaskState.IsFinal(a.Status))
            throw new TaskException(TaskErrorKind.Conflict, string.Format(CultureInfo.InvariantCulture, TaskStrings.StillRunning, id, attempt));
        _store.SaveAttempt(id, a with { Status = TaskState.Queued, NextPrompt = message, Error = null });
        Publish(id, attempt, new AttemptStatusEvent(attempt, TaskState.Queued, TaskStrings.FollowUpQueued) { Time = _options.Time.GetUtcNow() });
        _wake.Release();
        return Task.FromResult(Require(id));
    }

    /// <inheritdoc />
    public async Task DeleteAsync(string id, CancellationToken cancellationToken)
    {
        var task = Require(id);
        foreach (var attempt in task.Attempts)
        {
            if (_running.TryGetValue((id, attempt.Number), out var running))
            {
                _store.RequestCancel(id, attempt.Number);
                running.StopReason = TaskState.Cancelled;
                await running.Stop.CancelAsync();
            }
            else if (attempt.Status is TaskState.Running or TaskState.WaitingApproval)
            {
                _store.RequestCancel(id, attempt.Number); // another process runs it (a fleet node): it stops on its own
            }
        }

        // Queued attempts must not start while the worktrees go.
        foreach (var attempt in task.Attempts.Where(a => a.Status == TaskState.Queued))
            _store.SaveAttempt(id, attempt with { Status = TaskState.Cancelled });
        await WaitStoppedAsync(id, cancellationToken);
        foreach (var attempt in task.Attempts)
            await RemoveAttemptAsync(task, attempt, cancellationToken);
        _store.Delete(id);
        Signal(id);
    }

    /// <inheritdoc />
    public async IAsyncEnumerable<TaskEvent> EventsAsync(string id, long afterId, bool follow, bool untilDone,
        [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        Require(id);
        var position = afterId;
        while (!cancellationToken.IsCancellationRequested)
        {
            var signal = SignalOf(id);
            var batch = _store.Events(id, position);
            foreach (var item in batch)
            {
                position = item.Id;
                yield return item;
            }

            if (batch.Count > 0)
                continue;
            if (!follow)
                yield break;
            var task = _store.Get(id); // whether it is finished (waiting for a person is not)
            if (task is null || (untilDone && TaskState.IsFinal(task.Status) && _store.Events(id, position, 1).Count == 0))
                yield break;
            try
            {
                await signal.Task.WaitAsync(_options.EventPoll, _options.Time, cancellationToken);
            }
            catch (TimeoutException)
            {
                // Look again (a store shared with other processes does not signal).
            }
            catch (OperationCanceledException)
            {
                yield break;
            }
        }
    }

    /// <inheritdoc />
    public async Task<AttemptDiff> DiffAsync(string id, int attempt, CancellationToken cancellationToken)
    {
        var (task, a) = RequireAttempt(id, attempt);
        if (a.BaseCommit is null)
            throw new TaskException(TaskErrorKind.Conflict, string.Format(CultureInfo.InvariantCulture, TaskStrings.NotStarted, id, attempt));
        if (!Remote(task.Spec.Repo))
            return await Worktrees.DiffAsync(task.Spec.Repo, a.BaseCommit, a.Branch, cancellationToken);
        // A remote's attempt may have run on any node: its branch as that node pushed it, read into this node's mirror.
        var mirror = await LocalRepositoryAsync(task.Spec.Repo, cancellationToken);
        var head = await RemoteBranches.FetchAsync(mirror, task.Spec.Repo, a.Branch, cancellationToken, PublishedHead(id, a));
        return await Worktrees.DiffAsync(mirror, a.BaseCommit, a.Branch, cancellationToken, head);
    }

    /// <inheritdoc />
    public async Task<ApplyResult> ApplyAsync(string id, int attempt, ApplyRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var (task, a) = RequireAttempt(id, attempt);
        if (a.BaseCommit is null)
            throw new TaskException(TaskErrorKind.Conflict, string.Format(CultureInfo.InvariantCulture, TaskStrings.NotStarted, id, attempt));
        if (!TaskState.IsFinal(a.Status))
            throw new TaskException(TaskErrorKind.Conflict, string.Format(CultureInfo.InvariantCulture, TaskStrings.StillRunning, id, attempt));
        var message = string.Format(CultureInfo.InvariantCulture, TaskStrings.MergeMessage, a.Branch, FirstLine(task.Spec.Prompt));
        ApplyResult result;
        if (Remote(task.Spec.Repo))
        {
            // Through this node's mirror, fetched now (the target branch as the remote has it, the attempt's branch as
            // its node pushed it); a merge or push changes the remote, never a node's copy alone.
            var mirror = await LocalRepositoryAsync(task.Spec.Repo, cancellationToken);
            var head = await RemoteBranches.FetchAsync(mirror, task.Spec.Repo, a.Branch, cancellationToken, PublishedHead(id, a));
            result = await Worktrees.ApplyAsync(mirror, a.BaseCommit, a.Branch, request, task.Spec.Base, message, cancellationToken, head, task.Spec.Repo);
        }
        else
        {
            result = await Worktrees.ApplyAsync(task.Spec.Repo, a.BaseCommit, a.Branch, request, task.Spec.Base, message, cancellationToken);
        }
        if (result.Applied)
            Publish(id, attempt, new AttemptStatusEvent(attempt, a.Status, result.Message) { Time = _options.Time.GetUtcNow() });
        return result;
    }

    public async ValueTask DisposeAsync()
    {
        await _stopping.CancelAsync();
        foreach (var running in _running.Values)
        {
            running.StopReason ??= "stopping";
            await running.Stop.CancelAsync();
        }

        await _dispatcher.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        await _answers.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        await Task.WhenAll(_running.Values.Select(r => r.Completion)).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        _stopping.Dispose();
        _wake.Dispose();
    }

    private TaskRecord Require(string id) =>
        Get(id) ?? throw new TaskException(TaskErrorKind.NotFound, string.Format(CultureInfo.InvariantCulture, TaskStrings.NoSuchTask, id));

    private (TaskRecord Task, AttemptRecord Attempt) RequireAttempt(string id, int attempt)
    {
        var task = Require(id);
        var a = task.Attempts.FirstOrDefault(x => x.Number == attempt)
            ?? throw new TaskException(TaskErrorKind.NotFound, string.Format(CultureInfo.InvariantCulture, TaskStrings.NoSuchAttempt, id, attempt));
        return (task, a);
    }

    /// <summary>
    /// The stored task with which attempts wait for a person: what this process knows, or with a shared store, what the
    /// store lists (<paramref name="waiting"/>: the attempts with an open request, read once for a whole list).
    /// </summary>
    private TaskRecord? Overlay(TaskRecord? task, IReadOnlySet<(string, int)>? waiting = null)
    {
        if (task is null)
            return null;
        if (_shared is not null)
            waiting ??= WaitingAttempts(task.Id);
        var attempts = task.Attempts.Select(a =>
            a.Status == TaskState.Running && (waiting is not null
                ? waiting.Contains((task.Id, a.Number))
                : _running.TryGetValue((task.Id, a.Number), out var r) && PendingOf(r).Any())
                ? a with { Status = TaskState.WaitingApproval }
                : a).ToList();
        return task with { Attempts = attempts, Status = TaskState.Of(attempts.Select(a => a.Status)) };
    }

    private async Task WaitStoppedAsync(string id, CancellationToken cancellationToken)
    {
        var tasks = _running.Values.Where(r => r.TaskId == id).Select(r => r.Completion).ToList();
        await Task.WhenAll(tasks).WaitAsync(TimeSpan.FromSeconds(30), cancellationToken).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        // An attempt another process runs: wait (bounded) until its runner wrote it as finished.
        var until = _options.Time.GetUtcNow() + TimeSpan.FromSeconds(30);
        while (_store.Get(id) is { } task && task.Attempts.Any(a => !TaskState.IsFinal(a.Status) && a.CancelRequested) && _options.Time.GetUtcNow() < until)
            await Task.Delay(TimeSpan.FromMilliseconds(200), _options.Time, cancellationToken).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
    }

    private void Finish(string taskId, AttemptRecord attempt)
    {
        _store.SaveAttempt(taskId, attempt);
        Publish(taskId, attempt.Number, new AttemptStatusEvent(attempt.Number, attempt.Status, attempt.Error) { Time = _options.Time.GetUtcNow() });
    }

    private void Publish(string taskId, int attempt, AttemptStatusEvent item) =>
        Append(taskId, attempt, JsonSerializer.Serialize(item, TasksJsonContext.Default.AttemptStatusEvent));

    private void Append(string taskId, int attempt, string json)
    {
        _store.AppendEvent(taskId, attempt, json);
        Signal(taskId);
    }

    private TaskCompletionSource SignalOf(string taskId) =>
        _signals.GetOrAdd(taskId, _ => new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously));

    private void Signal(string taskId)
    {
        if (_signals.TryRemove(taskId, out var signal))
            signal.TrySetResult();
    }

    private async Task<string> LocalRepositoryAsync(string repo, CancellationToken cancellationToken) =>
        _options.LocalRepository is { } local ? await local(repo, cancellationToken) : repo;

    /// <summary>The commit a finished attempt's branch must be on the remote (what its node pushed last), or null when unknown or still running.</summary>
    private string? PublishedHead(string id, AttemptRecord attempt) =>
        TaskState.IsFinal(attempt.Status) && _options.PublishedHead is { } published ? published(id, attempt.Number) : null;

    /// <summary>
    /// Whether the task's repository is a remote this process reaches only through its own mirror (a fleet node's git
    /// URL): its attempts' branches live on the remote, and diff, apply and remove read them from there.
    /// </summary>
    private bool Remote(string repo) => _options.LocalRepository is not null && RemoteUrl.IsUrl(repo);

    /// <summary>Whether <paramref name="worktree"/> is one of this process's own (another fleet node's is that node's).</summary>
    private bool Own(string worktree) =>
        Path.GetFullPath(worktree).StartsWith(Path.GetFullPath(_worktrees.Root).TrimEnd('/') + "/", StringComparison.Ordinal);

    /// <summary>
    /// Removes an attempt's worktree — only one of this process's own — and its branch: in the repository; for a fleet
    /// node, also in its mirror, and for a remote, on the remote.
    /// </summary>
    private async Task RemoveAttemptAsync(TaskRecord task, AttemptRecord attempt, CancellationToken cancellationToken)
    {
        var worktree = attempt.Worktree ?? _worktrees.PathOf(task.Id, attempt.Number);
        var own = Own(worktree) ? worktree : null;
        if (_options.LocalRepository is null)
        {
            await Worktrees.RemoveAsync(task.Spec.Repo, own, attempt.Branch, cancellationToken);
            return;
        }

        string mirror;
        try
        {
            mirror = await LocalRepositoryAsync(task.Spec.Repo, cancellationToken);
        }
        catch (IOException)
        {
            return; // the remote is unreachable: the branch stays on it; nothing else depends on it
        }

        await Worktrees.RemoveAsync(mirror, own, attempt.Branch, cancellationToken);
        if (Remote(task.Spec.Repo))
            await RemoteBranches.DeleteAsync(mirror, task.Spec.Repo, attempt.Branch, cancellationToken);
        else
            await Worktrees.RemoveAsync(task.Spec.Repo, null, attempt.Branch, cancellationToken);
    }

    private static string FirstLine(string text)
    {
        var line = text.Trim().Split('\n')[0].Trim();
        return line.Length > 72 ? line[..72] : line;
    }
}
