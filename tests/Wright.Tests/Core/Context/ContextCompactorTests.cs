using Microsoft.Extensions.AI;
using Wright.Core.Context;
using Wright.Core.Events;
using Wright.Core.Providers;
using Wright.Tests.Support;
using static Wright.Tests.Support.ScriptedChatClient;

namespace Wright.Tests.Core.Context;

public sealed class ContextCompactorTests
{
    private const string SummaryText = "## Goal\nBuild the parser.\n## Decisions\nUse a state machine.";

    /// <summary>About <paramref name="lines"/> × 10 tokens of tool output.</summary>
    internal static string Output(int lines, string tag = "out") =>
        string.Concat(Enumerable.Range(1, lines).Select(i => $"{tag} line {i}: lorem ipsum dolor sit amet\n"));

    /// <summary>System, first request, then <paramref name="turns"/> turns of assistant text + one tool call + its result.</summary>
    private static List<ChatMessage> Transcript(int turns, int outputLines = 5, int textWords = 5)
    {
        List<ChatMessage> messages = [new(ChatRole.System, "You are Wright."), new(ChatRole.User, "Please build the parser.")];
        for (var i = 0; i < turns; i++)
        {
            var text = $"step {i}: " + string.Join(' ', Enumerable.Repeat("thinking", textWords));
            messages.Add(new ChatMessage(ChatRole.Assistant, [new TextContent(text), Call($"c{i}", "read_file", $$"""{"path":"f{{i}}.cs"}""")]));
            messages.Add(new ChatMessage(ChatRole.Tool, [new FunctionResultContent($"c{i}", Output(outputLines, $"f{i}"))]));
        }

        return messages;
    }

    /// <summary>Every call has exactly one result after it, and every result answers an earlier call.</summary>
    internal static void AssertValid(IReadOnlyList<ChatMessage> transcript)
    {
        var open = new HashSet<string>();
        foreach (var content in transcript.SelectMany(m => m.Contents))
        {
            if (content is FunctionCallContent call)
                Assert.True(open.Add(call.CallId), $"call {call.CallId} appears twice");
            else if (content is FunctionResultContent result)
                Assert.True(open.Remove(result.CallId), $"result {result.CallId} has no call before it");
        }

        Assert.Empty(open);
    }

    private static ContextCompactor Compactor(int window, ChatOptions? template = null) =>
        Compactor(new CompactionOptions { ContextWindow = window }, template);

    private static ContextCompactor Compactor(CompactionOptions options, ChatOptions? template = null) =>
        new(options, new TokenEstimator(), template);

    [Fact]
    public async Task Below_the_threshold_nothing_changes_and_no_model_is_asked()
    {
        var transcript = Transcript(3);
        var client = new ScriptedChatClient();
        var result = await Compactor(100_000).CompactAsync(transcript, client, force: false, CancellationToken.None);

        Assert.Equal(CompactionStage.None, result.Stage);
        Assert.Same(transcript, result.Transcript);
        Assert.Equal(result.TokensBefore, result.TokensAfter);
        Assert.Empty(client.Requests);
    }

    [Fact]
    public async Task Huge_old_tool_outputs_are_elided_first_and_that_alone_suffices()
    {
        var transcript = Transcript(10, outputLines: 200);
        var original = transcript.Select(m => m.Text).ToList();
        var client = new ScriptedChatClient();
        var result = await Compactor(20_000).CompactAsync(transcript, client, force: false, CancellationToken.None);

        Assert.Equal(CompactionStage.Elided, result.Stage);
        Assert.Equal("elided", result.StageName);
        Assert.Empty(client.Requests);
        Assert.True(result.TokensBefore > 17_000, $"{result.TokensBefore}");
        Assert.True(result.TokensAfter < 12_000, $"{result.TokensAfter}");
        Assert.Equal(transcript.Count, result.Transcript.Count);
        AssertValid(result.Transcript);

        var results = result.Transcript.SelectMany(m => m.Contents).OfType<FunctionResultContent>().ToList();
        Assert.Equal(Enumerable.Range(0, 10).Select(i => $"c{i}"), results.Select(r => r.CallId));
        Assert.All(results.Take(8), r => Assert.Equal("[output elided to save context: 200 lines; re-run the tool if needed]", r.Result));
        Assert.All(results.Skip(8), r => Assert.StartsWith("f", (string)r.Result!));
        Assert.Equal(original, transcript.Select(m => m.Text)); // the input is not mutated
        Assert.Equal(Output(200, "f0"), transcript[3].Contents.OfType<FunctionResultContent>().Single().Result);
    }

    [Fact]
    public async Task When_eliding_is_not_enough_the_older_part_is_summarized_around_verbatim_pins()
    {
        var transcript = Transcript(10, outputLines: 2, textWords: 2000);
        var client = new ScriptedChatClient().ThenTextWithUsage(SummaryText, inputTokens: 3_000, outputTokens: 40);
        var result = await Compactor(20_000).CompactAsync(transcript, client, force: false, CancellationToken.None);

        Assert.Equal(CompactionStage.Summarized, result.Stage);
        Assert.Null(result.Error);
        Assert.Equal(3_000, result.SummaryUsage?.InputTokenCount);
        var compacted = result.Transcript;
        Assert.Same(transcript[0], compacted[0]);
        Assert.Same(transcript[1], compacted[1]);
        Assert.Equal("Please build the parser.", compacted[1].Text);
        Assert.Equal(ChatRole.User, compacted[2].Role);
        Assert.StartsWith("<summary of earlier conversation>\n" + SummaryText + "\n</summary>", compacted[2].Text);
        // The latest turns follow verbatim, calls with their results.
        Assert.True(compacted.Count < transcript.Count);
        Assert.Equal(transcript.Skip(transcript.Count - (compacted.Count - 3)), compacted.Skip(3));
        Assert.Equal(ChatRole.Assistant, compacted[3].Role);
        Assert.True(compacted.Count - 3 >= 4); // at least two turns
        AssertValid(compacted);
        Assert.True(result.TokensAfter < result.TokensBefore / 2, $"{result.TokensBefore} -> {result.TokensAfter}");
    }

    [Fact]
    public async Task The_summary_request_offers_no_tools_and_holds_the_older_conversation_as_text()
    {
        var transcript = Transcript(10, outputLines: 2, textWords: 2000);
        var template = new ChatOptions { ModelId = "main-model", Tools = [AIFunctionFactory.CreateDeclaration("read_file", "Reads.", Wright.Core.Tools.ToolRegistry.Schema("{}"))], ToolMode = ChatToolMode.RequireAny, MaxOutputTokens = 100 };
        var client = new ScriptedChatClient().ThenText(SummaryText);
        var result = await Compactor(20_000, template: template).CompactAsync(transcript, client, force: false, CancellationToken.None);

        Assert.Equal(CompactionStage.Summarized, result.Stage);
        var request = Assert.Single(client.Requests);
        var options = Assert.Single(client.Options);
        Assert.Null(options!.Tools);
        Assert.Null(options.ToolMode);
        Assert.Equal("main-model", options.ModelId);
        Assert.Equal(4_096, options.MaxOutputTokens);
        Assert.NotNull(template.Tools); // the template is not changed

        Assert.Equal(ChatRole.System, request[0].Role);
        foreach (var section in new[] { "## Goal", "## Decisions", "## Files touched", "## Open todos / next steps", "## Important facts" })
            Assert.Contains(section, request[0].Text);
        var history = Assert.Single(request, m => m.Role == ChatRole.User).Text;
        Assert.DoesNotContain(request.SelectMany(m => m.Contents), c => c is FunctionCallContent or FunctionResultContent);
        Assert.Contains("[user: first request]\nPlease build the parser.", history);
        Assert.Contains("step 0: thinking", history);
        Assert.Contains("-> tool call read_file {\"path\":\"f0.cs\"}", history);
        Assert.Contains("<- result of read_file:\nf0 line 1: lorem ipsum", history);
        Assert.DoesNotContain("step 9:", history); // the latest turn stays verbatim and is not summarised
        Assert.DoesNotContain("You are Wright.", history);
    }

    [Fact]
    public async Task Kept_turns_still_too_big_lose_their_outputs_except_the_latest_turn()
    {
        var transcript = Transcript(4, outputLines: 800);
        var client = new ScriptedChatClient().ThenText(SummaryText);
        var result = await Compactor(20_000).CompactAsync(transcript, client, force: false, CancellationToken.None);

        Assert.Equal(CompactionStage.Summarized, result.Stage);
        var outputs = result.Transcript.SelectMany(m => m.Contents).OfType<FunctionResultContent>().ToList();
        Assert.Equal(["c2", "c3"], outputs.Select(r => r.CallId));
        Assert.StartsWith("[output elided", (string)outputs[0].Result!);
        Assert.Equal(Output(800, "f3"), outputs[1].Result);
        Assert.True(result.TokensAfter <= 17_000, $"{result.TokensAfter}");
        AssertValid(result.Transcript);
    }

    [Fact]
    public async Task Tool_calls_and_results_are_never_split_whatever_the_window()
    {
        // Parallel calls, a user message mid-way and a final text answer.
        List<ChatMessage> transcript = [new(ChatRole.System, "sys"), new(ChatRole.User, "first")];
        for (var i = 0; i < 6; i++)
        {
            transcript.Add(new ChatMessage(ChatRole.Assistant, [Call($"a{i}", "grep", "{}"), Call($"b{i}", "glob", "{}")]));
            transcript.Add(new ChatMessage(ChatRole.Tool, [new FunctionResultContent($"a{i}", Output(40)), new FunctionResultContent($"b{i}", Output(30))]));
            if (i == 2)
            {
                transcript.Add(new ChatMessage(ChatRole.Assistant, "half way"));
                transcript.Add(new ChatMessage(ChatRole.User, "keep going"));
            }
        }

        transcript.Add(new ChatMessage(ChatRole.Assistant, "done"));
        foreach (var keep in new[] { 0, 50, 300, 700, 1_000, 2_000, 5_000 })
        {
            foreach (var force in new[] { false, true })
            {
                var client = new ScriptedChatClient().ThenText(SummaryText);
                var compactor = Compactor(new CompactionOptions { ContextWindow = 4_000, KeepRecentTokens = keep, MinRecentTurns = 1 });
                var result = await compactor.CompactAsync(transcript, client, force, CancellationToken.None);
                AssertValid(result.Transcript);
                Assert.Equal("first", result.Transcript[1].Text);
            }
        }
    }

    [Fact]
    public async Task A_separate_summarizer_and_its_model_id_are_used()
    {
        var transcript = Transcript(10, outputLines: 2, textWords: 2000);
        var summarizer = new ScriptedChatClient().ThenText(SummaryText);
        var main = new ScriptedChatClient();
        var compactor = Compactor(new CompactionOptions { ContextWindow = 20_000, Summarizer = summarizer, SummarizerModelId = "cheap-model" },
            new ChatOptions { ModelId = "main-model", MaxOutputTokens = 32_000 });
        var result = await compactor.CompactAsync(transcript, main, force: false, CancellationToken.None);

        Assert.Equal(CompactionStage.Summarized, result.Stage);
        Assert.Empty(main.Requests);
        Assert.Equal("cheap-model", Assert.Single(summarizer.Options)!.ModelId);
        Assert.Equal(4_096, summarizer.Options[0]!.MaxOutputTokens);
    }

    [Fact]
    public async Task A_failed_summary_keeps_the_elided_transcript_and_says_why()
    {
        var transcript = Transcript(10, outputLines: 60, textWords: 2000);
        var client = new ScriptedChatClient().ThenThrow(new ProviderException(ErrorKind.ServerError, "the summarizer is down"));
        var result = await Compactor(20_000).CompactAsync(transcript, client, force: false, CancellationToken.None);

        Assert.Equal(CompactionStage.Elided, result.Stage);
        Assert.Contains("the summarizer is down", result.Error);
        Assert.Equal(transcript.Count, result.Transcript.Count);
        Assert.Contains("[output elided", (string)result.Transcript[3].Contents.OfType<FunctionResultContent>().Single().Result!);
        AssertValid(result.Transcript);
    }

    [Fact]
    public async Task Cancellation_is_not_swallowed()
    {
        using var cts = new CancellationTokenSource();
        await cts.CancelAsync();
        var client = new ScriptedChatClient().Then((_, ct) =>
        {
            ct.ThrowIfCancellationRequested();
            return Stream(Update(new TextContent(SummaryText)));
        });
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() =>
            Compactor(20_000).CompactAsync(Transcript(10, outputLines: 2, textWords: 2000), client, force: false, cts.Token));
    }

    [Fact]
    public async Task Forced_compaction_summarizes_everything_but_the_latest_turn_even_below_the_threshold()
    {
        var transcript = Transcript(3);
        var client = new ScriptedChatClient().ThenText(SummaryText);
        var result = await Compactor(100_000).CompactAsync(transcript, client, force: true, CancellationToken.None);

        Assert.Equal(CompactionStage.Summarized, result.Stage);
        Assert.Equal(["You are Wright.", "Please build the parser."], result.Transcript.Take(2).Select(m => m.Text));
        Assert.Contains(SummaryText, result.Transcript[2].Text);
        Assert.Equal(transcript.TakeLast(2), result.Transcript.Skip(3));
        AssertValid(result.Transcript);
    }

    [Fact]
    public async Task Nothing_older_than_the_latest_turns_means_nothing_to_do()
    {
        var transcript = Transcript(2, outputLines: 2000);
        var client = new ScriptedChatClient();
        var result = await Compactor(20_000).CompactAsync(transcript, client, force: false, CancellationToken.None);

        Assert.Equal(CompactionStage.None, result.Stage);
        Assert.Same(transcript, result.Transcript);
        Assert.Empty(client.Requests);
    }

    [Fact]
    public async Task A_measured_size_above_the_threshold_triggers_compaction_of_a_small_estimate()
    {
        var transcript = Transcript(6, outputLines: 60);
        var client = new ScriptedChatClient();
        var compactor = Compactor(50_000);
        var unmeasured = await compactor.CompactAsync(transcript, client, force: false, CancellationToken.None);
        var measured = await compactor.CompactAsync(transcript, client, force: false, 45_000, CancellationToken.None);

        Assert.Equal(CompactionStage.None, unmeasured.Stage);
        Assert.Equal(CompactionStage.Elided, measured.Stage);
        Assert.Equal(45_000, measured.TokensBefore);
        Assert.InRange(measured.TokensAfter, 1, 29_999);
    }

    [Fact]
    public async Task Compacting_again_folds_the_earlier_summary_in_and_keeps_the_first_request()
    {
        var client = new ScriptedChatClient().ThenText(SummaryText).ThenText("## Goal\nBuild the parser, second summary.");
        var compactor = Compactor(100_000);
        var once = await compactor.CompactAsync(Transcript(3), client, force: true, CancellationToken.None);
        var longer = once.Transcript.Concat(Transcript(3).Skip(2)).ToList();
        var twice = await compactor.CompactAsync(longer, client, force: true, CancellationToken.None);

        Assert.Equal("Please build the parser.", twice.Transcript[1].Text);
        Assert.Single(twice.Transcript, m => m.Text.Contains("<summary of earlier conversation>", StringComparison.Ordinal));
        Assert.Contains("second summary", twice.Transcript[2].Text);
        Assert.Contains(SummaryText, client.Requests[1].Last().Text); // the first summary went into the second request
        AssertValid(twice.Transcript);
    }

    [Fact]
    public void Options_out_of_range_are_rejected()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new ContextCompactor(new CompactionOptions { ContextWindow = 0 }));
        Assert.Throws<ArgumentOutOfRangeException>(() => new ContextCompactor(new CompactionOptions { ContextWindow = 1000, Threshold = 1.5 }));
        Assert.Equal(850, new CompactionOptions { ContextWindow = 1000 }.ThresholdTokens);
        Assert.Equal(200, new CompactionOptions { ContextWindow = 1000 }.RecentTokens);
    }
}
