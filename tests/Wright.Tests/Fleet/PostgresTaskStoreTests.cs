using Wright.Core.Approvals;
using Wright.Node.Store;
using Wright.Tasks;
using Wright.Tasks.Scheduling;
using Wright.Tasks.Store;
using Wright.Tests.Tasks;

namespace Wright.Tests.Fleet;

/// <summary>
/// The store contract against PostgreSQL (the fleet's queue), and what only a shared store must do: two nodes never
/// claim the same attempt, and a node the fleet gave up on cannot write over the one that took its work.
/// </summary>
public sealed class PostgresTaskStoreTests(PostgresServer server) : TaskStoreContract, IClassFixture<PostgresServer>, IAsyncLifetime
{
    private string _database = "";

    public async ValueTask InitializeAsync() => _database = await server.CreateDatabaseAsync();

    public ValueTask DisposeAsync()
    {
        Directory.Delete(Dir, recursive: true);
        return ValueTask.CompletedTask;
    }

    protected override ITaskStore Open() => PostgresTaskStore.Open(_database);

    [Fact]
    public async Task Nodes_claiming_at_once_take_each_attempt_exactly_once()
    {
        using (var setup = Open())
        {
            for (var i = 0; i < 10; i++)
                setup.Create(Spec(attempts: 3));
        }

        var claims = await Task.WhenAll(Enumerable.Range(0, 3).Select(node => Task.Run(() =>
        {
            using var store = PostgresTaskStore.Open(_database, owner: "node" + node);
            var mine = new List<(string, int)>();
            while (store.NextQueued(new HashSet<(string, int)>()) is { } next)
                mine.Add((next.TaskId, next.Attempt.Number));
            return mine;
        }, TestContext.Current.CancellationToken)));
        var all = claims.SelectMany(c => c).ToList();
        Assert.Equal(30, all.Count);
        Assert.Equal(30, all.Distinct().Count());
        using var check = Open();
        Assert.Equal(30, check.Running().Count);
    }

    [Fact]
    public void A_node_whose_work_was_given_to_another_can_write_nothing_more_about_it()
    {
        using var a = PostgresTaskStore.Open(_database, owner: "a");
        using var b = PostgresTaskStore.Open(_database, owner: "b");
        var task = a.Create(Spec());
        var claimed = a.NextQueued(new HashSet<(string, int)>())!.Value;
        a.SaveAttempt(task.Id, claimed.Attempt with { Status = TaskState.Running, SessionId = "s1" });
        a.AppendEvent(task.Id, 1, "{\"by\":\"a\"}");

        // Another node may not write over a running attempt that is not its own.
        var refused = Assert.Throws<TaskException>(() => b.SaveAttempt(task.Id, claimed.Attempt with { Status = TaskState.Failed }));
        Assert.Equal(TaskErrorKind.Conflict, refused.Kind);

        // Orleans declares "a" dead: its attempt goes back to the queue, "b" takes it.
        var requeued = Assert.Single(b.Requeue(["a"], (_, attempt, _) => attempt with { Resumes = attempt.Resumes + 1 }));
        Assert.Equal(TaskState.Queued, requeued.Attempt.Status);
        var taken = b.NextQueued(new HashSet<(string, int)>())!.Value;
        Assert.Equal(task.Id, taken.TaskId);
        b.SaveAttempt(task.Id, taken.Attempt with { Status = TaskState.Running });

        // "a" wakes up (a SIGSTOP, a partition) and carries on: every write of it is refused.
        Assert.Throws<AttemptLostException>(() => a.SaveAttempt(task.Id, claimed.Attempt with { Status = TaskState.Succeeded, Result = "stale" }));
        Assert.Throws<AttemptLostException>(() => a.AppendEvent(task.Id, 1, "{\"by\":\"a, late\"}"));
        Assert.Throws<AttemptLostException>(() => a.SaveCheckpoint(task.Id, 1, new Checkpoint("s1", [1, 2, 3], "abc")));

        b.AppendEvent(task.Id, 1, "{\"by\":\"b\"}");
        b.SaveAttempt(task.Id, taken.Attempt with { Status = TaskState.Succeeded, Result = "done by b" });
        var after = b.Get(task.Id)!.Attempts[0];
        Assert.Equal("done by b", after.Result);
        Assert.Equal(1, after.Resumes);
        Assert.Equal(["{\"by\":\"a\"}", "{\"by\":\"b\"}"], b.Events(task.Id, 0).Select(e => e.Json));
    }

    [Fact]
    public void A_checkpoint_is_kept_for_the_node_that_takes_over_and_a_requeue_of_nobody_changes_nothing()
    {
        using var a = PostgresTaskStore.Open(_database, owner: "a");
        var task = a.Create(Spec());
        var claimed = a.NextQueued(new HashSet<(string, int)>())!.Value;
        a.SaveAttempt(task.Id, claimed.Attempt with { Status = TaskState.Running, SessionId = "s1" });
        a.SaveCheckpoint(task.Id, 1, new Checkpoint("s1", [1, 2, 3], "abc"));
        Assert.Empty(a.Requeue([], (_, x, _) => x));
        Assert.Empty(a.Requeue(["nobody"], (_, x, _) => x));

        using var b = PostgresTaskStore.Open(_database, owner: "b");
        string? seen = null;
        b.Requeue(["a"], (_, x, session) =>
        {
            seen = session;
            return x;
        });
        Assert.Equal("s1", seen);
        var checkpoint = b.LoadCheckpoint(task.Id, 1)!;
        Assert.Equal([1, 2, 3], checkpoint.Journal);
        Assert.Equal("abc", checkpoint.Head);
    }

    [Fact]
    public async Task An_approval_asked_by_one_node_is_listed_by_all_and_answered_once_by_the_first_of_racing_nodes()
    {
        using var owner = PostgresTaskStore.Open(_database, owner: "a");
        var task = owner.Create(Spec());
        var claimed = owner.NextQueued(new HashSet<(string, int)>())!.Value;
        owner.SaveAttempt(task.Id, claimed.Attempt with { Status = TaskState.Running, SessionId = "s1" });
        var since = DateTimeOffset.UtcNow;
        owner.OpenApproval(new PendingApprovalInfo(task.Id, 1, Request("call_1"), since, null));
        owner.OpenApproval(new PendingApprovalInfo(task.Id, 1, Request("call_1"), since, "sub-1")); // a subagent's call may repeat an id

        using var other = PostgresTaskStore.Open(_database, owner: "b");
        var listed = other.PendingApprovals(task.Id);
        Assert.Equal(2, listed.Count);
        Assert.All(listed, p => Assert.Equal("write_file", p.Request.Tool));
        Assert.Equal("{\"path\":\"x\"}", listed[0].Request.Arguments);
        Assert.Contains(listed, p => p.SessionId == "sub-1");
        Assert.Empty(other.PendingApprovals("no-such-task"));

        // What the attempt never asked is not found (another call, another attempt, another task).
        Assert.Equal(ApprovalWriteOutcome.NotFound, other.RecordAnswer(task.Id, 1, "call_2", null, ApprovalAnswer.Once).Outcome);
        Assert.Equal(ApprovalWriteOutcome.NotFound, other.RecordAnswer(task.Id, 2, "call_1", null, ApprovalAnswer.Once).Outcome);
        Assert.Equal(ApprovalWriteOutcome.NotFound, other.RecordAnswer("t-other", 1, "call_1", null, ApprovalAnswer.Once).Outcome);

        // Eight nodes answer the attempt's own request at once: exactly one answer is recorded.
        var outcomes = await Task.WhenAll(Enumerable.Range(0, 8).Select(i => Task.Run(() =>
        {
            using var node = PostgresTaskStore.Open(_database, owner: "n" + i);
            return node.RecordAnswer(task.Id, 1, "call_1", null, i % 2 == 0 ? ApprovalAnswer.Once : ApprovalAnswer.No("no " + i)).Outcome;
        }, TestContext.Current.CancellationToken)));
        Assert.Single(outcomes, o => o == ApprovalWriteOutcome.Recorded);
        Assert.Equal(7, outcomes.Count(o => o == ApprovalWriteOutcome.AlreadyAnswered));

        // The subagent's request is still waiting; answered by its session id, "always".
        Assert.Equal("sub-1", Assert.Single(other.PendingApprovals(task.Id)).SessionId);
        Assert.Equal((ApprovalWriteOutcome.Recorded, "sub-1"), other.RecordAnswer(task.Id, 1, "call_1", "sub-1", ApprovalAnswer.Always));
        Assert.Empty(other.PendingApprovals(null));

        // The owner (only it) reads both answers until it applied them.
        Assert.Empty(other.UnappliedAnswers());
        var answers = owner.UnappliedAnswers();
        Assert.Equal(2, answers.Count);
        Assert.Equal(ApprovalAnswer.Always, answers.Single(x => x.SessionId == "sub-1").Answer);
        owner.CloseApproval(task.Id, 1, null, "call_1");
        owner.CloseApproval(task.Id, 1, "sub-1", "call_1");
        Assert.Empty(owner.UnappliedAnswers());
        Assert.Equal(ApprovalWriteOutcome.AlreadyAnswered, other.RecordAnswer(task.Id, 1, "call_1", null, ApprovalAnswer.Once).Outcome);
    }

    [Fact]
    public void A_question_of_a_node_declared_dead_no_longer_waits_and_the_node_that_takes_over_asks_again()
    {
        using var a = PostgresTaskStore.Open(_database, owner: "a");
        using var b = PostgresTaskStore.Open(_database, owner: "b");
        var task = a.Create(Spec());
        var claimed = a.NextQueued(new HashSet<(string, int)>())!.Value;
        a.SaveAttempt(task.Id, claimed.Attempt with { Status = TaskState.Running });
        a.OpenApproval(new PendingApprovalInfo(task.Id, 1, Request("call_1"), DateTimeOffset.UtcNow, null));
        a.OpenApproval(new PendingApprovalInfo(task.Id, 1, Request("call_2"), DateTimeOffset.UtcNow, null));
        Assert.Equal(ApprovalWriteOutcome.Recorded, b.RecordAnswer(task.Id, 1, "call_2", null, ApprovalAnswer.Once).Outcome);

        // "a" is declared dead: nothing of its run waits any more, an answer to it is refused, "a" can ask nothing more.
        Assert.Single(b.Requeue(["a"], (_, x, _) => x));
        Assert.Empty(b.PendingApprovals(task.Id));
        Assert.Equal(ApprovalWriteOutcome.NoLongerWaiting, b.RecordAnswer(task.Id, 1, "call_1", null, ApprovalAnswer.Once).Outcome);
        Assert.Throws<AttemptLostException>(() => a.OpenApproval(new PendingApprovalInfo(task.Id, 1, Request("call_3"), DateTimeOffset.UtcNow, null)));

        // "b" runs it and asks again (even with the same call id): a new question, answered anew; the dead run's answer is not applied.
        var taken = b.NextQueued(new HashSet<(string, int)>())!.Value;
        b.SaveAttempt(task.Id, taken.Attempt with { Status = TaskState.Running });
        Assert.Empty(b.UnappliedAnswers());
        b.OpenApproval(new PendingApprovalInfo(task.Id, 1, Request("call_2"), DateTimeOffset.UtcNow, null));
        Assert.Equal("call_2", Assert.Single(a.PendingApprovals(task.Id)).Request.CallId);
        Assert.Equal(ApprovalWriteOutcome.Recorded, a.RecordAnswer(task.Id, 1, "call_2", null, ApprovalAnswer.No("later")).Outcome);
        Assert.Equal("later", Assert.Single(b.UnappliedAnswers()).Answer.Feedback);

        // Its run ends: nothing of it waits.
        b.OpenApproval(new PendingApprovalInfo(task.Id, 1, Request("call_4"), DateTimeOffset.UtcNow, null));
        b.CloseApprovals(task.Id, 1);
        Assert.Empty(a.PendingApprovals(null));
        Assert.Equal(ApprovalWriteOutcome.NoLongerWaiting, a.RecordAnswer(task.Id, 1, "call_4", null, ApprovalAnswer.Once).Outcome);
    }

    private static ApprovalRequest Request(string callId) =>
        new("write_file", "write x", "ask mode asks before every write", MayRemember: true, SuggestedRule: "write_file(x)") { CallId = callId, Arguments = "{\"path\":\"x\"}" };
}
