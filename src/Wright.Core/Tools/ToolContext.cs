using System.Collections.Concurrent;
using Wright.Core.Events;

namespace Wright.Core.Tools;

/// <summary>
/// What a tool may know about the session it runs in. The workspace path is chosen and canonicalised by the
/// harness, never by the model.
/// </summary>
public sealed class ToolContext
{
    private readonly ConcurrentDictionary<Type, object> _state = new();

    private readonly Action<AgentEvent>? _publish;

    /// <summary>Creates a context; <paramref name="publish"/> forwards tool events into the session's stream.</summary>
    public ToolContext(string sessionId, string workspace, string sessionDirectory, TimeProvider timeProvider, Action<AgentEvent>? publish = null)
    {
        SessionId = sessionId;
        Workspace = workspace;
        SessionDirectory = sessionDirectory;
        TimeProvider = timeProvider;
        _publish = publish;
    }

    /// <summary>Emits an event (e.g. the todo list changed) for hosts to show.</summary>
    public void Publish(AgentEvent item) => _publish?.Invoke(item);

    /// <summary>The id of the tool call this context serves, when the engine set one (for nesting events).</summary>
    public string? CallId { get; init; }

    /// <summary>A copy bound to one tool call.</summary>
    public ToolContext ForCall(string callId) => new(this, callId);

    private ToolContext(ToolContext parent, string callId)
    {
        SessionId = parent.SessionId;
        Workspace = parent.Workspace;
        SessionDirectory = parent.SessionDirectory;
        TimeProvider = parent.TimeProvider;
        _publish = parent._publish;
        _state = parent._state;
        CallId = callId;
    }

    /// <summary>The session's id.</summary>
    public string SessionId { get; }

    /// <summary>The canonical absolute workspace path.</summary>
    public string Workspace { get; }

    /// <summary>A folder private to this session (full tool outputs and the like are kept there).</summary>
    public string SessionDirectory { get; }

    /// <summary>The clock.</summary>
    public TimeProvider TimeProvider { get; }

    /// <summary>Per-session state of one kind, created on first use (e.g. the shell's working directory).</summary>
    public T GetState<T>() where T : class, new() => (T)_state.GetOrAdd(typeof(T), static _ => new T());
}
