using Wright.Tasks;
using Wright.Tasks.Scheduling;
using Wright.Tasks.Store;

namespace Wright.Tests.Tasks;

/// <summary>The task queue in SQLite: what a crash must not lose, and what a restart makes of it.</summary>
public sealed class TaskStoreTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("wright-tasks-").FullName;

    private string Db => Path.Combine(_dir, "wright.db");

    private static TaskSpec Spec(int attempts = 1) => new("do it", "/repo", "main", "deepseek/deepseek-chat", "auto", attempts, null, 0);

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Fact]
    public void A_cancel_request_survives_the_runner_rewriting_the_attempt_and_is_cleared_when_the_attempt_is_queued_again()
    {
        using var store = SqliteTaskStore.Open(Db);
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
        using (var store = SqliteTaskStore.Open(Db))
        {
            cancelled = store.Create(Spec()).Id;
            resumed = store.Create(Spec()).Id;
            foreach (var id in new[] { cancelled, resumed })
                store.SaveAttempt(id, store.Get(id)!.Attempts[0] with { Status = TaskState.Running, SessionId = "s-" + id });
            store.RequestCancel(cancelled, 1);
            // The process dies here: nothing else is written.
        }

        using (var store = SqliteTaskStore.Open(Db))
        {
            // The resumed attempt may start (and fail: "/repo" is no repository); only the cancelled one matters here.
            var scheduler = new InProcessScheduler(store, new SchedulerOptions { MaxParallel = 1, WorktreeRoot = Path.Combine(_dir, "wt") });
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
