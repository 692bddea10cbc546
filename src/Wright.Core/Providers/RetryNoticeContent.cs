using Microsoft.Extensions.AI;

namespace Wright.Core.Providers;

/// <summary>
/// Emitted in the update stream by the retry middleware before it sends a request again. When
/// <see cref="DiscardPartial"/> is set, the updates already streamed for this response must be dropped: the stream
/// was cut and the response starts over. The engine turns this into events and never puts it in the transcript.
/// </summary>
public sealed class RetryNoticeContent(int attempt, TimeSpan delay, string reason, bool discardPartial) : AIContent
{
    /// <summary>Which retry this is (1 = first retry).</summary>
    public int Attempt { get; } = attempt;

    /// <summary>How long the middleware waits before sending again.</summary>
    public TimeSpan Delay { get; } = delay;

    /// <summary>One line: why the request is retried.</summary>
    public string Reason { get; } = reason;

    /// <summary>Whether output of the failed attempt was already streamed and must be discarded.</summary>
    public bool DiscardPartial { get; } = discardPartial;
}
