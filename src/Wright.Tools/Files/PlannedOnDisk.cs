using System.Collections.Concurrent;

namespace Wright.Tools.Files;

/// <summary>
/// Files whose change the permission layer planned on the disk (<see cref="Wright.Core.Tools.IFileChangePlanner"/>:
/// the dependency guard judges the planned content of a manifest against its current one). The call that follows the
/// plan works on the disk for those files, never through an editor whose buffer may hold other text, so what was
/// checked is what is written. One per tool instance: the plan and the call reach the same instance.
/// </summary>
internal sealed class PlannedOnDisk
{
    private readonly ConcurrentDictionary<string, bool> _paths = new(StringComparer.Ordinal);

    /// <summary>Notes that a change of <paramref name="full"/> was planned on the disk.</summary>
    public void Mark(string full) => _paths[full] = true;

    /// <summary>Whether the next change of <paramref name="full"/> was planned on the disk (and forgets it).</summary>
    public bool Take(string full) => _paths.TryRemove(full, out _);
}
