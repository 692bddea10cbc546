namespace Wright.Core.Engine;

/// <summary>
/// Takes snapshots of the workspace so a turn's changes (by file tools and shell commands alike) can be undone. The
/// engine calls <see cref="CheckpointAsync"/> before the first mutating tool call of each turn.
/// </summary>
public interface IWorkspaceCheckpoints
{
    /// <summary>Snapshots the workspace; returns the snapshot's id.</summary>
    Task<string> CheckpointAsync(string sessionId, int turn, CancellationToken cancellationToken);
}
