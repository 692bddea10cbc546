using System.Runtime.CompilerServices;
using Microsoft.Extensions.AI;

namespace Wright.Tests.Support;

/// <summary>
/// A scripted IChatClient for fast loop tests: each request plays the next step and records what was sent.
/// </summary>
public sealed class ScriptedChatClient : IChatClient
{
    private readonly Queue<Func<IReadOnlyList<ChatMessage>, CancellationToken, IAsyncEnumerable<ChatResponseUpdate>>> _steps = new();

    /// <summary>Snapshots of the messages of each request.</summary>
    public List<List<ChatMessage>> Requests { get; } = [];

    /// <summary>Options of each request.</summary>
    public List<ChatOptions?> Options { get; } = [];

    public ScriptedChatClient Then(Func<IReadOnlyList<ChatMessage>, CancellationToken, IAsyncEnumerable<ChatResponseUpdate>> step)
    {
        _steps.Enqueue(step);
        return this;
    }

    public ScriptedChatClient ThenText(params string[] pieces) => Then((_, _) => Stream(pieces.Select(p => Update(new TextContent(p))).ToArray()));

    public ScriptedChatClient ThenCalls(params FunctionCallContent[] calls) => Then((_, _) => Stream(Update([.. calls])));

    public ScriptedChatClient ThenUpdates(params ChatResponseUpdate[] updates) => Then((_, _) => Stream(updates));

    /// <summary>A step that fails with <paramref name="exception"/> before streaming anything.</summary>
    public ScriptedChatClient ThenThrow(Exception exception) => Then((_, _) => Fail(exception));

    /// <summary>A text answer that reports <paramref name="inputTokens"/> input tokens.</summary>
    public ScriptedChatClient ThenTextWithUsage(string text, long inputTokens, long outputTokens = 1) =>
        ThenUpdates(Update(new TextContent(text)), Update(new UsageContent(new UsageDetails { InputTokenCount = inputTokens, OutputTokenCount = outputTokens })));

    /// <summary>Tool calls whose response reports <paramref name="inputTokens"/> input tokens.</summary>
    public ScriptedChatClient ThenCallsWithUsage(long inputTokens, params FunctionCallContent[] calls) =>
        ThenUpdates(Update([.. calls]), Update(new UsageContent(new UsageDetails { InputTokenCount = inputTokens, OutputTokenCount = 1 })));

    /// <summary>Requests whose options offered no tools (e.g. summary requests).</summary>
    public IEnumerable<List<ChatMessage>> RequestsWithoutTools =>
        Requests.Where((_, i) => Options[i]?.Tools is not { Count: > 0 });

    private static async IAsyncEnumerable<ChatResponseUpdate> Fail(Exception exception)
    {
        await Task.Yield();
        if (exception is not null)
            throw exception;
        yield break;
    }

    public static ChatResponseUpdate Update(params AIContent[] contents) => new(ChatRole.Assistant, [.. contents]) { MessageId = "m" };

    public static FunctionCallContent Call(string id, string name, string json) =>
        FunctionCallContent.CreateFromParsedArguments(json, id, name,
            s => System.Text.Json.JsonSerializer.Deserialize(s, AIJsonUtilities.DefaultOptions.GetTypeInfo(typeof(IDictionary<string, object?>))) as IDictionary<string, object?>);

    public static async IAsyncEnumerable<ChatResponseUpdate> Stream(params ChatResponseUpdate[] updates)
    {
        foreach (var update in updates)
        {
            await Task.Yield();
            yield return update;
        }
    }

    public Task<ChatResponse> GetResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default) =>
        GetStreamingResponseAsync(messages, options, cancellationToken).ToChatResponseAsync(cancellationToken);

    public async IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null,
        [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var snapshot = messages.Select(m => m.Clone()).ToList();
        Requests.Add(snapshot);
        Options.Add(options);
        if (_steps.Count == 0)
            throw new InvalidOperationException("The script has no more steps.");
        await foreach (var update in _steps.Dequeue()(snapshot, cancellationToken).WithCancellation(cancellationToken))
            yield return update;
    }

    public object? GetService(Type serviceType, object? serviceKey = null) => null;

    public void Dispose()
    {
    }
}
