namespace Wright.Core.Events;

/// <summary>
/// A request went to another model than the session's: <paramref name="From"/> failed for good (after its retries)
/// or could not fit the context (fallback), or a routing rule chose <paramref name="To"/> for this request (routes), and
/// <paramref name="To"/> answers instead. <paramref name="Reason"/> says why in one line; the usage and cost of the
/// response are reported under <paramref name="To"/>.
/// </summary>
public sealed record ModelSwitched(string From, string To, string Reason) : AgentEvent;
