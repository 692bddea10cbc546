using System.Globalization;
using Wright.Core.Approvals;
using Wright.Tasks.Store;
using Wright.Tasks.Text;

namespace Wright.Tasks.Scheduling;

/// <summary>
/// Approval requests. One process: they live in the running attempts' sessions and queues, and are answered there. With
/// a store shared by a fleet's nodes (<see cref="ISharedApprovals"/>): the node that runs an attempt records each of its
/// requests in the store before the request's event is written, any node's API lists them from the store and records
/// an answer there (durable, first answer wins), and the running node applies it at its next poll
/// (<see cref="SchedulerOptions.EventPoll"/>), or at once when the answer reached that node itself.
/// </summary>
public sealed partial class InProcessScheduler
{
    /// <inheritdoc />
    public IReadOnlyList<PendingApprovalInfo> Approvals(string? taskId = null) =>
        _shared is not null
            ? _shared.PendingApprovals(taskId)
            : [.. _running.Values.Where(r => taskId is null || r.TaskId == taskId).OrderBy(r => r.TaskId, StringComparer.Ordinal).ThenBy(r => r.Number)
                .SelectMany(PendingOf)];

    /// <inheritdoc />
    public bool AnswerApproval(string taskId, int attempt, string callId, string? sessionId, ApprovalAnswer answer)
    {
        ArgumentNullException.ThrowIfNull(answer);
        _running.TryGetValue((taskId, attempt), out var running);
        if (_shared is null)
        {
            if (running is null)
                return false;
            if (ApplyLocally(running, callId, sessionId, answer))
                return true;
            if (running.Answered.ContainsKey(callId))
                throw new TaskException(TaskErrorKind.Conflict, string.Format(CultureInfo.InvariantCulture, TaskStrings.AlreadyAnswered, callId, attempt, taskId));
            return false;
        }

        var (outcome, asked) = _shared.RecordAnswer(taskId, attempt, callId, sessionId, answer);
        if (outcome == ApprovalWriteOutcome.NotFound && running is not null && PendingOf(running).Any(p => p.Request.CallId == callId))
        {
            // Asked here a moment ago and not in the store yet: record it, then the answer.
            PublishApprovals(running);
            (outcome, asked) = _shared.RecordAnswer(taskId, attempt, callId, sessionId, answer);
        }

        switch (outcome)
        {
            case ApprovalWriteOutcome.NotFound:
                return false;
            case ApprovalWriteOutcome.AlreadyAnswered:
                throw new TaskException(TaskErrorKind.Conflict, string.Format(CultureInfo.InvariantCulture, TaskStrings.AlreadyAnswered, callId, attempt, taskId));
            case ApprovalWriteOutcome.NoLongerWaiting:
                throw new TaskException(TaskErrorKind.Conflict, string.Format(CultureInfo.InvariantCulture, TaskStrings.NoLongerWaiting, callId, attempt, taskId));
        }

        // Durable now. Running here: applied at once; else the node that runs it applies it at its next poll.
        if (running is not null)
            Apply(running, new RecordedAnswer(taskId, attempt, asked, callId, answer));
        return true;
    }

    /// <summary>
    /// What an attempt waits on: the engine's open requests (opened before their <c>approval_requested</c> event is
    /// emitted, so a client that saw the event finds the request), then the egress questions only the queue holds.
    /// </summary>
    private static IEnumerable<PendingApprovalInfo> PendingOf(RunningAttempt running)
    {
        var approvals = running.Approvals;
        var listed = new HashSet<string>(StringComparer.Ordinal);
        if (running.Session is { } session)
        {
            foreach (var item in session.PendingApprovals.Items)
            {
                listed.Add(item.Request.CallId);
                var subagent = item.SessionId == session.Id ? null : item.SessionId;
                yield return new PendingApprovalInfo(running.TaskId, running.Number, item.Request, approvals?.Since(item.Request.CallId) ?? DateTimeOffset.MinValue, subagent);
            }
        }

        foreach (var (request, since) in approvals?.Pending ?? [])
        {
            if (!listed.Contains(request.CallId))
                yield return new PendingApprovalInfo(running.TaskId, running.Number, request, since, null);
        }
    }

    /// <summary>
    /// Answers a request of an attempt running here: a tool call's in the engine, by call id (and session, for a
    /// subagent's call); what the engine does not hold (the sandbox's egress questions) in the attempt's own queue.
    /// </summary>
    private static bool ApplyLocally(RunningAttempt running, string callId, string? sessionId, ApprovalAnswer answer)
    {
        var applied = (running.Session is { } session && session.ResolveApproval(callId, answer, sessionId))
            || (sessionId is null && running.Approvals is { } approvals && approvals.Answer(callId, answer));
        if (applied)
            running.Answered[callId] = true;
        return applied;
    }

    /// <summary>Applies an answer recorded in the shared store to the attempt running here, then closes its request there.</summary>
    private void Apply(RunningAttempt running, RecordedAnswer recorded)
    {
        // The store names the session that asked ("" there, null here: the attempt's own); the engine, by its id.
        var session = recorded.SessionId ?? running.Session?.Id;
        if (!ApplyLocally(running, recorded.CallId, session, recorded.Answer) && recorded.SessionId is null)
            ApplyLocally(running, recorded.CallId, null, recorded.Answer);
        try
        {
            _shared!.CloseApproval(recorded.TaskId, recorded.Attempt, recorded.SessionId, recorded.CallId);
            lock (running.Published)
                running.Published.Remove((recorded.SessionId ?? "", recorded.CallId));
        }
        catch (AttemptLostException)
        {
            Lose(running);
        }
    }

    /// <summary>
    /// Makes the shared store's list of the attempt's waiting requests what it waits on now (called when a request opens
    /// or closes, before the engine emits its event). Never throws into the engine: a lost attempt is stopped.
    /// </summary>
    private void PublishApprovals(RunningAttempt running)
    {
        if (_shared is null)
            return;
        try
        {
            lock (running.Published)
            {
                var now = PendingOf(running).ToList();
                var keys = now.Select(p => (p.SessionId ?? "", p.Request.CallId)).ToHashSet();
                foreach (var pending in now)
                {
                    if (running.Published.Add((pending.SessionId ?? "", pending.Request.CallId)))
                        _shared.OpenApproval(pending);
                }

                foreach (var gone in running.Published.Where(k => !keys.Contains(k)).ToList())
                {
                    _shared.CloseApproval(running.TaskId, running.Number, gone.Session.Length == 0 ? null : gone.Session, gone.Call);
                    running.Published.Remove(gone);
                }
            }
        }
        catch (AttemptLostException)
        {
            Lose(running);
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            // The store past its patience: the request is recorded at the next change, or answered on this node meanwhile.
            System.Diagnostics.Trace.TraceWarning("wright: recording an approval request failed: " + e.Message);
        }
    }

    /// <summary>The attempts with a request waiting in the shared store (of one task, or all).</summary>
    private HashSet<(string, int)> WaitingAttempts(string? taskId) => [.. _shared!.PendingApprovals(taskId).Select(p => (p.TaskId, p.Attempt))];

    /// <summary>Another node owns the attempt now: this one stops it and writes nothing more about it.</summary>
    private static void Lose(RunningAttempt running)
    {
        running.StopReason ??= "lost";
        // Not from inside the engine's own call (this may run in its request's change event): on the thread pool.
        _ = running.Stop.CancelAsync();
    }

    /// <summary>
    /// With a shared store: applies the answers other nodes recorded for the attempts running here, every
    /// <see cref="SchedulerOptions.EventPoll"/> while one of them waits.
    /// </summary>
    private async Task ApplyAnswersAsync()
    {
        var token = _stopping.Token;
        while (!token.IsCancellationRequested)
        {
            try
            {
                await Task.Delay(_options.EventPoll, _options.Time, token);
            }
            catch (OperationCanceledException)
            {
                break;
            }

            try
            {
                if (!_running.Values.Any(r => { lock (r.Published) return r.Published.Count > 0; }))
                    continue;
                foreach (var recorded in _shared!.UnappliedAnswers())
                {
                    if (_running.TryGetValue((recorded.TaskId, recorded.Attempt), out var running))
                        Apply(running, recorded);
                }
            }
            catch (Exception e) when (e is not OperationCanceledException and not OutOfMemoryException)
            {
                // The store is away: look again at the next tick.
                System.Diagnostics.Trace.TraceWarning("wright: reading approval answers failed: " + e.Message);
            }
        }
    }
}
