using Microsoft.Extensions.AI;

namespace Wright.Core.Context;

/// <summary>What fills the context the next request would carry: tokens by kind of content, and the largest items.</summary>
public sealed record ContextUsage(IReadOnlyList<ContextPart> Parts, IReadOnlyList<ContextItem> Largest)
{
    /// <summary>All tokens.</summary>
    public long Total => Parts.Sum(p => p.Tokens);

    /// <summary>Measures <paramref name="messages"/> and <paramref name="tools"/>; keeps the <paramref name="largest"/> biggest items.</summary>
    public static ContextUsage Measure(IReadOnlyList<ChatMessage> messages, IEnumerable<AITool> tools, TokenEstimator estimator, int largest = 5)
    {
        ArgumentNullException.ThrowIfNull(messages);
        ArgumentNullException.ThrowIfNull(tools);
        ArgumentNullException.ThrowIfNull(estimator);
        var items = new Dictionary<ContextPartKind, (int Items, long Tokens)>();
        var big = new List<ContextItem>();
        void Add(ContextPartKind kind, string label, long tokens)
        {
            var (count, sum) = items.GetValueOrDefault(kind);
            items[kind] = (count + 1, sum + tokens);
            if (kind is not (ContextPartKind.SystemPrompt or ContextPartKind.ToolDefinitions))
                big.Add(new ContextItem(kind, label, tokens));
        }

        var toolList = tools.ToList();
        if (toolList.Count > 0)
            items[ContextPartKind.ToolDefinitions] = (toolList.Count, estimator.CountTools(toolList));
        var names = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var message in messages)
        {
            if (message.Role == ChatRole.System)
            {
                Add(ContextPartKind.SystemPrompt, "", estimator.Count(message));
                continue;
            }

            // A message is counted whole (with its framing) under its main kind; calls and results are split out.
            var calls = message.Contents.OfType<FunctionCallContent>().ToList();
            var results = message.Contents.OfType<FunctionResultContent>().ToList();
            if (calls.Count == 0 && results.Count == 0)
            {
                var text = message.Text;
                var kind = message.Role == ChatRole.User
                    ? text.StartsWith(ContextCompactor.SummaryOpening, StringComparison.Ordinal) ? ContextPartKind.Summary : ContextPartKind.UserMessages
                    : ContextPartKind.AssistantMessages;
                Add(kind, Snippet(text), estimator.Count(message));
                continue;
            }

            var rest = message.Contents.Where(c => c is not (FunctionCallContent or FunctionResultContent)).ToList();
            if (rest.Count > 0)
            {
                var restMessage = new ChatMessage(message.Role, rest);
                Add(message.Role == ChatRole.User ? ContextPartKind.UserMessages : ContextPartKind.AssistantMessages, Snippet(restMessage.Text), estimator.Count(restMessage));
            }

            foreach (var call in calls)
            {
                names[call.CallId] = call.Name;
                Add(ContextPartKind.ToolCalls, call.Name, estimator.Count(new ChatMessage(message.Role, [call])));
            }

            foreach (var result in results)
                Add(ContextPartKind.ToolResults, names.GetValueOrDefault(result.CallId, "tool"), estimator.Count(new ChatMessage(message.Role, [result])));
        }

        var parts = items.OrderBy(p => p.Key).Select(p => new ContextPart(p.Key, p.Value.Items, p.Value.Tokens)).ToList();
        return new ContextUsage(parts, [.. big.OrderByDescending(i => i.Tokens).Take(largest)]);
    }

    private static string Snippet(string text)
    {
        var line = text.ReplaceLineEndings(" ").Trim();
        return line.Length <= 48 ? line : line[..47] + "…";
    }
}
