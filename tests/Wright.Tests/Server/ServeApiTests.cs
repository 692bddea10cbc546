using System.Net;
using System.Text.Json;
using Wright.Tests.E2E;

namespace Wright.Tests.Server;

/// <summary>
/// <c>wright serve</c>'s HTTP API driven end to end: the real binary, a real git repository, and aimock as the model.
/// </summary>
public sealed class ServeApiTests
{
    private const string Model = "deepseek/deepseek-chat";

    private const string Fixtures = """
        {"fixtures":[
          {"match":{"userMessage":"make hello","hasToolResult":false},"response":{"toolCalls":[{"name":"write_file","arguments":"{\"path\":\"hello.txt\",\"content\":\"hello\\n\"}"}]}},
          {"match":{"userMessage":"make hello","hasToolResult":true},"response":{"content":"Created **hello.txt**."}},
          {"match":{"userMessage":"also add notes","hasToolResult":false},"response":{"toolCalls":[{"name":"write_file","arguments":"{\"path\":\"notes.txt\",\"content\":\"notes\\n\"}"}]}},
          {"match":{"userMessage":"also add notes","hasToolResult":true},"response":{"content":"Added notes."}},
          {"match":{"userMessage":"best of three","hasToolResult":false,"sequenceIndex":0},"response":{"toolCalls":[{"name":"write_file","arguments":"{\"path\":\"a.txt\",\"content\":\"first\\n\"}"}]}},
          {"match":{"userMessage":"best of three","hasToolResult":false,"sequenceIndex":1},"response":{"toolCalls":[{"name":"write_file","arguments":"{\"path\":\"b.txt\",\"content\":\"second\\n\"}"}]}},
          {"match":{"userMessage":"best of three","hasToolResult":false,"sequenceIndex":2},"response":{"toolCalls":[{"name":"write_file","arguments":"{\"path\":\"a.txt\",\"content\":\"third\\n\"}"}]}},
          {"match":{"userMessage":"best of three","hasToolResult":true},"response":{"content":"Done."}},
          {"match":{"userMessage":"slow work","hasToolResult":false},"response":{"toolCalls":[{"name":"shell","arguments":"{\"command\":\"sleep 30\"}"}]}},
          {"match":{"userMessage":"slow work","hasToolResult":true},"response":{"content":"Slept."}},
          {"match":{"userMessage":"quick work","hasToolResult":false},"response":{"content":"Quick."}},
          {"match":{"userMessage":"one more thing","hasToolResult":false},"response":{"content":"One more thing done."}},
          {"match":{"userMessage":"crash test","hasToolResult":false},"response":{"toolCalls":[{"id":"call_effect","name":"shell","arguments":"{\"command\":\"echo ran >> effects.txt\"}"}]}},
          {"match":{"toolCallId":"call_effect"},"response":{"toolCalls":[{"id":"call_sleep","name":"shell","arguments":"{\"command\":\"sleep 60\"}"}]}},
          {"match":{"userMessage":"server restarted"},"response":{"content":"Resumed and finished."}},
          {"match":{"userMessage":"declined work","hasToolResult":false},"response":{"toolCalls":[{"name":"write_file","arguments":"{\"path\":\"secret.txt\",\"content\":\"x\\n\"}"}]}},
          {"match":{"userMessage":"declined work","hasToolResult":true},"response":{"content":"Understood, nothing written."}},
          {"match":{"userMessage":"xss","hasToolResult":false},"response":{"content":"<script>window.pwned=1</script><img src=x onerror=\"window.pwned=2\"> done"}}
        ]}
        """;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static (WrightProcess Wright, string Repo) Setup(AimockServer mock)
    {
        var wright = new WrightProcess { Environment = { ["DEEPSEEK_BASE_URL"] = mock.BaseUrl + "/v1", ["DEEPSEEK_API_KEY"] = "k" } };
        var repo = Path.Combine(wright.Workspace, "demo");
        GitRepo.Init(repo);
        return (wright, repo);
    }

    private static string Body(string prompt, string repo, string extra = "") =>
        $$"""{"prompt":{{JsonSerializer.Serialize(prompt, Wright.Tests.Support.TestJson.Default.String)}},"repo":{{JsonSerializer.Serialize(repo, Wright.Tests.Support.TestJson.Default.String)}},"model":"{{Model}}"{{extra}}}""";

    private static string Id(JsonElement task) => task.GetProperty("id").GetString()!;

    private static JsonElement Attempt(JsonElement task, int n) => task.GetProperty("attempts")[n - 1];

    [Fact]
    public async Task A_task_runs_in_its_own_worktree_streams_resumable_events_and_is_applied_by_merge()
    {
        await using var mock = await AimockServer.StartAsync(Fixtures);
        var (wright, repo) = Setup(mock);
        using var _ = wright;
        await using var server = await ServeProcess.StartAsync(wright, "--repo-root", wright.Workspace);

        var created = await server.CreateAsync(Body("make hello", repo));
        Assert.Equal("queued", created.GetProperty("status").GetString());
        Assert.Equal("main", created.GetProperty("base").GetString());
        var id = Id(created);
        var done = await server.WaitStatusAsync(id, "succeeded");
        var attempt = Attempt(done, 1);
        Assert.Equal($"wright/{id}-1", attempt.GetProperty("branch").GetString());
        var worktree = attempt.GetProperty("worktree").GetString()!;
        Assert.Equal("hello\n", File.ReadAllText(Path.Combine(worktree, "hello.txt")));
        Assert.False(File.Exists(Path.Combine(repo, "hello.txt")), "the person's checkout is untouched until apply");
        Assert.Equal("Created **hello.txt**.", attempt.GetProperty("result").GetString());

        // SSE: every event has an id; a reconnect with Last-Event-ID continues without gap or repeat.
        var events = await server.EventsAsync(id);
        var types = events.Select(e => e.Data.GetProperty("type").GetString()).ToList();
        Assert.Contains("session_started", types);
        Assert.Contains("tool_call_requested", types);
        Assert.Contains("run_finished", types);
        Assert.All(events, e => Assert.Equal(1, e.Data.GetProperty("attempt").GetInt32()));
        Assert.Equal(events.Select(e => e.Id).Order(), events.Select(e => e.Id));
        Assert.Equal(events.Count, events.Select(e => e.Id).Distinct().Count());
        var resumed = await server.EventsAsync(id, lastEventId: events[2].Id);
        Assert.Equal(events.Skip(3).Select(e => e.Id), resumed.Select(e => e.Id));
        Assert.Equal(events.Skip(3).Select(e => e.Data.GetRawText()), resumed.Select(e => e.Data.GetRawText()));

        var diff = await server.GetJsonAsync($"/api/tasks/{id}/attempts/1/diff");
        Assert.Contains("+hello", diff.GetProperty("diff").GetString());
        var file = Assert.Single(diff.GetProperty("files").EnumerateArray());
        Assert.Equal("hello.txt", file.GetProperty("path").GetString());
        Assert.Equal(1, file.GetProperty("added").GetInt32());

        var (status, applied) = await server.SendAsync(HttpMethod.Post, $"/api/tasks/{id}/attempts/1/apply", """{"method":"merge"}""");
        Assert.True(status == 200, applied.ToString());
        Assert.True(applied.GetProperty("applied").GetBoolean());
        Assert.Equal("hello\n", File.ReadAllText(Path.Combine(repo, "hello.txt")));
        Assert.Contains($"Merge wright/{id}-1", GitRepo.Run(repo, "log", "-1", "--format=%s"));

        var (patchStatus, patch) = await server.SendAsync(HttpMethod.Post, $"/api/tasks/{id}/attempts/1/apply", """{"method":"patch"}""");
        Assert.Equal(200, patchStatus);
        Assert.Contains("+++ b/hello.txt", patch.GetProperty("patch").GetString());

        // Push: the attempt's head becomes a branch of the remote.
        var remote = Path.Combine(wright.Root, "remote.git");
        GitRepo.Run(wright.Root, "init", "-q", "--bare", remote);
        GitRepo.Run(repo, "remote", "add", "origin", remote);
        var (pushStatus, pushed) = await server.SendAsync(HttpMethod.Post, $"/api/tasks/{id}/attempts/1/apply", """{"method":"push","into":"review/hello"}""");
        Assert.True(pushStatus == 200, pushed.ToString());
        Assert.Equal(GitRepo.Run(repo, "rev-parse", $"wright/{id}-1").Trim(), GitRepo.Run(remote, "rev-parse", "review/hello").Trim());
        var listedByRepo = await server.GetJsonAsync("/api/tasks?repo=" + Uri.EscapeDataString(repo));
        Assert.Equal(id, Id(Assert.Single(listedByRepo.EnumerateArray())));
        Assert.Empty((await server.GetJsonAsync("/api/tasks?repo=" + Uri.EscapeDataString(wright.Root))).EnumerateArray());

        var listed = await server.GetJsonAsync("/api/tasks?status=succeeded");
        Assert.Equal(id, Id(Assert.Single(listed.EnumerateArray())));
        Assert.Empty((await server.GetJsonAsync("/api/tasks?status=running")).EnumerateArray());

        // Delete: worktree and branch gone.
        var (deleted, _) = await server.SendAsync(HttpMethod.Delete, "/api/tasks/" + id);
        Assert.Equal(204, deleted);
        Assert.False(Directory.Exists(worktree));
        Assert.DoesNotContain($"wright/{id}-1", GitRepo.Run(repo, "branch", "--list"));
        var (gone, problem) = await server.SendAsync(HttpMethod.Get, "/api/tasks/" + id);
        Assert.Equal(404, gone);
        Assert.Equal(404, problem.GetProperty("status").GetInt32());
    }

    [Fact]
    public async Task Best_of_three_attempts_write_different_files_and_a_conflicting_apply_changes_nothing()
    {
        await using var mock = await AimockServer.StartAsync(Fixtures);
        var (wright, repo) = Setup(mock);
        using var _ = wright;
        await using var server = await ServeProcess.StartAsync(wright, "--repo-root", wright.Workspace, "--max-parallel", "3");
        var id = Id(await server.CreateAsync(Body("best of three", repo, ""","attempts":3""")));
        var done = await server.WaitStatusAsync(id, "succeeded");
        Assert.All(done.GetProperty("attempts").EnumerateArray(), a => Assert.Equal("succeeded", a.GetProperty("status").GetString()));

        var diffs = new Dictionary<int, string>();
        for (var n = 1; n <= 3; n++)
            diffs[n] = (await server.GetJsonAsync($"/api/tasks/{id}/attempts/{n}/diff")).GetProperty("diff").GetString()!;
        var first = diffs.Single(d => d.Value.Contains("+first", StringComparison.Ordinal)).Key;
        var second = diffs.Single(d => d.Value.Contains("+second", StringComparison.Ordinal)).Key;
        var third = diffs.Single(d => d.Value.Contains("+third", StringComparison.Ordinal)).Key;
        Assert.Contains("b/b.txt", diffs[second]);

        Assert.Equal(200, (await server.SendAsync(HttpMethod.Post, $"/api/tasks/{id}/attempts/{first}/apply", "{}")).Status);
        Assert.Equal(200, (await server.SendAsync(HttpMethod.Post, $"/api/tasks/{id}/attempts/{second}/apply", "{}")).Status);
        var head = GitRepo.Run(repo, "rev-parse", "HEAD");
        var (status, conflict) = await server.SendAsync(HttpMethod.Post, $"/api/tasks/{id}/attempts/{third}/apply", "{}");
        Assert.Equal(409, status);
        Assert.Contains("a.txt", conflict.GetProperty("detail").GetString());
        Assert.Equal("a.txt", Assert.Single(conflict.GetProperty("result").GetProperty("conflicts").EnumerateArray()).GetString());
        Assert.Equal(head, GitRepo.Run(repo, "rev-parse", "HEAD"));
        Assert.Equal("first\n", File.ReadAllText(Path.Combine(repo, "a.txt")));
        Assert.Empty(GitRepo.Run(repo, "status", "--porcelain"));
    }

    [Fact]
    public async Task A_follow_up_continues_the_same_session_in_the_same_worktree()
    {
        await using var mock = await AimockServer.StartAsync(Fixtures);
        var (wright, repo) = Setup(mock);
        using var _ = wright;
        await using var server = await ServeProcess.StartAsync(wright, "--repo-root", wright.Workspace);
        var id = Id(await server.CreateAsync(Body("make hello", repo)));
        var first = Attempt(await server.WaitStatusAsync(id, "succeeded"), 1);

        var (status, body) = await server.SendAsync(HttpMethod.Post, $"/api/tasks/{id}/follow-up", """{"message":"also add notes","attempt":1}""");
        Assert.True(status == 200, body.ToString());
        var second = Attempt(await server.WaitAsync(id, t => Attempt(t, 1).GetProperty("result").GetString() == "Added notes."), 1);
        Assert.Equal("succeeded", second.GetProperty("status").GetString());
        Assert.Equal(first.GetProperty("session_id").GetString(), second.GetProperty("session_id").GetString());
        Assert.Equal(first.GetProperty("worktree").GetString(), second.GetProperty("worktree").GetString());
        var files = (await server.GetJsonAsync($"/api/tasks/{id}/attempts/1/diff")).GetProperty("files").EnumerateArray().Select(f => f.GetProperty("path").GetString()).ToList();
        Assert.Equal(["hello.txt", "notes.txt"], files);
        // The model saw the first exchange: one session, one transcript.
        var journal = await mock.JournalAsync();
        Assert.Contains("make hello", journal.EnumerateArray().Last().GetRawText());

        // An unknown field is refused.
        var (unknown, problem) = await server.SendAsync(HttpMethod.Post, $"/api/tasks/{id}/follow-up", """{"message":"x","colour":"red"}""");
        Assert.Equal(400, unknown);
        Assert.Contains("colour", problem.GetProperty("detail").GetString());
    }

    [Fact]
    public async Task In_ask_mode_an_attempt_waits_for_an_approval_answered_through_the_api()
    {
        await using var mock = await AimockServer.StartAsync(Fixtures);
        var (wright, repo) = Setup(mock);
        using var _ = wright;
        await using var server = await ServeProcess.StartAsync(wright, "--repo-root", wright.Workspace);
        var id = Id(await server.CreateAsync(Body("make hello", repo, ""","mode":"ask" """)));
        var waiting = await server.WaitStatusAsync(id, "waiting_approval");
        var request = Assert.Single(waiting.GetProperty("approvals").EnumerateArray());
        Assert.Equal("write_file", request.GetProperty("tool").GetString());
        var all = await server.GetJsonAsync("/api/approvals");
        Assert.Equal(request.GetProperty("call_id").GetString(), Assert.Single(all.EnumerateArray()).GetProperty("call_id").GetString());

        Assert.False(request.TryGetProperty("session_id", out var subagent), subagent.ToString()); // the attempt's own session, not a subagent's
        // The request is listed as soon as its event is out: a client that reacts to the event finds it.
        var early = await server.EventsAsync(id, follow: false);
        Assert.Equal(request.GetProperty("call_id").GetString(),
            early.Single(e => e.Data.GetProperty("type").GetString() == "approval_requested").Data.GetProperty("request").GetProperty("call_id").GetString());

        var call = Uri.EscapeDataString(request.GetProperty("call_id").GetString()!);
        var (bad, _) = await server.SendAsync(HttpMethod.Post, $"/api/tasks/{id}/attempts/1/approvals/{call}", """{"decision":"maybe"}""");
        Assert.Equal(400, bad);
        var (wrongCall, _) = await server.SendAsync(HttpMethod.Post, $"/api/tasks/{id}/attempts/1/approvals/not-a-call", """{"decision":"yes"}""");
        Assert.Equal(404, wrongCall);
        var (status, body) = await server.SendAsync(HttpMethod.Post, $"/api/tasks/{id}/attempts/1/approvals/{call}", """{"decision":"yes"}""");
        Assert.True(status == 200, body.ToString());
        var done = await server.WaitStatusAsync(id, "succeeded");
        Assert.Equal("hello\n", File.ReadAllText(Path.Combine(Attempt(done, 1).GetProperty("worktree").GetString()!, "hello.txt")));
        var (again, _) = await server.SendAsync(HttpMethod.Post, $"/api/tasks/{id}/attempts/1/approvals/{call}", """{"decision":"yes"}""");
        Assert.Equal(404, again);

        // SSE resumed mid-run: what was read while the attempt waited, then the rest from Last-Event-ID, is the whole stream.
        var rest = await server.EventsAsync(id, lastEventId: early[^1].Id);
        var whole = await server.EventsAsync(id);
        Assert.Equal(whole.Select(e => e.Id), early.Concat(rest).Select(e => e.Id));
        Assert.Equal(whole.Select(e => e.Data.GetRawText()), early.Concat(rest).Select(e => e.Data.GetRawText()));
        Assert.Contains(rest, e => e.Data.GetProperty("type").GetString() == "approval_resolved" && e.Data.GetProperty("allowed").GetBoolean());

        // "No" with what to do instead reaches the session: the model reads the person's words as the call's result.
        var declined = Id(await server.CreateAsync(Body("declined work", repo, ""","mode":"ask" """)));
        var asked = Assert.Single((await server.WaitStatusAsync(declined, "waiting_approval")).GetProperty("approvals").EnumerateArray());
        var (no, noBody) = await server.SendAsync(HttpMethod.Post, $"/api/tasks/{declined}/attempts/1/approvals/{Uri.EscapeDataString(asked.GetProperty("call_id").GetString()!)}",
            """{"decision":"no","feedback":"keep secrets out of the repository"}""");
        Assert.True(no == 200, noBody.ToString());
        var after = Attempt(await server.WaitStatusAsync(declined, "succeeded"), 1);
        Assert.False(File.Exists(Path.Combine(after.GetProperty("worktree").GetString()!, "secret.txt")));
        var journal = (await mock.JournalAsync()).EnumerateArray().Select(e => e.GetRawText()).ToList();
        Assert.Contains("the user declined: keep secrets out of the repository", journal[^1]);
    }

    [Fact]
    public async Task An_unanswered_approval_ends_the_attempt_with_a_clear_status_after_the_timeout()
    {
        await using var mock = await AimockServer.StartAsync(Fixtures);
        var (wright, repo) = Setup(mock);
        using var _ = wright;
        await using var server = await ServeProcess.StartAsync(wright, "--repo-root", wright.Workspace, "--approval-timeout", "1");
        var id = Id(await server.CreateAsync(Body("make hello", repo, ""","mode":"ask" """)));
        var failed = await server.WaitStatusAsync(id, "failed");
        Assert.Contains("no one answered the approval request within 1 seconds", Attempt(failed, 1).GetProperty("error").GetString());
        Assert.Empty(failed.GetProperty("approvals").EnumerateArray());
    }

    [Fact]
    public async Task Max_parallel_queues_the_rest_and_cancel_retry_work_on_running_and_queued_tasks()
    {
        await using var mock = await AimockServer.StartAsync(Fixtures);
        var (wright, repo) = Setup(mock);
        using var _ = wright;
        await using var server = await ServeProcess.StartAsync(wright, "--repo-root", wright.Workspace, "--max-parallel", "1");
        var slow = Id(await server.CreateAsync(Body("slow work", repo)));
        var quick = Id(await server.CreateAsync(Body("quick work", repo)));
        var urgent = Id(await server.CreateAsync(Body("quick work", repo, ""","priority":5""")));
        await server.WaitAsync(slow, t => Attempt(t, 1).TryGetProperty("session_id", out var sessionId) && sessionId.ValueKind == JsonValueKind.String);
        Assert.Equal("queued", (await server.GetJsonAsync("/api/tasks/" + quick)).GetProperty("status").GetString());

        var (status, cancelled) = await server.SendAsync(HttpMethod.Post, $"/api/tasks/{slow}/cancel");
        Assert.Equal(200, status);
        Assert.Equal("cancelled", cancelled.GetProperty("status").GetString());
        await server.WaitStatusAsync(quick, "succeeded");
        await server.WaitStatusAsync(urgent, "succeeded");
        // Event ids grow across the store, so they order what happened: one attempt at a time, the higher priority
        // first although it was queued last.
        async Task<long> When(string task, string state) =>
            (await server.EventsAsync(task)).First(e => e.Data.GetProperty("type").GetString() == "attempt_status" && e.Data.GetProperty("status").GetString() == state).Id;
        var slowCancelled = await When(slow, "cancelled");
        var urgentRan = await When(urgent, "running");
        var urgentDone = await When(urgent, "succeeded");
        var quickRan = await When(quick, "running");
        Assert.True(slowCancelled < urgentRan, "the next attempt started before the running one stopped (max-parallel 1)");
        Assert.True(urgentDone < quickRan, "the lower priority started first, or two ran at once");

        var (retried, body) = await server.SendAsync(HttpMethod.Post, $"/api/tasks/{slow}/retry");
        Assert.True(retried == 200, body.ToString());
        await server.WaitAsync(slow, t => Attempt(t, 1).GetProperty("status").GetString() is "running" or "waiting_approval");
        var (conflict, problem) = await server.SendAsync(HttpMethod.Post, $"/api/tasks/{slow}/retry");
        Assert.Equal(409, conflict);
        Assert.Contains("still queued or running", problem.GetProperty("detail").GetString());
        Assert.Equal(200, (await server.SendAsync(HttpMethod.Post, $"/api/tasks/{slow}/cancel")).Status);
    }

    [Fact]
    public async Task Kill_9_mid_attempt_then_restart_resumes_from_the_journal_without_running_a_done_call_again()
    {
        await using var mock = await AimockServer.StartAsync(Fixtures);
        var (wright, repo) = Setup(mock);
        using var _ = wright;
        string id;
        List<(long Id, JsonElement Data)> before;
        await using (var server = await ServeProcess.StartAsync(wright, "--repo-root", wright.Workspace))
        {
            id = Id(await server.CreateAsync(Body("crash test", repo)));
            // Wait until the second call (sleep) runs: the first (echo >> effects.txt) is journaled as done.
            var deadline = DateTime.UtcNow.AddSeconds(60);
            do
            {
                before = await server.EventsAsync(id, idle: TimeSpan.FromMilliseconds(500));
            }
            while (!before.Any(e => e.Data.GetProperty("type").GetString() == "tool_call_requested" && e.Data.GetProperty("call_id").GetString() == "call_sleep")
                && DateTime.UtcNow < deadline);
            Assert.Contains(before, e => e.Data.GetProperty("type").GetString() == "tool_call_requested" && e.Data.GetProperty("call_id").GetString() == "call_sleep");
            Assert.Equal("ran\n", File.ReadAllText(Path.Combine(wright.Root, "home-worktrees", id + "-1", "effects.txt")));
            await server.KillAsync();
        }

        await using (var server = await ServeProcess.StartAsync(wright, "--repo-root", wright.Workspace))
        {
            var done = await server.WaitStatusAsync(id, "succeeded");
            var attempt = Attempt(done, 1);
            Assert.Equal(1, attempt.GetProperty("resumes").GetInt32());
            Assert.Equal("Resumed and finished.", attempt.GetProperty("result").GetString());
            Assert.Equal("ran\n", File.ReadAllText(Path.Combine(attempt.GetProperty("worktree").GetString()!, "effects.txt")));
            var journal = (await mock.JournalAsync()).EnumerateArray().Select(e => e.GetRawText()).ToList();
            // Three model requests in all: the task, after the echo, after the restart — the echo was never asked for again.
            Assert.Equal(3, journal.Count);
            var events = await server.EventsAsync(id);
            // The stream goes on where it stopped: the old events keep their ids, the new ones follow.
            Assert.Equal(before.Select(e => e.Id), events.Take(before.Count).Select(e => e.Id));
            // The cut-off call reached the model as interrupted, not run again.
            Assert.Contains("Interrupted: Wright stopped while this call was running", journal[^1]);
            Assert.Single(journal, j => j.Contains("server restarted", StringComparison.Ordinal));
            Assert.DoesNotContain(events.Skip(before.Count), e => e.Data.GetProperty("type").GetString() == "tool_call_requested" &&
                e.Data.GetProperty("call_id").GetString() == "call_effect");
        }
    }

    [Fact]
    public async Task What_the_api_acknowledged_survives_kill_9_a_cancel_a_new_task_and_a_follow_up()
    {
        await using var mock = await AimockServer.StartAsync(Fixtures);
        var (wright, repo) = Setup(mock);
        using var _ = wright;
        string slow, quick, added;
        long beforeFollowUp;
        await using (var server = await ServeProcess.StartAsync(wright, "--repo-root", wright.Workspace, "--max-parallel", "1"))
        {
            slow = Id(await server.CreateAsync(Body("slow work", repo)));
            // Cancelled while its `sleep 30` runs (or waits for approval).
            var deadline = DateTime.UtcNow.AddSeconds(60);
            while (!(await server.EventsAsync(slow, follow: false)).Any(e => e.Data.GetProperty("type").GetString() == "tool_call_requested") && DateTime.UtcNow < deadline)
                await Task.Delay(100, Ct);
            quick = Id(await server.CreateAsync(Body("quick work", repo)));
            Assert.Equal(200, (await server.SendAsync(HttpMethod.Post, $"/api/tasks/{slow}/cancel")).Status);
            added = Id(await server.CreateAsync(Body("quick work", repo, ""","priority":-1""")));
            await server.KillAsync();
        }

        await using (var server = await ServeProcess.StartAsync(wright, "--repo-root", wright.Workspace, "--max-parallel", "1"))
        {
            Assert.Equal("cancelled", (await server.GetJsonAsync("/api/tasks/" + slow)).GetProperty("status").GetString());
            await server.WaitStatusAsync(quick, "succeeded");
            await server.WaitStatusAsync(added, "succeeded");
            Assert.Equal("cancelled", (await server.GetJsonAsync("/api/tasks/" + slow)).GetProperty("status").GetString());
            beforeFollowUp = (await server.EventsAsync(quick, follow: false))[^1].Id;
            var (status, body) = await server.SendAsync(HttpMethod.Post, $"/api/tasks/{quick}/follow-up", """{"message":"one more thing"}""");
            Assert.True(status == 200, body.ToString());
            await server.KillAsync();
        }

        await using (var server = await ServeProcess.StartAsync(wright, "--repo-root", wright.Workspace, "--max-parallel", "1"))
        {
            // The follow-up ran: whole before the kill, again after it (it never reached the journal), or resumed (it had).
            await server.WaitStatusAsync(quick, "succeeded");
            Assert.Contains(await server.EventsAsync(quick, lastEventId: beforeFollowUp, follow: false),
                e => e.Data.GetProperty("type").GetString() == "attempt_status" && e.Data.GetProperty("status").GetString() == "succeeded");
            var result = Attempt(await server.GetJsonAsync("/api/tasks/" + quick), 1).GetProperty("result").GetString();
            Assert.Contains(result, new[] { "One more thing done.", "Resumed and finished." });
            var journal = (await mock.JournalAsync()).EnumerateArray().Select(e => e.GetRawText()).ToList();
            Assert.Contains(journal, j => j.Contains("one more thing", StringComparison.Ordinal));
            // The cancelled attempt was never resumed: its session made one request, never one with the resume note.
            Assert.Single(journal, j => j.Contains("slow work", StringComparison.Ordinal));
            Assert.DoesNotContain(journal, j => j.Contains("slow work", StringComparison.Ordinal) && j.Contains("server restarted", StringComparison.Ordinal));
            Assert.Equal("cancelled", (await server.GetJsonAsync("/api/tasks/" + slow)).GetProperty("status").GetString());
        }
    }
}
