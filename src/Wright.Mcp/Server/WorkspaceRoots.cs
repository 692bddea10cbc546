using System.Globalization;
using Wright.Mcp.Server.Text;

namespace Wright.Mcp.Server;

/// <summary>
/// Where a caller of <c>run_task</c> may work: a configured root or a directory below one, compared after every
/// symlink is resolved, and never the file-system root, the user's home, a directory above it, or Wright's own home.
/// A client names the workspace; it cannot name one the operator did not hand out.
/// </summary>
public sealed class WorkspaceRoots
{
    private readonly Func<string, string?> _canonicalize;
    private readonly List<string> _forbidden;
    private readonly string? _home;
    private readonly string? _wrightHome;

    /// <param name="roots">The roots, as given; each must exist. Those that are forbidden as workspaces still contain
    /// allowed ones (a root of <c>~/src</c> is fine, and so is <c>~</c> as a root, though not as a workspace).</param>
    /// <param name="defaultWorkspace">The workspace of a call without <c>cwd</c>, and what a relative <c>cwd</c> is
    /// resolved against; null when there is none.</param>
    /// <param name="home">The user's home directory.</param>
    /// <param name="wrightHome">Wright's state directory (<c>$WRIGHT_HOME</c>): never a workspace, nor anything in or above it.</param>
    /// <param name="canonicalize">Resolves every symlink of an existing path (realpath); null when it does not exist.</param>
    public WorkspaceRoots(IEnumerable<string> roots, string? defaultWorkspace, string? home, string? wrightHome, Func<string, string?> canonicalize)
    {
        ArgumentNullException.ThrowIfNull(roots);
        _canonicalize = canonicalize ?? throw new ArgumentNullException(nameof(canonicalize));
        _home = home is null ? null : canonicalize(home) ?? Path.GetFullPath(home);
        _wrightHome = wrightHome is null ? null : canonicalize(wrightHome) ?? Path.GetFullPath(wrightHome);
        _forbidden = ["/"];
        if (_home is not null)
            _forbidden.Add(_home);
        Roots = roots.Select(r => canonicalize(r) ?? throw new DirectoryNotFoundException(string.Format(CultureInfo.InvariantCulture, ServerStrings.NoSuchRoot, r)))
            .Distinct(StringComparer.Ordinal).ToList();
        var resolvedDefault = defaultWorkspace is null ? null : canonicalize(defaultWorkspace);
        DefaultWorkspace = resolvedDefault is not null && Problem(resolvedDefault) is null ? resolvedDefault : null;
    }

    /// <summary>The canonical roots.</summary>
    public IReadOnlyList<string> Roots { get; }

    /// <summary>The canonical default workspace, or null when none was given or it is not an allowed workspace.</summary>
    public string? DefaultWorkspace { get; }

    /// <summary>
    /// The canonical workspace for a call's <c>cwd</c> (null: the default), or null with the reason in
    /// <paramref name="error"/>.
    /// </summary>
    public string? Resolve(string? requested, out string? error)
    {
        error = null;
        if (Roots.Count == 0)
        {
            error = ServerStrings.NoRoots;
            return null;
        }

        if (requested is null)
        {
            if (DefaultWorkspace is null)
                error = string.Format(CultureInfo.InvariantCulture, ServerStrings.NoDefaultWorkspace, string.Join(", ", Roots));
            return DefaultWorkspace;
        }

        if (requested.Contains('\0', StringComparison.Ordinal))
        {
            error = ServerStrings.CwdHasNul;
            return null;
        }

        var full = Path.IsPathRooted(requested) ? requested : Path.Combine(DefaultWorkspace ?? Roots[0], requested);
        var canonical = _canonicalize(full);
        if (canonical is null || !Directory.Exists(canonical))
        {
            // Outside the roots, whether a path exists is none of the caller's business.
            var lexical = Path.GetFullPath(full);
            error = Roots.Any(root => lexical == root || IsUnder(lexical, root))
                ? string.Format(CultureInfo.InvariantCulture, ServerStrings.CwdMissing, requested)
                : string.Format(CultureInfo.InvariantCulture, ServerStrings.CwdOutsideRoots, requested, string.Join(", ", Roots));
            return null;
        }

        error = Problem(canonical) is { } problem ? string.Format(CultureInfo.InvariantCulture, problem, requested, string.Join(", ", Roots)) : null;
        return error is null ? canonical : null;
    }

    /// <summary>Why a canonical directory may not be a workspace (a format with {0} = as requested, {1} = the roots), or null.</summary>
    private string? Problem(string canonical)
    {
        // The file-system root, the home directory and every directory above it: a workspace there reaches shell
        // start-up files, keys and every other project.
        if (_forbidden.Any(f => f == canonical || IsUnder(f, canonical)))
            return ServerStrings.CwdTooWide;
        // Wright's home holds its config, trust records and sessions: the agent never works in it or above it.
        if (_wrightHome is not null && (canonical == _wrightHome || IsUnder(canonical, _wrightHome) || IsUnder(_wrightHome, canonical)))
            return ServerStrings.CwdInWrightHome;
        return Roots.Any(root => canonical == root || IsUnder(canonical, root)) ? null : ServerStrings.CwdOutsideRoots;
    }

    /// <summary>True when <paramref name="path"/> lies strictly below <paramref name="directory"/> (both canonical).</summary>
    private static bool IsUnder(string path, string directory)
    {
        var prefix = directory.EndsWith('/') ? directory : directory + "/";
        return path.Length > prefix.Length && path.StartsWith(prefix, StringComparison.Ordinal);
    }
}
