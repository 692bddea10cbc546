namespace Wright.Sandbox.Filesystem;

/// <summary>
/// What the sandbox keeps a command from changing because something on the host runs or trusts it later: git's
/// folder and hooks, editor, agent and hook-manager configuration in the workspace; in a home that lies inside the
/// workspace, the shell's startup files and every other dot entry. And what it hides: secrets of a home, whatever
/// the home's path. Paths are relative; a trailing <c>/</c> marks a folder.
/// </summary>
internal static class ProtectedPaths
{
    /// <summary>Read-only in the workspace, and not creatable when absent.</summary>
    public static IReadOnlyList<string> Workspace { get; } =
    [
        ".git/", ".wright/", ".vscode/", ".claude/", ".husky/", ".github/workflows/", ".idea/", ".devcontainer/", ".gemini/",
        ".cursor/", ".codex/", ".zed/", ".continue/", ".windsurf/", ".amazonq/", ".hg/", ".githooks/",
        ".gitmodules", ".gitconfig", ".envrc", ".mcp.json", ".pre-commit-config.yaml", "lefthook.yml", ".lefthook.yml", "lefthook.yaml",
        ".lefthook.yaml", "lefthook-local.yml", ".lefthook-local.yml", "mise.toml", ".mise.toml",
    ];

    /// <summary>Secrets of a home: hidden (an empty read-only folder or file in their place).</summary>
    public static IReadOnlyList<string> HomeSecrets { get; } =
    [
        ".ssh/", ".aws/", ".gnupg/", ".kube/", ".docker/", ".azure/", ".config/gcloud/", ".config/gh/", ".config/op/",
        ".password-store/", ".local/share/keyrings/", ".terraform.d/", ".wright/", ".claude/", ".codex/", ".gemini/", ".cargo/credentials.toml",
        ".cargo/credentials", ".netrc", ".git-credentials", ".npmrc", ".pypirc", ".pgpass", ".my.cnf", ".claude.json",
        ".bash_history", ".zsh_history", ".python_history", ".psql_history", ".mysql_history", ".node_repl_history", ".lesshst", ".viminfo",
    ];

    /// <summary>Whether <paramref name="name"/> is a dotenv file to hide (examples and templates stay readable).</summary>
    public static bool IsEnvFile(string name) =>
        (name == ".env" || name == ".envrc" || name.StartsWith(".env.", StringComparison.Ordinal))
        && !name.EndsWith(".example", StringComparison.Ordinal) && !name.EndsWith(".sample", StringComparison.Ordinal)
        && !name.EndsWith(".template", StringComparison.Ordinal) && !name.EndsWith(".dist", StringComparison.Ordinal);

    /// <summary>Folders the search for nested dotenv files does not enter (dependencies and build output, never the user's secrets).</summary>
    public static IReadOnlySet<string> SkippedInEnvSearch { get; } = new HashSet<string>(StringComparer.Ordinal)
    {
        ".git", "node_modules", "bin", "obj", "target", "dist", "build", "out", ".venv", "venv", "__pycache__", ".cache", ".gradle",
        ".next", ".nuxt", "coverage", ".tox", ".mypy_cache", ".pytest_cache", ".terraform",
    };
}
