namespace Wright.Tests.Fleet;

/// <summary>What the nodes of one test's fleet share: the database, the token, the secret, the workspace with the repository, the model.</summary>
public sealed class FleetSetup : IDisposable
{
    public FleetSetup(string cluster)
    {
        Cluster = cluster;
        Root = Directory.CreateTempSubdirectory("wright-fleet-").FullName;
        Workspace = Path.Combine(Root, "ws");
        Repo = Path.Combine(Workspace, "demo");
        Wright.Tests.Server.GitRepo.Init(Repo);
    }

    public string Cluster { get; }

    public string Root { get; }

    public string Workspace { get; }

    /// <summary>The remote every node reaches (a path here): attempts' branches are pushed back to it.</summary>
    public string Repo { get; }

    public string Token { get; } = "fleet-token-" + Guid.NewGuid().ToString("N");

    public string Secret { get; } = "fleet-secret-" + Guid.NewGuid().ToString("N");

    public Dictionary<string, string> Environment { get; } = new(StringComparer.Ordinal);

    public void Dispose()
    {
        try
        {
            Directory.Delete(Root, recursive: true);
        }
        catch (IOException)
        {
            // A node's worktree still being written as it was killed: the temporary directory is left behind.
        }
        catch (UnauthorizedAccessException)
        {
        }
    }
}
