using System.Text;
using System.Text.RegularExpressions;
using Wright.Core.Repositories;
using Wright.Tools.Shell;

namespace Wright.Sandbox.Filesystem;

/// <summary>
/// Plans the mounts that protect paths inside the writable workspace. Each protected path that exists is bound
/// read-only onto itself, a mount point a command can neither write nor rename, remove or replace; one that does not
/// exist gets an empty read-only placeholder at its first missing component; every folder between the workspace and
/// it is bound onto itself (writable as before) so that renaming a parent cannot carry the protection away; a link on
/// the way is refused, since a command could replace it. Protected: git's folder and everything it points to in the
/// workspace (a gitdir: file's target, commondir, links inside it), the git folder at every submodule path of the
/// index (recursively), the configuration of <see cref="ProtectedPaths.Workspace"/>, and a home inside the workspace.
/// The plan knows which areas are read-only in the sandbox, so it never makes one writable again.
/// </summary>
internal sealed partial class WorkspaceProtection(string workspace, string emptyFile, string emptyFolder)
{
    private const int MaxSubmoduleDepth = 3;
    private const int MaxIncludeDepth = 10; // git's own limit
    private const int MaxGitlinks = 2000;
    private int _gitlinks;
    private readonly List<(string Path, string[] Arguments)> _mounts = [];
    private readonly Dictionary<string, bool> _roots = new(StringComparer.Ordinal);

    /// <summary>The placeholders bubblewrap will create on the host.</summary>
    public List<string> Created { get; } = [];

    /// <summary>The bwrap options, parents before children (a later mount of a parent would cover a child's).</summary>
    public IEnumerable<string> Arguments =>
        _mounts.Select((m, i) => (m, i)).OrderBy(x => x.m.Path.Count(c => c == '/')).ThenBy(x => x.i).SelectMany(x => x.m.Arguments);

    /// <summary>Plans everything: homes inside the workspace first (they decide what is read-only), then the workspace's own paths.</summary>
    public void Plan(IEnumerable<string> homesInside)
    {
        foreach (var home in homesInside)
            ProtectHome(home);
        ProtectRepository(workspace, 0);
        ProtectEnclosingRepository();
        foreach (var relative in ProtectedPaths.Workspace.Where(p => p != ".git/"))
            ProtectPath(Path.Combine(workspace, relative.TrimEnd('/')), relative.EndsWith('/'));
    }

    /// <summary>A repository's git folder (at <paramref name="root"/>/.git), what it points to, and its submodules' git folders.</summary>
    private void ProtectRepository(string root, int depth)
    {
        var git = Path.Combine(root, ".git");
        var type = ProtectPath(git, folder: true);
        var gitDirectory = type switch
        {
            NativeFiles.Directory => git,
            NativeFiles.Regular => Pointer(git, "gitdir:", root),
            _ => null,
        };
        if (gitDirectory is null)
            return;
        if (type == NativeFiles.Regular)
            ProtectExisting(gitDirectory);
        var common = Pointer(Path.Combine(gitDirectory, "commondir"), "", gitDirectory);
        if (common is not null)
            ProtectExisting(common);
        foreach (var config in new[] { Path.Combine(gitDirectory, "config"), Path.Combine(gitDirectory, "config.worktree"), common is null ? null : Path.Combine(common, "config") })
        {
            if (config is not null)
                ProtectConfigReferences(config, root, 0);
        }

        foreach (var folder in new[] { gitDirectory, Path.Combine(gitDirectory, "hooks"), Path.Combine(gitDirectory, "info") })
        {
            if (!NativeFiles.Is(folder, NativeFiles.Directory))
                continue;
            foreach (var entry in new DirectoryInfo(folder).EnumerateFileSystemInfos("*", new EnumerationOptions { AttributesToSkip = 0, IgnoreInaccessible = true }))
            {
                if (entry.LinkTarget is not null && PathRules.Resolve(entry) is { } target)
                    ProtectExisting(target);
            }
        }

        if (depth >= MaxSubmoduleDepth || NativeFiles.ReadSmallFile(Path.Combine(gitDirectory, "index"), 256 << 20) is not { } index)
            return;
        var hashLength = UsesSha256(gitDirectory) ? 32 : 20;
        foreach (var gitlink in GitIndex.Gitlinks(index, hashLength))
        {
            if (++_gitlinks > MaxGitlinks)
                throw new CommandRefusedException($"the repository has more than {MaxGitlinks} submodules; the sandbox protects the git folder of each (one mount apiece) and does not run commands here.");
            var parts = gitlink.Split('/');
            if (parts.Any(p => p is "" or "." or ".." || p.Contains('\0', StringComparison.Ordinal)))
                continue;
            ProtectRepository(Path.Combine([root, .. parts]), depth + 1);
        }
    }

    /// <summary>
    /// A workspace below its repository's root: that repository's git folder is outside (read-only already), but its
    /// config may point git into the workspace (<c>core.hooksPath = sub/hooks</c>).
    /// </summary>
    private void ProtectEnclosingRepository()
    {
        for (var dir = Path.GetDirectoryName(workspace); dir is not null; dir = Path.GetDirectoryName(dir))
        {
            var git = Path.Combine(dir, ".git");
            var gitDirectory = NativeFiles.Examine(git)?.Type switch
            {
                NativeFiles.Directory => git,
                NativeFiles.Regular => Pointer(git, "gitdir:", dir),
                _ => null,
            };
            if (NativeFiles.Examine(git) is null)
                continue;
            if (gitDirectory is null)
                return;
            var common = Pointer(Path.Combine(gitDirectory, "commondir"), "", gitDirectory);
            foreach (var config in new[] { Path.Combine(gitDirectory, "config"), Path.Combine(gitDirectory, "config.worktree"), common is null ? null : Path.Combine(common, "config") })
            {
                if (config is not null)
                    ProtectConfigReferences(config, dir, 0);
            }

            return;
        }
    }

    /// <summary>
    /// What a git config file points git at in the workspace (<see cref="GitConfigReferences"/>): a
    /// <c>core.hooksPath</c> folder and included config files become protected paths (read-only, or not creatable), and
    /// an included file in the workspace is read for its own references.
    /// </summary>
    private void ProtectConfigReferences(string config, string worktree, int depth)
    {
        if (depth > MaxIncludeDepth || NativeFiles.ReadSmallFile(config, 1 << 20) is not { } bytes)
            return;
        var references = GitConfigReferences.Parse(Encoding.UTF8.GetString(bytes), Path.GetDirectoryName(config) ?? "/", worktree, Environment.GetEnvironmentVariable("HOME"));
        foreach (var reference in references)
        {
            var folder = reference.Kind == GitConfigReferenceKind.HooksFolder;
            if (folder && reference.Path.TrimEnd('/') == workspace)
            {
                foreach (var hook in GitConfigReferences.HookNames)
                    ProtectPath(Path.Combine(workspace, hook), folder: false); // the workspace is the hooks folder
                continue;
            }

            if (!PathRules.Inside(reference.Path, workspace) || reference.Path == workspace)
                continue;
            ProtectPath(reference.Path, folder);
            if (!folder)
                ProtectConfigReferences(reference.Path, worktree, depth + 1);
        }
    }

    /// <summary>
    /// Protects <paramref name="path"/> (inside the workspace): read-only if it exists, a placeholder at its first
    /// missing component if not, its parent folders pinned. Returns the type it had, or null.
    /// </summary>
    private uint? ProtectPath(string path, bool folder)
    {
        if (!PathRules.Inside(path, workspace) || path == workspace)
            return null;
        var parts = path[(workspace.Length + 1)..].Split('/');
        var current = workspace;
        for (var i = 0; i < parts.Length; i++)
        {
            current = Path.Combine(current, parts[i]);
            if (!Writable(current))
                return null; // read-only in the sandbox already
            var last = i == parts.Length - 1;
            var found = NativeFiles.Examine(current);
            if (found is null)
            {
                Placeholder(current, folder: !last || folder);
                return null;
            }

            if (found.Value.Type == NativeFiles.Link)
                throw Refused(current);
            if (last)
            {
                ReadOnly(current);
                return found.Value.Type;
            }

            if (found.Value.Type != NativeFiles.Directory)
                return null;
            Pin(current);
        }

        return null;
    }

    /// <summary>Protects an existing path the repository points to, if it lies in the workspace (outside, it is read-only already).</summary>
    private void ProtectExisting(string path)
    {
        if (!PathRules.Inside(path, workspace) || path == workspace || NativeFiles.Examine(path) is null)
            return;
        var parts = path[(workspace.Length + 1)..].Split('/');
        var current = workspace;
        for (var i = 0; i < parts.Length; i++)
        {
            current = Path.Combine(current, parts[i]);
            if (!Writable(current))
                return;
            if (NativeFiles.Examine(current) is not { } found)
                return;
            if (found.Type == NativeFiles.Link)
                throw Refused(current);
            if (i == parts.Length - 1)
                ReadOnly(current);
            else
                Pin(current);
        }
    }

    /// <summary>
    /// A home inside the workspace (a refused setup the CLI guards against, made safe here too): its own folder is
    /// read-only, so nothing can be created, removed or replaced at its top; its ordinary entries stay writable; its
    /// dot entries and <c>bin</c> stay read-only (and what their links point to in the workspace); its secrets are hidden.
    /// </summary>
    private void ProtectHome(string home)
    {
        ReadOnly(home);
        var protectedNames = home == workspace ? ProtectedPaths.Workspace.Select(p => p.Split('/')[0]).ToHashSet(StringComparer.Ordinal) : [];
        var entries = new DirectoryInfo(home).EnumerateFileSystemInfos("*", new EnumerationOptions { AttributesToSkip = 0, IgnoreInaccessible = true }).ToList();
        foreach (var entry in entries.Where(e => e.LinkTarget is null && !IsStartup(e.Name) && !protectedNames.Contains(e.Name)))
            Mount(entry.FullName, true, "--bind", entry.FullName, entry.FullName);
        foreach (var entry in entries.Where(e => e.LinkTarget is not null && IsStartup(e.Name)))
        {
            if (PathRules.Resolve(entry) is { } target)
                ProtectExisting(target);
        }

        foreach (var relative in ProtectedPaths.HomeSecrets)
        {
            var path = Path.Combine(home, relative.TrimEnd('/'));
            if (NativeFiles.Examine(path) is not { } found)
                continue;
            var target = found.Type == NativeFiles.Link ? PathRules.Resolve(new FileInfo(path)) : path;
            if (target is null || target == "/" || target == workspace)
                continue;
            Mount(target, false, "--ro-bind", Directory.Exists(target) ? emptyFolder : emptyFile, target);
        }
    }

    private static bool IsStartup(string name) => name.StartsWith('.') || name == "bin";

    private void ReadOnly(string path) => Mount(path, false, "--ro-bind", path, path);

    /// <summary>Binds a writable folder onto itself: a mount point cannot be renamed away.</summary>
    private void Pin(string path)
    {
        if (!_roots.ContainsKey(path))
            Mount(path, true, "--bind", path, path);
    }

    private void Placeholder(string path, bool folder)
    {
        // Only where a command could create it: the parent is writable in the sandbox and on the host.
        var parent = Path.GetDirectoryName(path)!;
        if (!Writable(parent) || !NativeFiles.Writable(parent))
            return;
        Mount(path, false, "--ro-bind", folder ? emptyFolder : emptyFile, path);
        Created.Add(path);
    }

    private void Mount(string path, bool writable, params string[] arguments)
    {
        _mounts.Add((path, arguments));
        _roots[path] = writable;
    }

    /// <summary>Whether the sandbox may write at <paramref name="path"/>: decided by the deepest planned mount containing it (none: the workspace, writable).</summary>
    private bool Writable(string path)
    {
        if (!PathRules.Inside(path, workspace))
            return false;
        string? deepest = null;
        foreach (var root in _roots.Keys)
        {
            if (PathRules.Inside(path, root) && (deepest is null || root.Length > deepest.Length))
                deepest = root;
        }

        return deepest is null || _roots[deepest];
    }

    private static bool UsesSha256(string gitDirectory) =>
        NativeFiles.ReadSmallFile(Path.Combine(gitDirectory, "config"), 1 << 20) is { } config && Sha256Format().IsMatch(Encoding.UTF8.GetString(config));

    /// <summary>The path a small pointer file names (after <paramref name="prefix"/>), resolved against <paramref name="baseDirectory"/>; read as hostile input (no link followed, no FIFO opened, 4 KB at most).</summary>
    private static string? Pointer(string file, string prefix, string baseDirectory)
    {
        if (NativeFiles.ReadSmallFile(file, 4096) is not { } bytes)
            return null;
        var text = Encoding.UTF8.GetString(bytes).Trim();
        if (!text.StartsWith(prefix, StringComparison.Ordinal))
            return null;
        var target = text[prefix.Length..].Trim();
        if (target.Length == 0 || target.Contains('\n', StringComparison.Ordinal) || target.Contains('\0', StringComparison.Ordinal))
            return null;
        return Path.GetFullPath(target, baseDirectory).TrimEnd('/');
    }

    private static CommandRefusedException Refused(string path) =>
        new($"the sandbox cannot protect {path}: it is a symbolic link, and a command could replace it with its own. Replace the link with the folder or file it points to (or run without the sandbox: --permission-mode yolo).");

    [GeneratedRegex(@"objectformat\s*=\s*sha256", RegexOptions.IgnoreCase)]
    private static partial Regex Sha256Format();
}
