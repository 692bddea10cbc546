using System.Runtime.CompilerServices;
using System.Threading.Channels;
using Microsoft.Extensions.AI;
using Wright.Core.Events;
using Wright.Core.Tools;

namespace Wright.Core.Engine;

/// <summary>
/// A conversation with a model and its tools. Commands in (<see cref="RunAsync"/>, cancellation), a typed event
/// stream out. One run at a time; the transcript is kept consistent whatever happens (errors, cancellation).
/// </summary>
public sealed partial class AgentSession
{
    private readonly IChatClient _client;
    private readonly ToolRegistry _tools;
    private readonly IToolApprover _approver;
    private readonly AgentOptions _options;
    private readonly TimeProvider _time;
    private readonly ToolContext _toolContext;
    private readonly List<ChatMessage> _messages = [];
    private readonly SemaphoreSlim _runLock = new(1, 1);
    private readonly ISessionJournal? _journal;
    private ChannelWriter<AgentEvent>? _events;
    private bool _announced;
    private bool _hookStarted;

    /// <summary>Creates a session.</summary>
    public AgentSession(IChatClient client, ToolRegistry tools, AgentOptions options, IToolApprover? approver = null, TimeProvider? timeProvider = null)
    {
        _client = client;
        _tools = tools;
        _options = options;
        _approver = approver ?? AllowAllApprover.Instance;
        _time = timeProvider ?? TimeProvider.System;
        Id = options.SessionId ?? NewId(_time);
        _toolContext = new ToolContext(Id, options.Workspace, options.SessionDirectory, _time, Emit);
        _journal = options.Journal;
        if (options.History is { Count: > 0 } history)
        {
            _messages.AddRange(history);
            foreach (var repair in Repair(_messages))
            {
                Append(repair);
                // The journal (and any later reader) learns these calls ended as interrupted.
                foreach (var result in repair.Contents.OfType<FunctionResultContent>())
                {
                    var name = history.SelectMany(m => m.Contents).OfType<FunctionCallContent>().First(c => c.CallId == result.CallId).Name;
                    Emit(new ToolCallFinished(result.CallId, name, ToolCallStatus.Interrupted, (string)result.Result!, 0));
                }
            }
        }
        else if (!string.IsNullOrEmpty(options.SystemPrompt))
        {
            Append(new ChatMessage(ChatRole.System, options.SystemPrompt));
        }
    }

    /// <summary>The session id.</summary>
    public string Id { get; }

    /// <summary>The transcript as the model sees it.</summary>
    public IReadOnlyList<ChatMessage> Messages => _messages;

    /// <summary>
    /// Runs one user prompt to completion: the model answers without tool calls, the turn limit is reached, an error
    /// occurs, or <paramref name="cancellationToken"/> fires. The last event is always <see cref="RunFinished"/>.
    /// </summary>
    public async IAsyncEnumerable<AgentEvent> RunAsync(string prompt, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        if (!await _runLock.WaitAsync(0, CancellationToken.None))
            throw new InvalidOperationException("A run is already in progress in this session.");
        // If the consumer stops early, the run is cancelled and awaited, so two runs never overlap.
        using var run = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        Task? producer = null;
        try
        {
            var channel = Channel.CreateUnbounded<AgentEvent>(new UnboundedChannelOptions { SingleReader = true });
            _events = channel.Writer;
            producer = Task.Run(async () =>
            {
                try { await RunCoreAsync(prompt, run.Token); }
                finally { channel.Writer.TryComplete(); }
            }, CancellationToken.None);

            await foreach (var item in channel.Reader.ReadAllAsync(CancellationToken.None))
                yield return item;
        }
        finally
        {
            if (producer is not null && !producer.IsCompleted)
                await run.CancelAsync();
            if (producer is not null)
                await producer.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
            _events = null;
            _runLock.Release();
        }
    }

    /// <summary>
    /// Adds a note from the person at the host to the transcript as a user message (journaled like any message), so
    /// the model sees it on the next run: e.g. a shell command they ran themselves and its output. Only between runs:
    /// throws <see cref="InvalidOperationException"/> while a run is in progress.
    /// </summary>
    public void AddUserNote(string text)
    {
        ArgumentException.ThrowIfNullOrEmpty(text);
        if (!_runLock.Wait(0, CancellationToken.None))
            throw new InvalidOperationException("A run is in progress in this session; add the note after it finishes.");
        try
        {
            // Redacted like a tool result: `!env` must not send the provider's key to the provider.
            Append(new ChatMessage(ChatRole.User, _options.Redactor?.Redact(text) ?? text));
        }
        finally
        {
            _runLock.Release();
        }
    }

    private void Emit(AgentEvent item)
    {
        item = item with { SessionId = Id, Time = _time.GetUtcNow() };
        _journal?.Record(item);
        _events?.TryWrite(item);
    }

    /// <summary>Adds a message to the transcript, recording it first.</summary>
    private void Append(ChatMessage message)
    {
        _journal?.RecordMessage(message);
        _messages.Add(message);
    }

    /// <summary>
    /// Messages that make a resumed transcript consistent: every tool call of the last assistant message that has no
    /// result (the process died while it ran) gets one saying so, so the model knows its effects are unknown.
    /// </summary>
    private static List<ChatMessage> Repair(List<ChatMessage> messages)
    {
        var answered = messages.SelectMany(m => m.Contents).OfType<FunctionResultContent>().Select(r => r.CallId).ToHashSet(StringComparer.Ordinal);
        var missing = messages.SelectMany(m => m.Contents).OfType<FunctionCallContent>().Where(c => !answered.Contains(c.CallId)).ToList();
        return missing.Count == 0
            ? []
            : [new ChatMessage(ChatRole.Tool, [.. missing.Select(c => (AIContent)new FunctionResultContent(c.CallId,
                "Interrupted: Wright stopped while this call was running; its effects are unknown. Check before retrying."))])];
    }

    /// <summary>A new sortable session id: UTC time plus random suffix.</summary>
    public static string NewId(TimeProvider time) =>
        $"{time.GetUtcNow():yyyyMMdd-HHmmss}-{System.Convert.ToHexStringLower(System.Security.Cryptography.RandomNumberGenerator.GetBytes(3))}";
}
