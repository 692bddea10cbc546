using Wright.Permissions.Dependencies.Manifests;
using Wright.Permissions.Protection;

namespace Wright.Permissions.Dependencies;

/// <summary>
/// The dependencies a repository's manifests declare (for <c>wright check-deps</c>): every manifest under a folder,
/// without following links or entering installed, vendored, built or version-control folders, within fixed limits.
/// Lockfiles are not listed: they pin what the manifests declare.
/// </summary>
public static class RepositoryScan
{
    private const int MaxEntries = 50_000;
    private const int MaxDepth = 16;
    private const int MaxBytes = 16 * 1024 * 1024;

    private static readonly HashSet<string> Skipped = new(StringComparer.Ordinal)
    {
        ".git", ".hg", ".svn", "node_modules", "bower_components", "jspm_packages", "vendor", "target", "dist", "build", "out", "bin", "obj",
        ".venv", "venv", "env", "__pycache__", ".tox", ".nox", ".mypy_cache", ".pytest_cache", ".ruff_cache", ".cargo", ".gradle", ".idea",
        ".vs", ".next", ".nuxt", ".yarn", ".pnpm-store", "site-packages", "coverage", ".terraform", ".wright",
    };

    /// <summary>The manifests under <paramref name="root"/> (paths relative to it), each with what it declares.</summary>
    public static IReadOnlyList<DependencyRequest> Find(string root)
    {
        ArgumentNullException.ThrowIfNull(root);
        var found = new List<DependencyRequest>();
        var entries = 0;
        var pending = new Stack<(string Path, int Depth)>();
        pending.Push((root, 0));
        while (pending.Count > 0 && entries < MaxEntries)
        {
            var (dir, depth) = pending.Pop();
            IEnumerable<FileSystemInfo> children;
            try
            {
                children = new DirectoryInfo(dir).EnumerateFileSystemInfos().OrderBy(c => c.Name, StringComparer.Ordinal).ToList();
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                continue;
            }

            var folders = new List<string>();
            foreach (var child in children)
            {
                if (++entries > MaxEntries)
                    break;
                if (child.LinkTarget is not null)
                    continue;
                if (child is DirectoryInfo)
                {
                    if (depth < MaxDepth && !Skipped.Contains(child.Name))
                        folders.Add(child.FullName);
                    continue;
                }

                if (ManifestFiles.Classify(child.FullName) is not { IsLockfile: false } kind)
                    continue;
                var shown = Path.GetRelativePath(root, child.FullName);
                var declared = SafeRead.Text(child.FullName, MaxBytes) is { } text ? ManifestReader.Read(kind, text, shown) : null;
                found.AddRange(declared?.Select(r => r with { Directory = dir })
                    ?? [new DependencyRequest(kind.Ecosystem, shown, RequestKind.Unreadable, shown) { Directory = dir }]);
            }

            for (var i = folders.Count - 1; i >= 0; i--)
                pending.Push((folders[i], depth + 1));
        }

        return found;
    }
}
