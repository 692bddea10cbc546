using System.Globalization;
using System.Text;
using Microsoft.Extensions.AI;

namespace Wright.Core.Context;

public sealed partial class ContextCompactor
{
    /// <summary>Characters of one tool output or argument list shown to the summarizer (head and tail).</summary>
    private const int MaxRenderedPiece = 2_000;

    /// <summary>The summarizer's instructions.</summary>
    internal const string SummaryPrompt = """
        You compact the history of a coding agent's session so that the agent can continue its work without it.
        You get the earlier part of a conversation between a user and an AI coding agent; the agent's tool calls and
        their results are rendered as plain text. The latest turns are not shown: the agent keeps them verbatim.

        Write a summary in Markdown with exactly these sections:

        ## Goal
        What the user asked for, in their words where it matters, including later changes of direction.
        ## Decisions
        Choices made and why, approaches tried and rejected.
        ## Files touched
        Every file read, created, edited or deleted, with its exact path and what changed or what it contains.
        ## Open todos / next steps
        What is done, what remains, and what the agent was doing when the history ends.
        ## Important facts
        Exact commands, error messages, test results, names, values and constraints the agent must not lose.

        Be specific and concise. Keep what is still relevant and drop what was superseded. If the history contains
        an earlier summary, fold it in. Do not call tools and do not address the user: answer with the summary only.
        """;

    private readonly record struct Summary(string Text, UsageDetails? Usage);

    private async Task<Summary> SummarizeAsync(IReadOnlyList<ChatMessage> transcript, Layout layout, IChatClient client, CancellationToken ct)
    {
        var own = _options.Summarizer is null;
        var options = own && _template is not null ? _template.Clone() : new ChatOptions();
        if (_options.SummarizerModelId is { Length: > 0 } model)
            options.ModelId = model;
        options.Tools = null;
        options.ToolMode = null;
        options.AllowMultipleToolCalls = null;
        options.ResponseFormat = null;
        options.Instructions = null;
        options.ConversationId = null;
        options.ContinuationToken = null;
        // Reasoning models spend output tokens on thinking too: never cap below what the session allows.
        options.MaxOutputTokens = Math.Max(_options.MaxSummaryTokens, own ? _template?.MaxOutputTokens ?? 0 : 0);

        var budget = Math.Max(1_000, _options.ThresholdTokens - options.MaxOutputTokens.Value - TokenEstimator.CountText(SummaryPrompt) - 200);
        var history = FitToBudget(Render(transcript, layout), budget);
        ChatMessage[] request =
        [
            new(ChatRole.System, SummaryPrompt),
            new(ChatRole.User, string.Create(CultureInfo.InvariantCulture,
                $"Summarize this conversation history in at most about {_options.MaxSummaryTokens * 3 / 4} words.\n\n<history>\n{history}\n</history>")),
        ];
        var response = await (_options.Summarizer ?? client).GetResponseAsync(request, options, ct).ConfigureAwait(false);
        return new Summary(response.Text, response.Usage);
    }

    /// <summary>The first request and the older part of the transcript as plain text.</summary>
    private static string Render(IReadOnlyList<ChatMessage> transcript, Layout layout)
    {
        var names = transcript.SelectMany(m => m.Contents).OfType<FunctionCallContent>()
            .GroupBy(c => c.CallId, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.First().Name, StringComparer.Ordinal);
        var text = new StringBuilder();
        for (var i = layout.PinnedEnd; i < layout.RecentStart; i++)
        {
            var message = transcript[i];
            if (i == layout.FirstRequest)
                text.Append("[user: first request]\n");
            else
                text.Append('[').Append(message.Role.Value).Append("]\n");
            foreach (var content in message.Contents)
            {
                switch (content)
                {
                    case TextContent { Text.Length: > 0 } t:
                        text.Append(t.Text).Append('\n');
                        break;
                    case FunctionCallContent call:
                        text.Append("-> tool call ").Append(call.Name).Append(' ')
                            .Append(Clip(TokenEstimator.Arguments(call))).Append('\n');
                        break;
                    case FunctionResultContent result:
                        text.Append("<- result of ").Append(names.GetValueOrDefault(result.CallId, "tool")).Append(":\n")
                            .Append(Clip(TokenEstimator.ResultText(result.Result))).Append('\n');
                        break;
                    case DataContent or UriContent or HostedFileContent:
                        text.Append("[attachment]\n");
                        break;
                }
            }

            text.Append('\n');
        }

        return text.ToString();
    }

    private static string Clip(string text)
    {
        if (text.Length <= MaxRenderedPiece)
            return text;
        var head = MaxRenderedPiece * 2 / 3;
        var tail = MaxRenderedPiece - head;
        return string.Create(CultureInfo.InvariantCulture,
            $"{text.AsSpan(0, head)}\n[… {text.Length - head - tail} characters omitted …]\n{text.AsSpan(text.Length - tail)}");
    }

    /// <summary>Cuts the middle of <paramref name="text"/> until it fits in about <paramref name="budget"/> tokens.</summary>
    private static string FitToBudget(string text, int budget)
    {
        var tokens = TokenEstimator.CountText(text);
        if (tokens <= budget)
            return text;
        var keep = (int)((long)text.Length * budget / tokens * 9 / 10);
        var head = keep * 3 / 10;
        var tail = keep - head;
        return string.Create(CultureInfo.InvariantCulture,
            $"{text.AsSpan(0, head)}\n[… {text.Length - keep} characters of the middle of the history omitted …]\n{text.AsSpan(text.Length - tail)}");
    }
}
