using System.Text.Json;
using System.Text.Json.Serialization;
using Wright.Core.Approvals;
using Wright.Core.Events;

namespace Wright.Tests.Core.Events;

/// <summary>
/// The one events context (<see cref="AgentEventJsonContext"/>, metadata only) writes what the per-host contexts it
/// replaced wrote (stdout's stream-json, the session store, task event streams, eval trajectories: snake_case, every
/// property, the same options); those generated fast-path writers too, which <see cref="FastPathEventContext"/> keeps.
/// </summary>
public sealed class AgentEventJsonTests
{
    private static readonly TokenUsage Usage = new(11, 12, 13, 14);

    // One of every event, each property set to a value that is not its default (so that nothing is left out unseen).
    private static readonly AgentEvent[] Events =
    [
        new SessionStarted("anthropic/claude", "/w", ["read", "shell"]),
        new TurnStarted(2),
        new TextDelta("hi \"there\" \u00e9 ✓"),
        new ReasoningDelta("thinking"),
        new ToolCallRequested("c1", "shell", "{\"command\":\"ls\"}"),
        new ToolCallFinished("c1", "web_fetch", ToolCallStatus.Error, "out", 42) { UntrustedSource = "web_fetch https://e.x" },
        new ToolOutputDelta("c1", "line\n"),
        new UsageReported(3, Usage, 0.25m, "m"),
        new TurnFinished(3, 4),
        new RetryScheduled(2, 1500, "429"),
        new ModelSwitched("a", "b", "fallback"),
        new ResponseDiscarded(3, "stale"),
        new ErrorOccurred(ErrorKind.RateLimited, "boom"),
        new TodoUpdated([new TodoItem("write tests", TodoStatus.InProgress)]),
        new SubagentEvent("c2", "explore", new TextDelta("nested") { SessionId = "s-2" }),
        new CheckpointCreated(3, "abc123", 9, 17, "none"),
        new ContextCompacted(4, 9000, 1200, "summary", Usage, 0.5m, "e"),
        new ApprovalRequested(new ApprovalRequest("shell", "rm -rf x", "writes", true, "shell(rm *)")
            { CallId = "c3", Arguments = "{}", ProtectedReason = "p", UnattendedRefusal = "u" }),
        new ApprovalResolved("c3", true, true, "ok"),
        new SettingsChanged("m", "plan", "high", true),
        new RewindCompleted(2, ["a.txt"], "def456", 5),
        new ShellCommandFinished("ls", "ok", "a\nb"),
        new RunFinished(RunStatus.MaxTurns, "done", 5, Usage, 1.5m, 900) { Truncated = true },
    ];

    public static TheoryData<int> EventIndexes() => [.. Enumerable.Range(0, Events.Length)];

    [Fact]
    public void Every_event_type_is_covered() =>
        Assert.Equal(
            typeof(AgentEvent).GetCustomAttributes(typeof(JsonDerivedTypeAttribute), false).Cast<JsonDerivedTypeAttribute>().Select(d => d.DerivedType.Name).Order(),
            Events.Select(e => e.GetType().Name).Order());

    [Theory]
    [MemberData(nameof(EventIndexes))]
    public void Every_event_is_written_as_the_fast_path_context_writes_it(int index)
    {
        var item = Events[index] with { SessionId = "s-1", Time = new DateTimeOffset(2026, 12, 3, 16, 0, 0, TimeSpan.FromHours(8)) };
        var discriminator = typeof(AgentEvent).GetCustomAttributes(typeof(JsonDerivedTypeAttribute), false).Cast<JsonDerivedTypeAttribute>()
            .Single(d => d.DerivedType == item.GetType()).TypeDiscriminator;

        var json = JsonSerializer.Serialize(item, AgentEventJsonContext.Default.AgentEvent);

        Assert.Equal(JsonSerializer.Serialize(item, FastPathEventContext.Default.AgentEvent), json);
        Assert.StartsWith($$"""{"type":"{{discriminator}}",""", json, StringComparison.Ordinal);
        Assert.Contains("\"session_id\":\"s-1\",\"time\":\"2026-12-03T16:00:00+08:00\"", json, StringComparison.Ordinal);
    }

    [Fact]
    public void Run_status_is_written_by_its_wire_name() =>
        Assert.Equal("\"max_turns\"", JsonSerializer.Serialize(RunStatus.MaxTurns, AgentEventJsonContext.Default.RunStatus));
}

/// <summary>The options of the replaced contexts, with the generated fast-path writers (the default mode).</summary>
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower, DefaultIgnoreCondition = JsonIgnoreCondition.Never)]
[JsonSerializable(typeof(AgentEvent))]
internal sealed partial class FastPathEventContext : JsonSerializerContext;
