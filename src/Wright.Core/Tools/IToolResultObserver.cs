using Wright.Core.Events;

namespace Wright.Core.Tools;

/// <summary>
/// Implemented by approvers that track what entered the session (e.g. untrusted content, secrets read): the engine
/// calls it synchronously when a call finishes, before any later call is approved.
/// </summary>
public interface IToolResultObserver
{
    /// <summary>A call finished.</summary>
    void Observe(ToolCall call, ToolCallFinished finished);
}
