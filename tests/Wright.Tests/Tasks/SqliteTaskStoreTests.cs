using Wright.Tasks.Store;

namespace Wright.Tests.Tasks;

/// <summary>The store contract against SQLite (the single-machine server's queue, beside the sessions).</summary>
public sealed class SqliteTaskStoreTests : TaskStoreContract, IDisposable
{
    protected override ITaskStore Open() => SqliteTaskStore.Open(Path.Combine(Dir, "wright.db"));

    public void Dispose() => Directory.Delete(Dir, recursive: true);
}
