using Wright.Core.Approvals;

namespace Wright.Core.Events;

/// <summary>
/// A tool call needs a person's approval: <see cref="Request"/> names the call (id and arguments, after any pre-tool
/// hook), the action, why it asks and whether "always" may be offered. The call waits until a <c>ResolveApproval</c>
/// operation (or the host's approval prompt) answers it; <see cref="ApprovalResolved"/> follows.
/// </summary>
public sealed record ApprovalRequested(ApprovalRequest Request) : AgentEvent;
