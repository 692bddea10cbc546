namespace Wright.Tests.Support;

/// <summary>Finds npm packages installed for the tests by ./test.sh (tests/node/node_modules).</summary>
public static class NodePackages
{
    public static string RepoRoot { get; } = FindRoot();

    public static string Modules => Environment.GetEnvironmentVariable("WRIGHT_TEST_NODE_MODULES") is { Length: > 0 } custom
        ? custom
        : Path.Combine(RepoRoot, "tests", "node", "node_modules");

    /// <summary>The path of a file inside an installed package; fails the test clearly when ./test.sh did not install it.</summary>
    public static string File(string package, string relative)
    {
        var path = Path.Combine(Modules, package, relative);
        if (!System.IO.File.Exists(path))
            throw new InvalidOperationException($"{package} is not installed at {Modules}: run ./test.sh (it installs tests/node).");
        return path;
    }

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (System.IO.File.Exists(Path.Combine(dir.FullName, "Wright.slnx")))
                return dir.FullName;
        }

        throw new InvalidOperationException("cannot find the repository root (Wright.slnx)");
    }
}
