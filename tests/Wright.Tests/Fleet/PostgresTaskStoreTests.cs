using Wright.Node.Store;
using Wright.Tasks;
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
}
