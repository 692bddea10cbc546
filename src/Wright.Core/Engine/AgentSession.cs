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
    private ChannelWriter<AgentEvent>? _events;
    private bool _announced;

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
        if (!string.IsNullOrEmpty(options.SystemPrompt))
            _messages.Add(new ChatMessage(ChatRole.System, options.SystemPrompt));
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
        try
        {
            var channel = Channel.CreateUnbounded<AgentEvent>(new UnboundedChannelOptions { SingleReader = true });
            _events = channel.Writer;
            var producer = Task.Run(async () =>
            {
                try { await RunCoreAsync(prompt, cancellationToken); }
                finally { channel.Writer.TryComplete(); }
            }, CancellationToken.None);

            await foreach (var item in channel.Reader.ReadAllAsync(CancellationToken.None))
                yield return item;
            await producer;
        }
        finally
        {
            _events = null;
            _runLock.Release();
        }
    }

    private void Emit(AgentEvent item) =>
        _events?.TryWrite(item with { SessionId = Id, Time = _time.GetUtcNow() });

    /// <summary>A new sortable session id: UTC time plus random suffix.</summary>
    public static string NewId(TimeProvider time) =>
        $"{time.GetUtcNow():yyyyMMdd-HHmmss}-{System.Convert.ToHexStringLower(System.Security.Cryptography.RandomNumberGenerator.GetBytes(3))}";
}
