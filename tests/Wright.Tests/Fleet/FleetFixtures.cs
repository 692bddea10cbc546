using System.Text.Json;
using Wright.Tests.E2E;

namespace Wright.Tests.Fleet;

/// <summary>The model's answers (aimock) for the fleet's tests, and helpers over a fleet of <see cref="NodeProcess"/>es.</summary>
internal static class FleetFixtures
{
    public const string Model = """
        {"fixtures":[
          {"match":{"userMessage":"quick work","hasToolResult":false},"response":{"content":"Quick."}},
          {"match":{"userMessage":"short sleep","hasToolResult":false},"response":{"toolCalls":[{"name":"shell","arguments":"{\"command\":\"sleep 4; echo slept > slept.txt\"}"}]}},
          {"match":{"userMessage":"short sleep","hasToolResult":true},"response":{"content":"Slept."}},
          {"match":{"userMessage":"crash test","hasToolResult":false},"response":{"toolCalls":[{"id":"call_effect","name":"shell","arguments":"{\"command\":\"echo ran >> effects.txt\"}"}]}},
          {"match":{"toolCallId":"call_effect"},"response":{"toolCalls":[{"id":"call_sleep","name":"shell","arguments":"{\"command\":\"sleep 120\"}"}]}},
          {"match":{"userMessage":"server restarted"},"response":{"content":"Resumed and finished."}},
          {"match":{"userMessage":"approval race","hasToolResult":false},"response":{"toolCalls":[{"name":"write_file","arguments":"{\"path\":\"approved.txt\",\"content\":\"approved\\n\"}"}]}},
          {"match":{"userMessage":"approval race","hasToolResult":true},"response":{"content":"Race answered."}},
          {"match":{"userMessage":"approval denied","hasToolResult":false},"response":{"toolCalls":[{"name":"write_file","arguments":"{\"path\":\"denied.txt\",\"content\":\"x\\n\"}"}]}},
          {"match":{"userMessage":"approval denied","hasToolResult":true},"response":{"content":"Nothing written."}},
          {"match":{"userMessage":"approval moved","hasToolResult":false},"response":{"toolCalls":[{"name":"write_file","arguments":"{\"path\":\"moved.txt\",\"content\":\"moved\\n\"}"}]}},
          {"match":{"userMessage":"approval moved","hasToolResult":true},"response":{"content":"Moved and approved."}}
        ]}
        """;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public static async Task<List<NodeProcess>> StartAsync(FleetSetup fleet, AimockServer mock, int count, int maxParallel = 3)
    {
        fleet.Environment["DEEPSEEK_BASE_URL"] = mock.BaseUrl + "/v1";
        fleet.Environment["DEEPSEEK_API_KEY"] = "k";
        // One at a time: the first creates the schema and the cluster, the others join it.
        var nodes = new List<NodeProcess>();
        try
        {
            for (var i = 1; i <= count; i++)
                nodes.Add(await NodeProcess.StartAsync(fleet, "n" + i, maxParallel));
        }
        catch
        {
            // A later node failed to start: the ones already running stop with the failed test.
            foreach (var node in nodes)
                await node.DisposeAsync();
            throw;
        }

        return nodes;
    }

    /// <summary>The fleet's status as <paramref name="node"/> sees it.</summary>
    public static Task<JsonElement> StatusAsync(NodeProcess node) => node.GetJsonAsync("/api/fleet");

    /// <summary>The node that runs the task's attempt now, or null.</summary>
    public static async Task<string?> OwnerAsync(NodeProcess asked, string taskId)
    {
        var status = await StatusAsync(asked);
        foreach (var node in status.GetProperty("nodes").EnumerateArray())
        {
            if (node.GetProperty("attempts").EnumerateArray().Any(a => a.GetString() == taskId + "/1"))
                return node.GetProperty("id").GetString();
        }

        return null;
    }

    /// <summary>Waits (with a deadline) until <paramref name="condition"/> holds.</summary>
    public static async Task<T> UntilAsync<T>(Func<Task<T?>> probe, string what, int seconds = 90)
    {
        var deadline = DateTime.UtcNow.AddSeconds(seconds);
        while (DateTime.UtcNow < deadline)
        {
            if (await probe() is { } value)
                return value;
            await Task.Delay(100, Ct);
        }

        Assert.Fail($"{what}: not within {seconds} s");
        return default!;
    }

    /// <summary>The task's stored events (any node), as (id, data).</summary>
    public static async Task<List<(long Id, JsonElement Data)>> EventsAsync(NodeProcess node, string id, long? after = null, bool follow = false,
        Func<JsonElement, bool>? stopAfter = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, $"/api/tasks/{id}/events?until_done=1" + (follow ? "" : "&follow=0"));
        if (after is { } last)
            request.Headers.Add("Last-Event-ID", last.ToString(System.Globalization.CultureInfo.InvariantCulture));
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(Ct);
        timeout.CancelAfter(TimeSpan.FromSeconds(120));
        using var response = await node.Http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, timeout.Token);
        using var reader = new StreamReader(await response.Content.ReadAsStreamAsync(timeout.Token));
        var events = new List<(long, JsonElement)>();
        long? current = null;
        try
        {
            while (await reader.ReadLineAsync(timeout.Token) is { } line)
            {
                if (line.StartsWith("id: ", StringComparison.Ordinal))
                    current = long.Parse(line[4..], System.Globalization.CultureInfo.InvariantCulture);
                else if (line.StartsWith("data: ", StringComparison.Ordinal))
                {
                    var data = JsonDocument.Parse(line[6..]).RootElement.Clone();
                    events.Add((current!.Value, data));
                    if (stopAfter?.Invoke(data) == true)
                        break;
                }
            }
        }
        catch (Exception e) when (e is IOException or HttpRequestException)
        {
            // The node died under the stream: the client reconnects elsewhere with the last id it saw.
        }

        return events;
    }

    public static bool Is(JsonElement data, string type, string? callId = null) =>
        data.GetProperty("type").GetString() == type && (callId is null || (data.TryGetProperty("call_id", out var c) && c.GetString() == callId));

    /// <summary>The node (by its home) whose worktree the attempt used.</summary>
    public static string RanOn(JsonElement task) =>
        Path.GetFileName(Path.GetDirectoryName(task.GetProperty("attempts")[0].GetProperty("worktree").GetString()!)!).Replace("-worktrees", "", StringComparison.Ordinal);
}
