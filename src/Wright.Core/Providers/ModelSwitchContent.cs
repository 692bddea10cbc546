using Microsoft.Extensions.AI;

namespace Wright.Core.Providers;

/// <summary>
/// Emitted in the update stream by a fallback client when it sends the request to the next model of its list, and by
/// a routing client when a rule sends it to another model. The
/// updates already streamed by the failed model must be dropped (as for a retry); the engine emits
/// <see cref="Events.ModelSwitched"/> and counts the response's usage under <see cref="To"/>.
/// </summary>
public sealed class ModelSwitchContent(string from, string to, string reason) : AIContent
{
    /// <summary>The model that failed.</summary>
    public string From { get; } = from;

    /// <summary>The model that is asked now.</summary>
    public string To { get; } = to;

    /// <summary>One line: why.</summary>
    public string Reason { get; } = reason;
}
