using System.Text.Json;
using Wright.Core.Approvals;
using Wright.Core.Events;
using Wright.Permissions;
using Wright.Runtime;
using Wright.Runtime.Configuration;
using Wright.Runtime.Protocol;
using Wright.Tests.Support;

namespace Wright.Tests.Runtime;

/// <summary>Operations on a running runtime session, in-process against aimock: each applied and acknowledged by an event.</summary>
public sealed class RuntimeSessionTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static string ToolCall(string name, Dictionary<string, object> args) =>
        $$"""{"toolCalls":[{"name":"{{name}}","arguments":{{JsonSerializer.Serialize(JsonSerializer.Serialize(args, TestJson.Default.DictionaryStringObject), TestJson.Default.String)}}}]}""";

    /// <summary>Runs a prompt to its end within a deadline (a run that waits for something that never comes fails, never hangs).</summary>
    private static async Task<List<AgentEvent>> RunAsync(RuntimeSession session, string prompt, Action<AgentEvent>? onEvent = null)
    {
        var events = new List<AgentEvent>();
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(Ct);
        deadline.CancelAfter(TimeSpan.FromSeconds(90));
        await foreach (var e in session.RunAsync(prompt, deadline.Token))
        {
            events.Add(e);
            onEvent?.Invoke(e);
        }

        Assert.False(deadline.IsCancellationRequested && !Ct.IsCancellationRequested,
            "the run did not end within 90 s: " + string.Join(" | ", events.Where(e => e is not TextDelta).Select(e => e.ToString())));
        return events;
    }

    [Fact]
    public async Task Model_mode_and_effort_change_in_place_each_acknowledged_and_journaled()
    {
        await using var fx = await RuntimeFixture.StartAsync("""{"fixtures":[{"match":{"userMessage":"hi"},"response":{"content":"Hello."}}]}""");
        await using var session = await fx.StartSessionAsync("ask");
        Assert.Equal(("deepseek/deepseek-chat", PermissionMode.Ask), (session.Model, session.Mode));

        var model = session.SetModel("deepseek/deepseek-reasoner");
        Assert.Equal("deepseek/deepseek-reasoner", model.Model);
        var effort = session.SetEffort("high");
        Assert.Equal("high", effort.Effort);
        var mode = session.SetMode("plan");
        Assert.Equal(("plan", "deepseek/deepseek-reasoner", "high"), (mode.Mode, mode.Model, mode.Effort));
        Assert.Throws<ConfigException>(() => session.SetMode("sideways"));
        Assert.Throws<ConfigException>(() => session.SetModel("nowhere/model"));

        // The next request goes to the new model with the new effort; the store remembers the model for a resume.
        await RunAsync(session, "hi");
        var request = (await fx.Mock.JournalAsync()).EnumerateArray().Last(e => e.GetProperty("path").GetString() == "/v1/chat/completions");
        Assert.Equal("deepseek-reasoner", request.GetProperty("body").GetProperty("model").GetString());
        Assert.Equal("deepseek/deepseek-reasoner", session.Store.Get(session.Id)!.Model);
        Assert.Equal(3, session.Store.EventLines(session.Id).Count(l => l.Contains("\"type\":\"settings_changed\"", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task Operations_arrive_as_data_through_the_protocol()
    {
        await using var fx = await RuntimeFixture.StartAsync("""{"fixtures":[{"match":{"userMessage":"hi"},"response":{"content":"Hello."}}]}""");
        await using var session = await fx.StartSessionAsync("ask");
        SessionOperation Op(string json) => JsonSerializer.Deserialize(json, ProtocolJsonContext.Default.SessionOperation)!;

        var changed = Assert.IsType<SettingsChanged>(await session.SubmitAsync(Op("""{"op":"set_mode","mode":"accept-edits"}"""), cancellationToken: Ct));
        Assert.Equal("accept-edits", changed.Mode);
        var seen = new List<AgentEvent>();
        var finished = Assert.IsType<RunFinished>(await session.SubmitAsync(Op("""{"op":"submit_prompt","text":"hi"}"""), seen.Add, Ct));
        Assert.Equal("Hello.", finished.Text);
        Assert.Contains(seen, e => e is TextDelta);
        await Assert.ThrowsAsync<InvalidOperationException>(() => session.SubmitAsync(Op("""{"op":"resolve_approval","call_id":"nope","allowed":true}"""), cancellationToken: Ct));
        Assert.IsType<Rewind>(Op("""{"op":"rewind","turn":2,"scope":"files"}"""));
        Assert.Equal(RewindScope.Files, ((Rewind)Op("""{"op":"rewind","turn":2,"scope":"files"}""")).Scope);
        Assert.Contains("\"type\":\"settings_changed\"", JsonSerializer.Serialize<Wright.Core.Events.AgentEvent>(changed, ProtocolJsonContext.Default.AgentEvent));
    }

    [Fact]
    public async Task Without_a_prompt_an_approval_waits_for_the_resolve_operation_and_the_event_names_the_call()
    {
        await using var fx = await RuntimeFixture.StartAsync($$$"""
            {"fixtures":[
              {"match":{"userMessage":"write it","hasToolResult":false},"response":{{{ToolCall("write_file", new() { ["path"] = "a.txt", ["content"] = "approved\n" })}}}},
              {"match":{"userMessage":"write it","hasToolResult":true},"response":{"content":"Written."}}
            ]}
            """);
        await using var session = await fx.StartSessionAsync("ask", answerByOperation: true);
        ApprovalRequest? asked = null;
        var events = await RunAsync(session, "write it", e =>
        {
            if (e is ApprovalRequested requested)
            {
                asked = requested.Request;
                Assert.Single(session.PendingApprovals.Items);
                Assert.False(File.Exists(fx.File("a.txt")));
                Assert.True(session.ResolveApproval(requested.Request.CallId, ApprovalAnswer.Once));
            }
        });

        Assert.NotNull(asked);
        Assert.Equal("write_file", asked.Tool);
        Assert.Contains("\"content\":\"approved\\n\"", asked.Arguments);
        Assert.Equal(asked.CallId, events.OfType<ToolCallFinished>().Single().CallId);
        Assert.True(events.OfType<ApprovalResolved>().Single().Allowed);
        Assert.Equal("approved\n", File.ReadAllText(fx.File("a.txt")));
    }

    [Fact]
    public async Task Switching_to_yolo_and_back_switches_the_sandbox_without_a_restart()
    {
        // Inside the sandbox HOME is /tmp (bubblewrap sets it); on the host it is the test process's own.
        Assert.NotEqual("/tmp", System.Environment.GetEnvironmentVariable("HOME"));
        var fixtures = string.Join(",", Enumerable.Range(0, 3).Select(i => $$$"""
            {"match":{"userMessage":"step {{{i}}}","hasToolResult":false},"response":{{{ToolCall("shell", new() { ["command"] = $"echo \"$HOME\" > where-{i}.txt" })}}}},
            {"match":{"userMessage":"step {{{i}}}","hasToolResult":true},"response":{"content":"ok {{{i}}}"}}
            """));
        await using var fx = await RuntimeFixture.StartAsync("{\"fixtures\":[" + fixtures + "]}");
        await using var session = await fx.StartSessionAsync("auto");
        async Task<string> Where(int step)
        {
            var finished = (await RunAsync(session, $"step {step}")).OfType<ToolCallFinished>().Single();
            Assert.True(finished.Status == ToolCallStatus.Ok, finished.Result);
            return File.ReadAllText(fx.File($"where-{step}.txt")).Trim();
        }

        Assert.True(session.Sandboxed);
        Assert.Equal("/tmp", await Where(0));

        var yolo = session.SetMode(PermissionMode.Yolo);
        Assert.False(yolo.Sandboxed);
        Assert.NotEqual("/tmp", await Where(1));

        var back = session.SetMode(PermissionMode.Auto);
        Assert.True(back.Sandboxed);
        Assert.Equal("/tmp", await Where(2));
    }

    [Fact]
    public async Task Rewind_restores_the_files_and_cuts_the_conversation_back_in_the_running_session()
    {
        await using var fx = await RuntimeFixture.StartAsync($$$"""
            {"fixtures":[
              {"match":{"userMessage":"write v2","hasToolResult":false},"response":{{{ToolCall("write_file", new() { ["path"] = "b.txt", ["content"] = "new\n" })}}}},
              {"match":{"userMessage":"write v2","hasToolResult":true},"response":{"content":"Now v2."}},
              {"match":{"userMessage":"after the rewind"},"response":{"content":"Fresh."}}
            ]}
            """);
        await File.WriteAllTextAsync(fx.File("a.txt"), "v1\n", Ct);
        await using var session = await fx.StartSessionAsync("accept-edits");
        var before = session.Messages.Count;
        await RunAsync(session, "write v2");
        Assert.Equal("new\n", File.ReadAllText(fx.File("b.txt")));
        var turn = Assert.Single(session.Checkpoints()).Turn;

        var rewound = await session.RewindAsync(turn, RewindScope.Both, Ct);
        Assert.False(File.Exists(fx.File("b.txt")));
        Assert.Equal("v1\n", File.ReadAllText(fx.File("a.txt")));
        Assert.Equal(["D b.txt"], rewound.Changes);
        Assert.NotNull(rewound.UndoSnapshot);
        Assert.Equal(before + 1, rewound.MessagesKept);
        Assert.Equal(before + 1, session.Messages.Count);

        // The same session goes on from there, and a resume finds the rewound conversation.
        await RunAsync(session, "after the rewind");
        var texts = session.Messages.Select(m => m.Text).ToList();
        Assert.DoesNotContain("Now v2.", texts);
        Assert.Contains("Fresh.", texts);
        Assert.Contains(session.Store.EventLines(session.Id), l => l.Contains("\"type\":\"rewind_completed\"", StringComparison.Ordinal));
        await Assert.ThrowsAsync<Wright.Sessions.Store.StoreException>(() => session.RewindAsync(99, RewindScope.Both, Ct));
    }

    [Fact]
    public async Task A_users_shell_command_joins_the_conversation_redacted_and_journaled()
    {
        await using var fx = await RuntimeFixture.StartAsync("""{"fixtures":[]}""");
        await using var session = await fx.StartSessionAsync("ask");
        var lines = new List<string>();
        var finished = await session.RunShellCommandAsync($"echo hello; echo {RuntimeFixture.ApiKey}; exit 3", lines.Add, Ct);

        Assert.Equal("3", finished.Status);
        Assert.Equal(["hello", RuntimeFixture.ApiKey], lines);
        var note = session.Messages[^1].Text;
        Assert.Contains("$ echo hello;", note);
        Assert.Contains("<output exit_code=\"3\">\nhello\n", note);
        Assert.DoesNotContain(RuntimeFixture.ApiKey, note);
        var journaled = session.Store.EventLines(session.Id).Single(l => l.Contains("\"type\":\"shell_command_finished\"", StringComparison.Ordinal));
        Assert.DoesNotContain(RuntimeFixture.ApiKey, journaled);
        Assert.DoesNotContain(RuntimeFixture.ApiKey, finished.Output);
    }
}
