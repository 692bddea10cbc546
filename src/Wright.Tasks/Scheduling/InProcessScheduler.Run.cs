using System.Globalization;
using System.Text.Json;
using Wright.Core.Events;
using Wright.Runtime;
using Wright.Runtime.Configuration;
using Wright.Runtime.Setup;
using Wright.Sessions.Store;
using Wright.Tasks.Git;
using Wright.Tasks.Store;
using Wright.Tasks.Text;

namespace Wright.Tasks.Scheduling;

public sealed partial class InProcessScheduler
{
    /// <summary>Starts queued attempts while there is room, in priority then queue order; wakes on every change.</summary>
    private async Task DispatchAsync()
    {
        var token = _stopping.Token;
        while (!token.IsCancellationRequested)
        {
            try
            {
                while (!Draining && _running.Count < _options.MaxParallel)
                {
                    var skip = _running.Keys.ToHashSet();
                    if (_store.NextQueued(skip) is not { } next)
                        break;
                    var running = new RunningAttempt(next.TaskId, next.Attempt.Number);
                    if (!_running.TryAdd((next.TaskId, next.Attempt.Number), running))
                        break;
                    var started = next.Attempt with { Status = TaskState.Running, Error = null };
                    try
                    {
                        Finish(next.TaskId, started);
                    }
                    catch (AttemptLostException)
                    {
                        _running.TryRemove((next.TaskId, next.Attempt.Number), out _);
                        continue;
                    }

                    running.Completion = Task.Run(() => RunAttemptAsync(running, started), CancellationToken.None);
                }

                StopCancelledElsewhere();
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                // The store is unreachable (a shared database restarting): try again on the next tick, never give up.
                System.Diagnostics.Trace.TraceWarning("wright: the task store failed: " + e.Message);
            }

            try
            {
                await _wake.WaitAsync(TimeSpan.FromSeconds(1), token);
            }
            catch (OperationCanceledException)
            {
                break;
            }
        }
    }

    /// <summary>Stops the attempts a person cancelled through another process sharing the store (a fleet node).</summary>
    private void StopCancelledElsewhere()
    {
        foreach (var running in _running.Values)
        {
            if (running.StopReason is not null)
                continue;
            var attempt = _store.Get(running.TaskId)?.Attempts.FirstOrDefault(a => a.Number == running.Number);
            if (attempt is null || attempt.CancelRequested)
            {
                running.StopReason = TaskState.Cancelled;
                running.Stop.Cancel();
            }
        }
    }

    private async Task RunAttemptAsync(RunningAttempt running, AttemptRecord attempt)
    {
        try
        {
            await RunAttemptCoreAsync(running, attempt);
        }
        catch (AttemptLostException)
        {
            // Another node owns the attempt now: nothing more is written from here.
            running.StopReason = "lost";
            await running.Stop.CancelAsync();
            _running.TryRemove((running.TaskId, running.Number), out _);
        }
        catch (Exception e) when (running.StopReason != "stopping")
        {
            // What nothing above expected (a bug, a store failure past its patience): the attempt ends as failed with the
            // reason, never stays "running" with no one running it.
            _running.TryRemove((running.TaskId, running.Number), out _);
            try
            {
                if (_store.Get(running.TaskId)?.Attempts.FirstOrDefault(a => a.Number == running.Number) is { } current && !TaskState.IsFinal(current.Status))
                    Finish(running.TaskId, current with { Status = TaskState.Failed, Error = e.Message, NextPrompt = null });
            }
            catch (Exception again) when (again is not OutOfMemoryException)
            {
                System.Diagnostics.Trace.TraceError("wright: attempt " + running.TaskId + "/" + running.Number + " failed and could not be recorded: " + again.Message);
            }

            _wake.Release();
        }
    }

    private async Task RunAttemptCoreAsync(RunningAttempt running, AttemptRecord attempt)
    {
        var taskId = running.TaskId;
        var token = running.Stop.Token;
        var started = _options.Time.GetTimestamp();
        string? lastError = null;
        RunFinished? finished = null;
        try
        {
            var task = _store.Get(taskId) ?? throw new TaskException(TaskErrorKind.NotFound, taskId);
            var spec = task.Spec;
            var repo = await LocalRepositoryAsync(spec.Repo, token);
            // A worktree another fleet node recorded (a follow-up of an attempt that ran there) is that node's: this one
            // makes its own, from the attempt's checkpoint (Restore).
            if (_options.LocalRepository is not null && attempt.Worktree is { } recordedWorktree && !Own(recordedWorktree))
                attempt = attempt with { Worktree = null };
            var planned = attempt.Worktree ?? _worktrees.PathOf(taskId, attempt.Number);
            if (_options.Restore is { } restore)
                await restore(new AttemptContext(taskId, attempt, spec.Repo, repo, planned), token);
            var baseCommit = attempt.BaseCommit ?? await Worktrees.ResolveAsync(repo, spec.Base, token);
            var path = await _worktrees.EnsureAsync(repo, attempt.Branch, planned, baseCommit,
                recorded: attempt.Worktree is not null, token);
            attempt = attempt with { BaseCommit = baseCommit, Worktree = path };
            _store.SaveAttempt(taskId, attempt);

            var approvals = new TimedApprovals(_options.ApprovalTimeout, _options.Time, () =>
            {
                running.StopReason = "approval_timeout";
                running.Stop.Cancel();
            }, () => PublishApprovals(running));
            running.Approvals = approvals;
            var host = new RuntimeHost
            {
                Environment = _options.Environment,
                Approvals = approvals,
                CurrentDirectory = path,
                Time = _options.Time,
            };
            var request = new SessionRequest
            {
                Workspace = path,
                Model = spec.Model,
                PermissionMode = spec.Mode,
                MaxBudgetUsd = spec.BudgetUsd,
                Resume = attempt.SessionId,
                // The worktree answers to the repository's trust, never more (ProjectTrust.TrustedPath). A remote has no
                // files anyone trusted: its project files are trusted nowhere but in the (bare, file-less) mirror, so never.
                TrustRoot = Remote(spec.Repo) ? repo : spec.Repo,
            };
            await using var session = await WrightRuntime.StartAsync(request, host, token);
            running.Session = session;
            // A fleet node records each request in the shared store as it opens (before its event), for every node's API.
            if (_shared is not null)
                session.PendingApprovals.Changed += () => PublishApprovals(running);
            // A new worktree is set up once, before the agent's first turn; the session id is saved only after, so an
            // attempt the server lost during its setup sets up again on restart.
            if (attempt.SessionId is null && await SetupAsync(session, taskId, attempt.Number, token) is { } setupError)
                throw new TaskException(TaskErrorKind.Conflict, setupError); // the attempt fails with it; the agent never starts

            if (attempt.SessionId != session.Id)
            {
                attempt = attempt with { SessionId = session.Id };
                _store.SaveAttempt(taskId, attempt);
            }

            var delivered = false;
            await foreach (var item in session.RunAsync(attempt.NextPrompt ?? spec.Prompt, token))
            {
                Append(taskId, attempt.Number, JsonSerializer.Serialize(item, AgentEventJsonContext.Default.AgentEvent));
                switch (item)
                {
                    case TurnStarted when !delivered:
                        // The prompt is in the session's journal now: should the process die from here on, the attempt
                        // resumes with the note, not with the prompt a second time.
                        delivered = true;
                        attempt = attempt with { NextPrompt = TaskStrings.ResumeNote };
                        _store.SaveAttempt(taskId, attempt);
                        break;
                    case ToolCallFinished when _options.Checkpoint is { } checkpoint:
                        await checkpoint(new AttemptContext(taskId, attempt, spec.Repo, repo, path), token);
                        break;
                    case ErrorOccurred failure:
                        lastError = failure.Message;
                        break;
                    case RunFinished run:
                        finished = run;
                        break;
                }
            }

            if (running.StopReason == "stopping")
                return; // the server stops: the attempt stays running in the store and resumes on restart
            await Worktrees.CommitAllAsync(repo, path, string.Format(System.Globalization.CultureInfo.InvariantCulture, TaskStrings.CommitMessage, FirstLine(spec.Prompt)), CancellationToken.None);
            if (_options.Checkpoint is { } final && attempt.SessionId is not null)
                await final(new AttemptContext(taskId, attempt, spec.Repo, repo, path), CancellationToken.None); // pushes the branch, and the whole journal for a follow-up elsewhere
            else if (_options.PublishBranch is { } publish)
                await publish(spec.Repo, repo, attempt.Branch, CancellationToken.None);
        }
        catch (OperationCanceledException) when (token.IsCancellationRequested)
        {
            if (running.StopReason is "stopping" or "lost")
                return;
        }
        catch (Exception e) when (e is ConfigException or StoreException or IOException or TaskException or InvalidOperationException or UnauthorizedAccessException)
        {
            lastError = e.Message;
        }
        finally
        {
            running.Session = null;
            CloseApprovals(running);
            if (running.StopReason != "stopping")
                _running.TryRemove((taskId, attempt.Number), out _);
        }

        var status = running.StopReason switch
        {
            TaskState.Cancelled => TaskState.Cancelled,
            "approval_timeout" => TaskState.Failed,
            _ => finished?.Status == RunStatus.Success ? TaskState.Succeeded : finished?.Status == RunStatus.Cancelled ? TaskState.Cancelled : TaskState.Failed,
        };
        var error = running.StopReason switch
        {
            TaskState.Cancelled => TaskStrings.CancelledByPerson,
            "approval_timeout" => string.Format(System.Globalization.CultureInfo.InvariantCulture, TaskStrings.ApprovalTimedOut, _options.ApprovalTimeout?.TotalSeconds ?? 0),
            _ when status == TaskState.Succeeded => null,
            _ => lastError ?? (finished is null ? TaskStrings.NoRun : RunStatusName(finished.Status)),
        };
        var usage = finished?.Usage ?? TokenUsage.Zero;
        if (_store.Get(taskId) is null)
            return; // deleted meanwhile
        Finish(taskId, attempt with
        {
            Status = status,
            Error = error,
            NextPrompt = null,
            Result = finished?.Text ?? attempt.Result,
            InputTokens = attempt.InputTokens + usage.InputTokens,
            OutputTokens = attempt.OutputTokens + usage.OutputTokens,
            CostUsd = finished?.CostUsd is { } cost ? (attempt.CostUsd ?? 0) + cost : attempt.CostUsd,
            DurationMs = attempt.DurationMs + (long)_options.Time.GetElapsedTime(started).TotalMilliseconds,
        });
        _wake.Release();
    }

    /// <summary>
    /// Runs the worktree's <c>.wright/setup.sh</c> when the repository trusts it (see <see cref="SetupScript"/>), in the
    /// session's sandbox, its output as <c>setup</c> events of the attempt; an untrusted or unreadable script is
    /// skipped with an event saying so. Returns why the attempt must fail (a non-zero exit, the timeout, no sandbox),
    /// or null to go on.
    /// </summary>
    private async Task<string?> SetupAsync(RuntimeSession session, string taskId, int number, CancellationToken token)
    {
        var script = session.FindSetupScript();
        void Emit(string phase, string? text, int? exitCode = null) =>
            Append(taskId, number, JsonSerializer.Serialize(new SetupEvent(number, phase, text) { ExitCode = exitCode, Time = _options.Time.GetUtcNow() }, TasksJsonContext.Default.SetupEvent));
        switch (script.State)
        {
            case SetupScriptState.Absent:
                return null;
            case SetupScriptState.Untrusted:
                Emit("skipped", TaskStrings.SetupUntrusted);
                return null;
            case SetupScriptState.Unreadable:
                Emit("skipped", TaskStrings.SetupUnreadable);
                return null;
        }

        Emit("started", SetupScript.RelativePath);
        SetupScriptResult result;
        try
        {
            result = await session.RunSetupScriptAsync(script, _options.SetupTimeout, line => Emit("output", line), token);
        }
        catch (InvalidOperationException e)
        {
            Emit("finished", e.Message, -1);
            return string.Format(CultureInfo.InvariantCulture, TaskStrings.SetupCouldNotRun, e.Message);
        }

        Emit("finished", result.LimitNote, result.ExitCode);
        if (result.TimedOut)
            return string.Format(CultureInfo.InvariantCulture, TaskStrings.SetupTimedOut, _options.SetupTimeout.TotalSeconds);
        return result.ExitCode == 0 ? null : string.Format(CultureInfo.InvariantCulture, TaskStrings.SetupFailed, result.ExitCode);
    }

    /// <summary>With a shared store: nothing of the attempt waits here any longer (its run ended on this node).</summary>
    private void CloseApprovals(RunningAttempt running)
    {
        if (_shared is null)
            return;
        try
        {
            lock (running.Published)
                running.Published.Clear();
            _shared.CloseApprovals(running.TaskId, running.Number);
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            // Lost to another node (its requests were closed when it moved), or the store is away: a new run asks anew.
            System.Diagnostics.Trace.TraceWarning("wright: closing the approval requests failed: " + e.Message);
        }
    }

    private static string RunStatusName(RunStatus status) => JsonSerializer.Serialize(status, AgentEventJsonContext.Default.RunStatus).Trim('"');
}
