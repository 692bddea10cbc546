using System.Runtime.CompilerServices;
using System.Threading.Channels;
using Microsoft.Extensions.AI;
using Wright.Core.Approvals;
using Wright.Core.Events;
using Wright.Core.Tools;

namespace Wright.Core.Engine;

/// <summary>
/// A conversation with a model and its tools. Operations in (<see cref="RunAsync"/>, cancellation,
/// <see cref="ResolveApproval"/>, <see cref="SetModel"/>, <see cref="SetEffort"/>, <see cref="CompactAsync"/>,
/// <see cref="RewindTranscript"/>, <see cref="AddUserNote"/>), a typed event stream out. One run at a time; the
/// transcript is kept consistent whatever happens (errors, cancellation).
/// </summary>
public sealed partial class AgentSession
{
    private IChatClient _client;
    private string _model;
    private readonly ToolRegistry _tools;
    private readonly IToolPermissions _permissions;
    private readonly PendingApprovals _pending;
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
    /// <param name="client">The model.</param>
    /// <param name="tools">The tools the model may call.</param>
    /// <param name="options">How the session runs.</param>
    /// <param name="permissions">The permission step of dispatch; null allows every call.</param>
    /// <param name="timeProvider">The clock.</param>
    public AgentSession(IChatClient client, ToolRegistry tools, AgentOptions options, IToolPermissions? permissions = null, TimeProvider? timeProvider = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        _client = client;
        _model = options.Model;
        _tools = tools;
        _options = options;
        _permissions = permissions ?? AllowAll.Instance;
        _pending = options.PendingApprovals ?? new PendingApprovals();
        _time = timeProvider ?? TimeProvider.System;
        Id = options.SessionId ?? NewId(_time);
        _toolContext = new ToolContext(Id, options.Workspace, options.SessionDirectory, _time, EmitFromTool);
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

    /// <summary>The model spec the next request goes to.</summary>
    public string Model => _model;

    /// <summary>The approval requests of this session (and of subagents sharing them) that wait for an answer.</summary>
    public PendingApprovals PendingApprovals => _pending;

    /// <summary>Whether a run is in progress.</summary>
    public bool IsRunning => _runLock.CurrentCount == 0;

    /// <summary>
    /// Runs one user prompt to completion: the model answers without tool calls, the turn limit is reached, an error
    /// occurs, or <paramref name="cancellationToken"/> fires. The last event is always <see cref="RunFinished"/>.
    /// </summary>
    public IAsyncEnumerable<AgentEvent> RunAsync(string prompt, CancellationToken cancellationToken = default) =>
        RunAsync(prompt, [], cancellationToken);

    /// <summary>
    /// Runs one user prompt with <paramref name="attachments"/> (images as <see cref="DataContent"/>) in the same user
    /// message; see <see cref="RunAsync(string, CancellationToken)"/>.
    /// </summary>
    public async IAsyncEnumerable<AgentEvent> RunAsync(string prompt, IReadOnlyList<AIContent> attachments,
        [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(attachments);
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
                try { await RunCoreAsync(prompt, attachments, run.Token); }
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

    /// <summary>
    /// Answers the approval request of call <paramref name="callId"/> (the <c>ResolveApproval</c> operation; a subagent's
    /// call when <paramref name="sessionId"/> names it). False when no such request waits (already answered, unknown).
    /// </summary>
    public bool ResolveApproval(string callId, ApprovalAnswer answer, string? sessionId = null) => _pending.Resolve(callId, answer, sessionId);

    /// <summary>
    /// Sends the next requests to <paramref name="client"/> (the set-model operation): <paramref name="model"/> is the
    /// spec events and usage are recorded under, <paramref name="modelId"/> the id sent in requests,
    /// <paramref name="contextWindow"/> the new window compaction works against. Safe during a run: the request under
    /// way finishes with the old client. The caller owns both clients.
    /// </summary>
    public void SetModel(IChatClient client, string model, string? modelId, int? contextWindow)
    {
        ArgumentNullException.ThrowIfNull(client);
        ArgumentException.ThrowIfNullOrEmpty(model);
        _client = client;
        _model = model;
        if (_options.ChatOptions is { } chat)
            chat.ModelId = modelId;
        if (contextWindow is > 0 and var window && _options.Compaction is { } compaction)
            compaction.ContextWindow = window;
        _anchorTokens = null;
    }

    /// <summary>Sets the reasoning effort of the next requests (null: the provider's default).</summary>
    public void SetEffort(ReasoningEffort? effort)
    {
        if (_options.ChatOptions is { } chat)
            chat.Reasoning = effort is null ? null : new ReasoningOptions { Effort = effort };
    }

    /// <summary>
    /// Replaces the transcript with <paramref name="transcript"/> (a rewind of the conversation to a checkpoint); it is
    /// journaled as a new generation. Only between runs: throws <see cref="InvalidOperationException"/> during one.
    /// </summary>
    public void RewindTranscript(IReadOnlyList<ChatMessage> transcript)
    {
        ArgumentNullException.ThrowIfNull(transcript);
        if (!_runLock.Wait(0, CancellationToken.None))
            throw new InvalidOperationException("A run is in progress in this session; rewind after it finishes.");
        try
        {
            _journal?.RecordTranscript(transcript);
            _messages.Clear();
            _messages.AddRange(transcript);
            _anchorTokens = null;
        }
        finally
        {
            _runLock.Release();
        }
    }

    /// <summary>
    /// Records an event that acknowledges an operation applied outside the loop (settings changed, a rewind, the
    /// person's shell command) in the journal, and adds it to the stream of the run in progress, if any.
    /// </summary>
    public void Publish(AgentEvent item)
    {
        ArgumentNullException.ThrowIfNull(item);
        Emit(item);
    }

    /// <summary>An event a tool publishes; live output is redacted like the result it becomes.</summary>
    private void EmitFromTool(AgentEvent item)
    {
        if (item is ToolOutputDelta delta && _options.Redactor is { } redactor)
            item = delta with { Text = redactor.Redact(delta.Text) };
        Emit(item);
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
