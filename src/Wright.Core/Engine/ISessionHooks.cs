namespace Wright.Core.Engine;

/// <summary>
/// Session-level hooks (user-configured commands in practice): they may add context, block a prompt, or keep the
/// agent going when it wants to stop. All optional; the engine calls them at the documented points.
/// </summary>
public interface ISessionHooks
{
    /// <summary>Before the first turn of a new or resumed session; returns context to add, or null.</summary>
    ValueTask<string?> OnSessionStartAsync(string source, CancellationToken cancellationToken);

    /// <summary>When a prompt is submitted: may block it or add context.</summary>
    ValueTask<HookOutcome> OnUserPromptAsync(string prompt, CancellationToken cancellationToken);

    /// <summary>When the agent is about to finish: returning a reason makes it continue with that as feedback.</summary>
    ValueTask<string?> OnStopAsync(string finalText, bool alreadyContinued, CancellationToken cancellationToken);

    /// <summary>
    /// Right before the transcript is compacted; <paramref name="trigger"/> is <c>auto</c> (threshold or context
    /// overflow) or <c>manual</c> (<c>/compact</c>). Informational: it cannot stop the compaction. Hooks that do not
    /// care need not implement it.
    /// </summary>
    Task OnPreCompactAsync(string trigger, CancellationToken cancellationToken) => Task.CompletedTask;
}
