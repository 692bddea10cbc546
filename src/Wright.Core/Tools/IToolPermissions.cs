using Wright.Core.Approvals;
using Wright.Core.Events;

namespace Wright.Core.Tools;

/// <summary>
/// The permission step of tool dispatch (modes, rules, the trifecta guard in practice). The engine asks it about every
/// validated call after the pre-tool hooks; when it answers <see cref="ToolApproval.Ask"/>, the engine emits
/// <see cref="ApprovalRequested"/>, waits for the answer and hands it to <see cref="Resolve"/>; after every call it
/// reports the result to <see cref="Observe"/>, before any later call is decided.
/// </summary>
public interface IToolPermissions
{
    /// <summary>Allow, deny (with the reason the model sees), or ask a person (with the request to show).</summary>
    ValueTask<ToolApproval> DecideAsync(ToolCall call, ITool tool, CancellationToken cancellationToken);

    /// <summary>
    /// Records a person's (or a policy's) answer to a request this decided to ask — "always" adds a session rule where
    /// the request allows it — and returns the final decision (allow, or deny with the reason the model sees).
    /// </summary>
    ToolApproval Resolve(ToolCall call, ApprovalRequest request, ApprovalAnswer answer);

    /// <summary>A call finished (the session's taint follows what entered it).</summary>
    void Observe(ToolCall call, ToolCallFinished finished);
}
