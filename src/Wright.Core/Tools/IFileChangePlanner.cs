using System.Text.Json;

namespace Wright.Core.Tools;

/// <summary>
/// A file tool that can say, without writing anything, what a call would leave in the files it touches — computed by
/// the same code that then writes them. The permission layer reads the planned content of dependency manifests this
/// way, so a new dependency is checked before it reaches the disk.
/// </summary>
public interface IFileChangePlanner
{
    /// <summary>
    /// The changes <paramref name="arguments"/> would make to the files for which <paramref name="include"/> (given the
    /// absolute path) is true; none when the call would fail (the tool then fails the same way).
    /// </summary>
    IReadOnlyList<PlannedFileChange> PlanChanges(JsonElement arguments, string workspace, Func<string, bool> include);
}
