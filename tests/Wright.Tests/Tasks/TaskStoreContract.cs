using Wright.Tasks;
using Wright.Tasks.Scheduling;
using Wright.Tasks.Store;

namespace Wright.Tests.Tasks;

/// <summary>
/// What every <see cref="ITaskStore"/> must do, run against each backend (<see cref="SqliteTaskStoreTests"/>,
/// <see cref="Wright.Tests.Fleet.PostgresTaskStoreTests"/>): what a crash must not lose, and what a restart makes of it.
/// </summary>
public abstract class TaskStoreContract
{
    protected string Dir { get; } = Directory.CreateTempSubdirectory("wright-tasks-").FullName;

    /// <summary>Opens the store under test (the same data every time within one test).</summary>
    protected abstract ITaskStore Open();

    protected static TaskSpec Spec(int attempts = 1, int priority = 0, string repo = "/repo") =>
        new("do it", repo, "main", "deepseek/deepseek-chat", "auto", attempts, null, priority);

    [Fact]
    public void A_task_is_stored_with_its_attempts_queued_and_listed_newest_first()
    {
        using var store = Open();
        var first = store.Create(Spec(attempts: 2, repo: "/a"));
        var second = store.Create(Spec(repo: "/b"));
        Assert.Equal(TaskState.Queued, first.Status);
        Assert.Equal([1, 2], first.Attempts.Select(a => a.Number));
        Assert.Equal($"wright/{first.Id}-2", first.Attempts[1].Branch);
        Assert.Equal("do it", first.Attempts[0].NextPrompt);
        Assert.Equal(first.Spec, store.Get(first.Id)!.Spec);
        Assert.Null(store.Get("tnothing"));
        Assert.Equal([second.Id, first.Id], store.List().Select(t => t.Id));
        Assert.Equal([first.Id], store.List(repo: "/a").Select(t => t.Id));
        store.SaveAttempt(second.Id, second.Attempts[0] with { Status = TaskState.Succeeded, Result = "ok" });
        Assert.Equal([second.Id], store.List(status: TaskState.Succeeded).Select(t => t.Id));
        Assert.Equal("ok", store.Get(second.Id)!.Attempts[0].Result);
    }

    [Fact]
    public void The_next_queued_attempt_is_the_highest_priority_then_the_oldest_then_the_lowest_number()
    {
        using var store = Open();
        var low = store.Create(Spec(attempts: 2));
        var high = store.Create(Spec(priority: 5));
        var next = store.NextQueued(new HashSet<(string, int)>())!.Value;
        Assert.Equal((high.Id, 1), (next.TaskId, next.Attempt.Number));
        store.SaveAttempt(high.Id, next.Attempt with { Status = TaskState.Running });
        next = store.NextQueued(new HashSet<(string, int)>())!.Value;
        Assert.Equal((low.Id, 1), (next.TaskId, next.Attempt.Number));
        store.SaveAttempt(low.Id, next.Attempt with { Status = TaskState.Running });
        next = store.NextQueued(new HashSet<(string, int)>())!.Value;
        Assert.Equal((low.Id, 2), (next.TaskId, next.Attempt.Number));
        Assert.Equal([high.Id, low.Id], store.Running().Select(r => r.TaskId).Distinct());
    }

    [Fact]
    public void Events_have_growing_ids_and_are_read_after_a_position_and_deleted_with_their_task()
    {
        using var store = Open();
        var task = store.Create(Spec());
        var other = store.Create(Spec());
        var ids = Enumerable.Range(0, 5).Select(i => store.AppendEvent(task.Id, 1, $"{{\"n\":{i}}}")).ToList();
        store.AppendEvent(other.Id, 1, "{}");
        Assert.Equal(ids.Order(), ids);
        Assert.Equal(5, ids.Distinct().Count());
        var after = store.Events(task.Id, ids[1]);
        Assert.Equal(ids[2..], after.Select(e => e.Id));
        Assert.Equal("{\"n\":2}", after[0].Json);
        Assert.Single(store.Events(task.Id, 0, limit: 1));
        store.Delete(task.Id);
        Assert.Null(store.Get(task.Id));
        Assert.Empty(store.Events(task.Id, 0));
        Assert.Single(store.Events(other.Id, 0));
    }

    [Fact]
    public void A_cancel_request_survives_the_runner_rewriting_the_attempt_and_is_cleared_when_the_attempt_is_queued_again()
    {
        using var store = Open();
        var task = store.Create(Spec());
        var attempt = task.Attempts[0] with { Status = TaskState.Running };
        store.SaveAttempt(task.Id, attempt);
        store.RequestCancel(task.Id, 1);
        // The runner saves its own copy (which knows nothing of the cancel) while it stops.
        store.SaveAttempt(task.Id, attempt with { SessionId = "s1" });
        var running = Assert.Single(store.Running());
        Assert.True(running.Attempt.CancelRequested);
        Assert.Equal("s1", running.Attempt.SessionId);

        store.SaveAttempt(task.Id, running.Attempt with { Status = TaskState.Queued });
        Assert.False(store.Get(task.Id)!.Attempts[0].CancelRequested);
    }

    [Fact]
    public async Task After_a_crash_cancelled_attempts_stay_cancelled_and_the_others_resume()
    {
        string cancelled, resumed;
        using (var store = Open())
        {
            cancelled = store.Create(Spec()).Id;
            resumed = store.Create(Spec()).Id;
            foreach (var id in new[] { cancelled, resumed })
                store.SaveAttempt(id, store.Get(id)!.Attempts[0] with { Status = TaskState.Running, SessionId = "s-" + id });
            store.RequestCancel(cancelled, 1);
            // The process dies here: nothing else is written.
        }

        using (var store = Open())
        {
            // The resumed attempt may start (and fail: "/repo" is no repository); only the cancelled one matters here.
            var scheduler = new InProcessScheduler(store, new SchedulerOptions { MaxParallel = 1, WorktreeRoot = Path.Combine(Dir, "wt") });
            await using (scheduler)
            {
                await scheduler.StartAsync(TestContext.Current.CancellationToken);
                var after = scheduler.Get(cancelled)!.Attempts[0];
                Assert.Equal(TaskState.Cancelled, after.Status);
                Assert.Equal("cancelled", after.Error);
                var other = store.Get(resumed)!.Attempts[0];
                Assert.Equal(1, other.Resumes);
                Assert.NotEqual(TaskState.Cancelled, other.Status);
            }
        }
    }
}
