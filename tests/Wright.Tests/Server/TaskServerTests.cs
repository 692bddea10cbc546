using System.Net.Http.Headers;
using Wright.Mcp.Server;
using Wright.Server;
using Wright.Tasks;
using Wright.Tasks.Scheduling;
using Wright.Tasks.Store;

namespace Wright.Tests.Server;

/// <summary><see cref="TaskServer"/> in process, for what the binary's defaults make slow to see.</summary>
public sealed class TaskServerTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("wright-taskserver-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Fact]
    public async Task An_idle_event_stream_gets_keep_alive_comments()
    {
        var ct = TestContext.Current.CancellationToken;
        using var store = SqliteTaskStore.Open(Path.Combine(_dir, "wright.db"));
        var task = store.Create(new TaskSpec("wait", _dir, "main", null, "ask", 1, null, 0));
        await using var scheduler = new InProcessScheduler(store, new SchedulerOptions { WorktreeRoot = Path.Combine(_dir, "wt") });
        var server = await TaskServer.StartAsync(new ServerOptions
        {
            Port = 0,
            Token = "token-0123456789",
            Roots = new WorkspaceRoots([_dir], _dir, null, null, Path.GetFullPath),
            CloneRoot = Path.Combine(_dir, "repos"),
            SseHeartbeat = TimeSpan.FromMilliseconds(100),
        }, scheduler, ct);
        await using (server)
        {
            using var http = new HttpClient { BaseAddress = server.Url, Timeout = TimeSpan.FromSeconds(30) };
            http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", "token-0123456789");
            using var response = await http.GetAsync($"/api/tasks/{task.Id}/events", HttpCompletionOption.ResponseHeadersRead, ct);
            using var reader = new StreamReader(await response.Content.ReadAsStreamAsync(ct));
            using var deadline = CancellationTokenSource.CreateLinkedTokenSource(ct);
            deadline.CancelAfter(TimeSpan.FromSeconds(10));
            var comments = 0;
            // The scheduler is not started: nothing happens to the task, so only the comments come.
            while (comments < 2 && await reader.ReadLineAsync(deadline.Token) is { } line)
            {
                if (line == ": keep-alive")
                    comments++;
            }

            Assert.Equal(2, comments);
        }
    }
}
