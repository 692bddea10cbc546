using System.Collections.Immutable;

namespace Wright.Core.Processes;

/// <summary>
/// Resolves every program Wright starts (git, setsid, bwrap, socat, shells, hook and MCP server commands) to an
/// absolute path found on a trusted PATH, and gives child processes that PATH.
/// </summary>
/// <remarks>
/// <para>Why: .NET's <c>Process.Start</c> with a bare name (and <c>UseShellExecute=false</c>) looks in the directory of
/// the running executable and in the current directory before PATH, so a file named <c>git</c> or <c>setsid</c> in the
/// workspace (shipped by a cloned repository, or written by a sandboxed command) would run on the host, outside the
/// sandbox. A start with an absolute path does no lookup at all.</para>
/// <para>The trusted PATH is the user's PATH without empty entries, relative entries (both mean "the current
/// directory", <c>.</c> included) and entries inside a distrusted directory (the workspace: see
/// <see cref="Distrust"/>); when nothing is left, the standard system directories.</para>
/// </remarks>
public static class TrustedPrograms
{
    /// <summary>Searched when PATH has no trusted entry.</summary>
    public static readonly IReadOnlyList<string> SystemDirectories = ["/usr/local/sbin", "/usr/local/bin", "/usr/sbin", "/usr/bin", "/sbin", "/bin"];

    private static ImmutableHashSet<string> _distrusted = ImmutableHashSet.Create<string>(StringComparer.Ordinal);

    /// <summary>Directories whose contents are never trusted as programs found on PATH (each workspace Wright works in).</summary>
    public static IReadOnlySet<string> Distrusted => _distrusted;

    /// <summary>
    /// Marks a directory (the workspace) as untrusted: PATH entries inside it are ignored from now on, by every
    /// lookup in this process.
    /// </summary>
    public static void Distrust(string directory)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(directory);
        var full = Normalize(directory);
        var real = Real(full);
        ImmutableInterlocked.Update(ref _distrusted, set => set.Add(full).Add(real));
    }

    /// <summary>
    /// The trusted search directories, in PATH order: absolute entries of <paramref name="path"/> (default: this
    /// process's PATH) that are not inside <paramref name="untrusted"/> nor inside a <see cref="Distrust"/>ed
    /// directory; the <see cref="SystemDirectories"/> when none is left.
    /// </summary>
    public static IReadOnlyList<string> Directories(string? path = null, IEnumerable<string?>? untrusted = null)
    {
        path ??= Environment.GetEnvironmentVariable("PATH") ?? "";
        var excluded = _distrusted.Concat((untrusted ?? []).OfType<string>().Where(u => u.Length > 0).Select(Normalize)).ToList();
        var result = new List<string>();
        foreach (var entry in path.Split(Path.PathSeparator))
        {
            // Empty and relative entries name the current directory (or one below it): never trusted.
            if (entry.Length == 0 || !Path.IsPathFullyQualified(entry))
                continue;
            var full = Normalize(entry);
            var real = Real(full);
            if (excluded.Any(dir => Inside(full, dir) || Inside(real, dir)) || result.Contains(full, StringComparer.Ordinal))
                continue;
            result.Add(full);
        }

        return result.Count > 0 ? result : SystemDirectories;
    }

    /// <summary>The trusted PATH as a PATH value, for the environment of child processes.</summary>
    public static string SearchPath(IEnumerable<string?>? untrusted = null, string? path = null) =>
        string.Join(Path.PathSeparator, Directories(path, untrusted));

    /// <summary>
    /// Finds <paramref name="program"/>: an absolute path is returned as it is (it was configured, not looked up); a
    /// relative path with a separator is made absolute against <paramref name="baseDirectory"/> (explicit
    /// configuration, such as an MCP server's <c>./bin/server</c>); a bare name is looked up in the trusted
    /// directories only. Null when not found.
    /// </summary>
    public static string? Find(string program, IEnumerable<string?>? untrusted = null, string? baseDirectory = null, string? path = null)
    {
        ArgumentNullException.ThrowIfNull(program);
        if (program.Length == 0)
            return null;
        if (Path.IsPathFullyQualified(program))
            return program;
        if (program.Contains(Path.DirectorySeparatorChar, StringComparison.Ordinal))
            return baseDirectory is null ? null : Path.GetFullPath(program, baseDirectory);
        foreach (var dir in Directories(path, untrusted))
        {
            var candidate = Path.Combine(dir, program);
            if (IsExecutableFile(candidate))
                return candidate;
        }

        return null;
    }

    /// <summary>As <see cref="Find"/>, but throws <see cref="FileNotFoundException"/> naming the program and where it was looked for.</summary>
    public static string Resolve(string program, IEnumerable<string?>? untrusted = null, string? baseDirectory = null, string? path = null) =>
        Find(program, untrusted, baseDirectory, path)
        ?? throw new FileNotFoundException(
            $"'{program}' was not found on the trusted PATH ({SearchPath(untrusted, path)}); the current directory, relative PATH entries and the workspace are never searched.",
            program);

    private static bool IsExecutableFile(string candidate)
    {
        try
        {
            if (!File.Exists(candidate))
                return false;
            if (OperatingSystem.IsWindows())
                return true;
            const UnixFileMode Execute = UnixFileMode.UserExecute | UnixFileMode.GroupExecute | UnixFileMode.OtherExecute;
            return (File.GetUnixFileMode(candidate) & Execute) != 0;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return false;
        }
    }

    private static string Normalize(string directory) => Path.TrimEndingDirectorySeparator(Path.GetFullPath(directory));

    /// <summary>The path with every symlink resolved (so a link into the workspace counts as inside it).</summary>
    private static string Real(string full)
    {
        try
        {
            var root = Path.GetPathRoot(full) ?? "/";
            var current = root;
            var hops = 0;
            foreach (var part in full[root.Length..].Split(Path.DirectorySeparatorChar, StringSplitOptions.RemoveEmptyEntries))
            {
                var next = Path.Combine(current, part);
                while (new DirectoryInfo(next).LinkTarget is { } target && hops++ < 40)
                    next = Path.GetFullPath(target, Path.GetDirectoryName(next) ?? root);
                current = next;
            }

            return Path.TrimEndingDirectorySeparator(current);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return full;
        }
    }

    private static bool Inside(string path, string directory) =>
        path == directory
        || directory == Path.GetPathRoot(directory) // the file-system root: everything is inside it
        || path.StartsWith(directory + Path.DirectorySeparatorChar, StringComparison.Ordinal);
}
