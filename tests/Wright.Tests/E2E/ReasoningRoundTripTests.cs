using System.Text;
using System.Text.Json;

namespace Wright.Tests.E2E;

/// <summary>
/// The real binary against aimock (behind <see cref="RecordingProxy"/>, since aimock's journal drops inbound reasoning
/// items): OpenAI's encrypted reasoning items go back on the next request, survive the session store (<c>-c</c>), and
/// never reach another provider after a model switch; Anthropic's signed thinking likewise stays with Anthropic.
/// </summary>
public sealed class ReasoningRoundTripTests
{
    private const string Fixtures = """
        {"fixtures":[
          {"match":{"userMessage":"make file","hasToolResult":false},
           "response":{"reasoning":"I should write the file.","reasoningSignature":"sig-abc",
                       "toolCalls":[{"name":"write_file","arguments":{"path":"hello.txt","content":"hi there\n"}}]}},
          {"match":{"userMessage":"make file","hasToolResult":true,"sequenceIndex":0},
           "response":{"toolCalls":[{"name":"shell","arguments":{"command":"cat hello.txt"}}]}},
          {"match":{"userMessage":"make file","hasToolResult":true,"sequenceIndex":1},
           "response":{"content":"Wrote hello.txt and checked it."}},
          {"match":{"userMessage":"next"},"response":{"content":"next done"}},
          {"match":{"userMessage":"again"},"response":{"content":"again done"}}
        ]}
        """;

    private static WrightProcess Wright(RecordingProxy proxy) => new()
    {
        Environment =
        {
            ["OPENAI_BASE_URL"] = proxy.BaseUrl + "/v1", ["OPENAI_API_KEY"] = "k",
            ["ANTHROPIC_BASE_URL"] = proxy.BaseUrl, ["ANTHROPIC_API_KEY"] = "k",
            ["DEEPSEEK_BASE_URL"] = proxy.BaseUrl + "/v1", ["DEEPSEEK_API_KEY"] = "k",
        },
    };

    private static async Task Run(WrightProcess wright, params string[] args)
    {
        var run = await wright.RunAsync([.. args, "--permission-mode", "yolo", "--output-format", "json"]);
        Assert.True(run.ExitCode == 0, run.ToString());
    }

    /// <summary>The reasoning items of a Responses request, in order.</summary>
    private static List<JsonElement> ReasoningItems(JsonElement body) =>
        [.. body.GetProperty("input").EnumerateArray().Where(i => i.TryGetProperty("type", out var t) && t.GetString() == "reasoning")];

    /// <summary>aimock's stand-in for encrypted content: base64 of <c>aimock-encrypted-reasoning:{id}</c>.</summary>
    private static void AssertEncryptedFor(JsonElement item)
    {
        var id = item.GetProperty("id").GetString()!;
        Assert.StartsWith("rs", id, StringComparison.Ordinal);
        Assert.Equal("aimock-encrypted-reasoning:" + id, Encoding.UTF8.GetString(Convert.FromBase64String(item.GetProperty("encrypted_content").GetString()!)));
    }

    [Fact]
    public async Task OpenAI_reasoning_items_go_back_survive_resume_and_never_reach_another_provider()
    {
        await using var mock = await AimockServer.StartAsync(Fixtures);
        using var proxy = new RecordingProxy(mock.BaseUrl);
        using var wright = Wright(proxy);

        await Run(wright, "-p", "make file", "--model", "openai/gpt-5");
        var openAI = proxy.Requests.Where(r => r.Path == "/v1/responses").ToList();
        Assert.Equal(3, openAI.Count);
        Assert.False(openAI[0].Body.GetProperty("store").GetBoolean());
        Assert.Equal("""["reasoning.encrypted_content"]""", openAI[0].Body.GetProperty("include").GetRawText());
        Assert.Empty(ReasoningItems(openAI[0].Body));

        // The second request carries the first response's reasoning item, right before the call it led to.
        var input = openAI[1].Body.GetProperty("input").EnumerateArray().ToList();
        var at = input.FindIndex(i => i.TryGetProperty("type", out var t) && t.GetString() == "reasoning");
        Assert.True(at >= 0, openAI[1].Body.GetRawText());
        AssertEncryptedFor(input[at]);
        Assert.Equal("I should write the file.", input[at].GetProperty("summary")[0].GetProperty("text").GetString());
        Assert.Equal("function_call", input[at + 1].GetProperty("type").GetString());
        Assert.Equal("write_file", input[at + 1].GetProperty("name").GetString());
        // The third: both reasoning items (the second one has no summary), each before its call.
        var third = ReasoningItems(openAI[2].Body);
        Assert.Equal(2, third.Count);
        Assert.All(third, AssertEncryptedFor);
        Assert.Equal(0, third[1].GetProperty("summary").GetArrayLength());
        Assert.Equal(IdOf(input[at]), IdOf(third[0]));
        var firstJournal = await mock.JournalAsync();
        Assert.Equal(3, firstJournal.GetArrayLength());

        // A switch to Anthropic (resumed session): none of it, no thinking block at all.
        await Run(wright, "-c", "-p", "next", "--model", "anthropic/claude-sonnet-4-5", "--effort", "low");
        var anthropic = proxy.Requests.Single(r => r.Path == "/v1/messages").Body;
        Assert.DoesNotContain("aimock-encrypted", Decoded(anthropic), StringComparison.Ordinal);
        Assert.DoesNotContain(anthropic.GetProperty("messages").EnumerateArray().SelectMany(m => m.GetProperty("content").ValueKind == JsonValueKind.Array ? m.GetProperty("content").EnumerateArray() : []),
            b => b.GetProperty("type").GetString() is "thinking" or "redacted_thinking");

        // Nor to a Chat Completions vendor as reasoning_content.
        await Run(wright, "-c", "-p", "next", "--model", "deepseek/deepseek-chat");
        var deepseek = proxy.Requests.Single(r => r.Path == "/v1/chat/completions").Body;
        Assert.DoesNotContain(deepseek.GetProperty("messages").EnumerateArray(), m => m.TryGetProperty("reasoning_content", out _));

        // Back on the same OpenAI model, the stored items go back as they came (and the one before the first run's
        // answer, which aimock gives a reasoning model too).
        await Run(wright, "-c", "-p", "again", "--model", "openai/gpt-5");
        var back = ReasoningItems(proxy.Requests.Where(r => r.Path == "/v1/responses").Last().Body);
        Assert.Equal(3, back.Count);
        Assert.All(back, AssertEncryptedFor);
        Assert.Equal(third[0].GetRawText(), back[0].GetRawText());
        Assert.Equal(third[1].GetRawText(), back[1].GetRawText());
    }

    [Fact]
    public async Task Anthropic_thinking_signatures_never_reach_openai()
    {
        await using var mock = await AimockServer.StartAsync(Fixtures);
        using var proxy = new RecordingProxy(mock.BaseUrl);
        using var wright = Wright(proxy);

        await Run(wright, "-p", "make file", "--model", "anthropic/claude-sonnet-4-5");
        var second = proxy.Requests.Where(r => r.Path == "/v1/messages").ElementAt(1).Body;
        Assert.Equal("sig-abc", second.GetProperty("messages")[1].GetProperty("content")[0].GetProperty("signature").GetString());

        await Run(wright, "-c", "-p", "next", "--model", "openai/gpt-5");
        var openAI = proxy.Requests.Single(r => r.Path == "/v1/responses").Body;
        Assert.DoesNotContain("sig-abc", openAI.GetRawText(), StringComparison.Ordinal);
        Assert.DoesNotContain("I should write the file.", openAI.GetRawText(), StringComparison.Ordinal);
        Assert.Empty(ReasoningItems(openAI));
    }

    /// <summary>The id a reasoning item was sent with.</summary>
    private static string IdOf(JsonElement item) => item.GetProperty("id").GetString()!;

    /// <summary>The body with every base64 string that decodes to text also decoded, so a re-encoded blob is found too.</summary>
    private static string Decoded(JsonElement body)
    {
        var text = new StringBuilder(body.GetRawText());
        foreach (var token in body.GetRawText().Split('"').Where(s => s.Length >= 16 && s.Length % 4 == 0))
        {
            var bytes = new byte[token.Length];
            if (Convert.TryFromBase64String(token, bytes, out var written))
                text.Append('\n').Append(Encoding.UTF8.GetString(bytes, 0, written));
        }

        return text.ToString();
    }
}
