using System.Globalization;
using System.Text.Json;
using Wright.Cli.Text;
using Wright.Core.Events;
using Wright.Runtime;

namespace Wright.Cli.Hosting;

/// <summary>
/// The headless host: consumes the engine's event stream and renders it as text, json or stream-json.
/// stdout carries only the requested format; progress and errors in text mode go to stderr.
/// </summary>
internal sealed class HeadlessHost(OutputFormat format, TextWriter stdout, TextWriter stderr)
{
    /// <summary>--include-partial-messages: stream-json also carries Wright's fine events (deltas, usage, retries, checkpoints).</summary>
    public bool IncludePartialMessages { get; init; }

    /// <summary>stderr is a terminal: a repeated retry or error line is redrawn in place with its count.</summary>
    public bool StderrIsTerminal { get; init; }

    /// <summary><c>wright exec -o FILE</c> (Codex's <c>--output-last-message</c>): the final answer is also written there.</summary>
    public string? LastMessageFile { get; init; }

    private readonly RepeatFolder _repeats = new();
    private string? _pendingRepeat;

    public Task<int> RunAsync(RuntimeSession session, string prompt, CancellationToken cancellationToken) =>
        RenderAsync(session.RunAsync(prompt, cancellationToken), session.Id, session.CostAfter);

    /// <summary>
    /// Architect/editor mode: both sessions' events in order; the result is the last run's status and text with the
    /// turns, usage, cost and time of every run of both sessions (new sessions: their cost is the runs' sum).
    /// </summary>
    public Task<int> RunAsync(ArchitectEditor pair, string prompt, CancellationToken cancellationToken) =>
        RenderAsync(pair.RunAsync(prompt, cancellationToken), pair.Editor.Id, total => total.CostUsd is null && total.Usage != TokenUsage.Zero ? null : total.CostUsd ?? 0);

    private async Task<int> RenderAsync(IAsyncEnumerable<AgentEvent> events, string sessionId, Func<RunFinished, decimal?> sessionCost)
    {
        RunFinished? finished = null;
        string? lastError = null;
        var claude = new ClaudeStream(sessionId);
        var codex = format == OutputFormat.CodexJson ? new CodexStream(sessionId) : null;
        await foreach (var item in events)
        {
            var lines = claude.Translate(item).ToList();
            if (codex is not null)
            {
                foreach (var line in codex.Translate(item))
                    await WriteLineAsync(stdout, line);
            }
            else if (format == OutputFormat.StreamJson)
            {
                if (item is not RunFinished && (IncludePartialMessages || !IsFine(item)))
                    await WriteLineAsync(stdout, JsonSerializer.Serialize(item, AgentEventJsonContext.Default.AgentEvent));
                foreach (var line in lines)
                    await WriteLineAsync(stdout, line);
            }
            else if (format == OutputFormat.Text)
            {
                await ProgressAsync(item);
            }

            switch (item)
            {
                case ErrorOccurred error:
                    lastError = error.Message;
                    break;
                case RunFinished run:
                    finished = finished is null ? run : Sum(finished, run);
                    break;
            }
        }

        await FlushRepeatAsync();
        var result = finished ?? new RunFinished(RunStatus.Error, "", 0, TokenUsage.Zero, null, 0);
        // A cancelled run (SIGTERM, SIGINT) still reports the answer it had begun.
        if (result.Status == RunStatus.Cancelled && result.Text.Length == 0 && claude.PendingText.Length > 0)
            result = result with { Text = claude.PendingText };
        if (format == OutputFormat.Text)
        {
            if (result.Text.Length > 0)
                await WriteLineAsync(stdout, result.Text);
            if (result.Status == RunStatus.Cancelled)
                await WriteLineAsync(stderr, Strings.ErrorPrefix + Strings.Cancelled);
            if (result.Status == RunStatus.Refusal)
                await WriteLineAsync(stderr, Strings.ErrorPrefix + Strings.Refused);
            if (result.Status == RunStatus.MaxTurns)
                await WriteLineAsync(stderr, string.Format(CultureInfo.InvariantCulture, Strings.StoppedMaxTurns, result.Turns));
            if (result.Status == RunStatus.Budget)
                await WriteLineAsync(stderr, Strings.StoppedBudget);
        }
        else if (codex is null)
        {
            await WriteLineAsync(stdout, ResultWriter.Format(result.Status, result.Text, sessionId, result.Turns, result.Usage,
                result.CostUsd, result.DurationMs, result.Status == RunStatus.Error ? lastError : null, sessionCost(result),
                w => claude.WriteResultFields(w, result.Status, result.Text, result.Turns, result.CostUsd, result.DurationMs)));
        }

        if (LastMessageFile is { } file)
            await File.WriteAllTextAsync(file, result.Text);
        return ExitCodes.For(result.Status);
    }

    /// <summary>Events that only --include-partial-messages shows: streaming pieces and bookkeeping.</summary>
    private static bool IsFine(AgentEvent item) =>
        item is TextDelta or ReasoningDelta or ToolOutputDelta or UsageReported or RetryScheduled or ResponseDiscarded or CheckpointCreated;

    /// <summary>Two runs as one: the later one's status and text; turns, usage, time and cost added (cost unknown when either's is).</summary>
    private static RunFinished Sum(RunFinished before, RunFinished after)
    {
        static bool Unknown(RunFinished r) => r.CostUsd is null && r.Usage != TokenUsage.Zero;
        return after with
        {
            Turns = before.Turns + after.Turns,
            Usage = before.Usage + after.Usage,
            CostUsd = Unknown(before) || Unknown(after) ? null : (before.CostUsd ?? 0) + (after.CostUsd ?? 0),
            DurationMs = before.DurationMs + after.DurationMs,
        };
    }

    /// <summary><c>/compact</c>: compacts the (resumed) session's context now and reports it.</summary>
    public async Task<int> CompactAsync(RuntimeSession session, CancellationToken cancellationToken)
    {
        var compacted = await session.CompactAsync(cancellationToken);
        if (format == OutputFormat.Text)
        {
            await WriteLineAsync(stderr, Describe(compacted));
        }
        else
        {
            await WriteLineAsync(stdout, JsonSerializer.Serialize<AgentEvent>(compacted, AgentEventJsonContext.Default.AgentEvent));
        }

        return compacted.Error is null ? ExitCodes.Success : ExitCodes.Error;
    }

    private static string Describe(ContextCompacted compacted) => compacted.Error is { } error
        ? Strings.ErrorPrefix + string.Format(CultureInfo.InvariantCulture, Strings.CompactFailed, error)
        : compacted.Stage == "none"
            ? Strings.NothingToCompact
            : string.Format(CultureInfo.InvariantCulture, Strings.Compacted, compacted.Stage, compacted.TokensBefore, compacted.TokensAfter);

    /// <summary>Text mode: the progress line an event makes on stderr, if any.</summary>
    internal async Task ProgressAsync(AgentEvent item)
    {
        var (line, key) = item switch
        {
            ToolCallRequested call => ($"› {call.Name} {Shorten(call.Arguments)}", null),
            ToolCallFinished { Name: "remember", Status: ToolCallStatus.Ok } memory => ("  " + memory.Result, null),
            ToolCallFinished done when done.Status != ToolCallStatus.Ok => ($"  {done.Name}: {done.Status.ToString().ToLowerInvariant()} — {Shorten(done.Result)}", null),
            ContextCompacted compacted => (Describe(compacted), null),
            RetryScheduled retry => (string.Format(CultureInfo.InvariantCulture, Strings.Retrying, retry.DelayMs / 1000.0, retry.Attempt, retry.Reason),
                "retry\n" + retry.Reason),
            ModelSwitched switched => (string.Format(CultureInfo.InvariantCulture, Strings.ModelSwitchedLine, switched.From, switched.To, switched.Reason), null),
            ErrorOccurred error => (Strings.ErrorPrefix + error.Message, "error\n" + error.Message),
            _ => ((string?)null, (string?)null),
        };
        if (line is null)
            return;
        if (key is null)
        {
            await FlushRepeatAsync();
            await WriteLineAsync(stderr, line);
            return;
        }

        // The same retry or error again: on a terminal its line is redrawn with a count; elsewhere the first one is
        // shown at once and the last one, with the count, when the repeats end (two lines however many there are).
        var count = _repeats.Add(key);
        if (count == 1)
        {
            if (_pendingRepeat is { } pending)
                await WriteLineAsync(stderr, pending);
            _pendingRepeat = null;
            await WriteLineAsync(stderr, line);
        }
        else if (StderrIsTerminal)
        {
            await stderr.WriteAsync("\x1b[1A\r\x1b[2K");
            await WriteLineAsync(stderr, RepeatFolder.WithCount(line, count));
        }
        else
        {
            _pendingRepeat = RepeatFolder.WithCount(line, count);
        }
    }

    /// <summary>Ends a run of repeated notices: off a terminal, its last line with the count is written now.</summary>
    internal async Task FlushRepeatAsync()
    {
        if (_pendingRepeat is { } pending)
            await WriteLineAsync(stderr, pending);
        _pendingRepeat = null;
        _repeats.Reset();
    }

    private static string Shorten(string text)
    {
        text = text.ReplaceLineEndings(" ");
        return text.Length > 160 ? text[..160] + "…" : text;
    }

    private static async Task WriteLineAsync(TextWriter writer, string line)
    {
        await writer.WriteLineAsync(line);
        await writer.FlushAsync();
    }
}
