using Wright.Core.Events;
using Wright.Core.Tools;
using Wright.Permissions;

namespace Wright.Cli.Hosting;

/// <summary>
/// The session's approver: the permission engine (possibly wrapped by hooks). <c>/mode</c> replaces the engine with
/// one in another mode; the session's taint carries over, so it never decreases.
/// </summary>
internal sealed class SwitchableApprover(PermissionEngine engine, Func<PermissionEngine, IToolApprover> wrap) : IToolApprover, IToolResultObserver
{
    private IToolApprover _current = wrap(engine);

    public PermissionEngine Engine { get; private set; } = engine;

    /// <summary>Switches to <paramref name="next"/>, copying the current engine's taint into it.</summary>
    public void Switch(PermissionEngine next)
    {
        next.Taint.MergeFrom(Engine.Taint);
        Engine = next;
        _current = wrap(next);
    }

    public ValueTask<ToolApproval> ApproveAsync(ToolCall call, ITool tool, CancellationToken cancellationToken) =>
        _current.ApproveAsync(call, tool, cancellationToken);

    public void Observe(ToolCall call, ToolCallFinished finished) => (_current as IToolResultObserver)?.Observe(call, finished);
}
