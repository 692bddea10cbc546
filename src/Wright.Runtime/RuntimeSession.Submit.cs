using Wright.Core.Approvals;
using Wright.Core.Events;
using Wright.Runtime.Protocol;
using Ops = Wright.Runtime.Protocol;

namespace Wright.Runtime;

/// <summary>Operations as data, for hosts that receive them over a wire.</summary>
public sealed partial class RuntimeSession
{
    /// <summary>
    /// Applies <paramref name="operation"/> and returns the event that acknowledges it (null for <see cref="Interrupt"/>,
    /// <see cref="ResolveApproval"/> and <see cref="AddContext"/>, whose acknowledgement is in the run's stream or the
    /// journal). A <see cref="SubmitPrompt"/> runs to the end, passing every event to <paramref name="onEvent"/>, and
    /// returns its <c>RunFinished</c>. Throws what the matching method throws (a bad model or mode, a run in progress,
    /// an unknown checkpoint); an answer for no waiting request throws <see cref="InvalidOperationException"/>.
    /// </summary>
    public async Task<AgentEvent?> SubmitAsync(SessionOperation operation, Action<AgentEvent>? onEvent = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(operation);
        switch (operation)
        {
            case Ops.SubmitPrompt submit:
                AgentEvent? last = null;
                var run = Commands.TryExpand(submit.Text, out var command) && command is not null
                    ? RunCommandAsync(command, cancellationToken)
                    : RunAsync(submit.Text, cancellationToken);
                await foreach (var item in run)
                {
                    onEvent?.Invoke(item);
                    last = item;
                }

                return last;
            case Ops.Interrupt:
                Cancel();
                return null;
            case Ops.ResolveApproval resolve:
                var answer = new ApprovalAnswer(resolve.Allowed, resolve.Remember, resolve.Feedback);
                return ResolveApproval(resolve.CallId, answer, resolve.SessionId)
                    ? null
                    : throw new InvalidOperationException($"no approval request of call '{resolve.CallId}' is waiting.");
            case Ops.SetModel model:
                return SetModel(model.Model);
            case Ops.SetMode mode:
                return SetMode(mode.Mode);
            case Ops.SetEffort effort:
                return SetEffort(effort.Effort);
            case Ops.Compact:
                return await CompactAsync(cancellationToken);
            case Ops.Rewind rewind:
                return await RewindAsync(rewind.Turn, rewind.Scope, cancellationToken);
            case Ops.RunShellCommand shell:
                return await RunShellCommandAsync(shell.Command, null, cancellationToken);
            case Ops.AddContext context:
                AddContext(context.Text);
                return null;
            default:
                throw new ArgumentException($"unknown operation {operation.GetType().Name}", nameof(operation));
        }
    }
}
