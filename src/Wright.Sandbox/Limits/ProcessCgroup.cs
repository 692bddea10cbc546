using System.Globalization;
using Wright.Sandbox.Filesystem;

namespace Wright.Sandbox.Limits;

/// <summary>
/// A cgroup for one sandboxed command, created under Wright's own cgroup where Wright may create one: cgroup v2 when
/// its cgroup already delegates the pids controller to children (then memory.max too, when memory is delegated), or
/// the v1 pids hierarchy when mounted and writable. The sandbox's first process joins it before it execs bubblewrap,
/// so every process of the command counts; the sandbox gets its own cgroup namespace and a read-only /sys, so it
/// cannot leave. Where neither exists, only the rlimits apply.
/// </summary>
internal sealed class ProcessCgroup
{
    private static readonly Lazy<Hierarchy?> Found = new(Locate);
    private static int _next;
    private static volatile bool _broken;
    private readonly Hierarchy _hierarchy;

    private ProcessCgroup(string path, Hierarchy hierarchy)
    {
        Path = path;
        _hierarchy = hierarchy;
    }

    /// <summary>The cgroup's folder.</summary>
    public string Path { get; }

    /// <summary>The file the sandbox's first process writes its pid to.</summary>
    public string Procs => System.IO.Path.Combine(Path, "cgroup.procs");

    /// <summary>Where command cgroups would be created (tests, docs), or null.</summary>
    public static string? Parent => Found.Value?.Folder;

    /// <summary>Creates the cgroup with the limits; null where cgroups are not available to Wright.</summary>
    public static ProcessCgroup? TryCreate(SandboxLimits limits)
    {
        if (_broken || (limits.Processes <= 0 && limits.MemoryMb <= 0) || Found.Value is not { } hierarchy)
            return null;
        var path = System.IO.Path.Combine(hierarchy.Folder, string.Create(CultureInfo.InvariantCulture, $"wright-{Environment.ProcessId}-{Interlocked.Increment(ref _next)}"));
        if (!NativeFiles.MakeDirectory(path, 0x1ED))
        {
            _broken = true;
            return null;
        }

        var cgroup = new ProcessCgroup(path, hierarchy);
        try
        {
            if (limits.Processes > 0)
                File.WriteAllText(System.IO.Path.Combine(path, "pids.max"), limits.Processes.ToString(CultureInfo.InvariantCulture));
            if (hierarchy.Memory && limits.MemoryMb > 0)
            {
                File.WriteAllText(System.IO.Path.Combine(path, "memory.max"), (limits.MemoryMb * 1024 * 1024).ToString(CultureInfo.InvariantCulture));
                if (File.Exists(System.IO.Path.Combine(path, "memory.swap.max")))
                    File.WriteAllText(System.IO.Path.Combine(path, "memory.swap.max"), "0");
            }

            return cgroup;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            _broken = true;
            cgroup.Remove();
            return null;
        }
    }

    /// <summary>Whether a fork or clone was refused for the process limit.</summary>
    public bool HitProcessLimit => Counter("pids.events", "max") > 0;

    /// <summary>Whether the memory limit was reached (cgroup v2).</summary>
    public bool HitMemoryLimit => _hierarchy.Memory && (Counter("memory.events", "max") > 0 || Counter("memory.events", "oom_kill") > 0);

    /// <summary>Removes the cgroup once it is empty (its processes may take a moment to go); retried in the background.</summary>
    public void Remove()
    {
        if (NativeFiles.RemoveEmptyDirectory(Path) || !Directory.Exists(Path))
            return;
        _ = Task.Run(async () =>
        {
            for (var i = 0; i < 100 && Directory.Exists(Path) && !NativeFiles.RemoveEmptyDirectory(Path); i++)
                await Task.Delay(100).ConfigureAwait(false);
        });
    }

    private long Counter(string file, string key)
    {
        try
        {
            foreach (var line in File.ReadAllLines(System.IO.Path.Combine(Path, file)))
            {
                var parts = line.Split(' ');
                if (parts.Length == 2 && parts[0] == key && long.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var value))
                    return value;
            }
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            // Gone already.
        }

        return 0;
    }

    private static Hierarchy? Locate()
    {
        if (!OperatingSystem.IsLinux())
            return null;
        try
        {
            var found = Locate(File.ReadAllLines("/proc/self/cgroup"), File.ReadAllLines("/proc/self/mountinfo"), NativeFiles.Writable);
            if (found is not null)
                RemoveStale(found.Folder);
            return found;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }

    /// <summary>Removes empty command cgroups left by a Wright that was killed (wright-PID-N whose PID is gone).</summary>
    private static void RemoveStale(string folder)
    {
        foreach (var dir in Directory.EnumerateDirectories(folder, "wright-*-*"))
        {
            var parts = System.IO.Path.GetFileName(dir).Split('-');
            if (parts.Length == 3 && int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var pid)
                && pid != Environment.ProcessId && !Directory.Exists($"/proc/{pid}"))
                NativeFiles.RemoveEmptyDirectory(dir);
        }
    }

    /// <summary>Finds the folder from /proc/self/cgroup and /proc/self/mountinfo (v2 first, then the v1 pids hierarchy).</summary>
    internal static Hierarchy? Locate(IReadOnlyList<string> cgroups, IReadOnlyList<string> mounts, Func<string, bool> writable)
    {
        var mountList = mounts.Select(ParseMount).OfType<Mount>().ToList();
        foreach (var line in cgroups.Where(l => l.StartsWith("0::", StringComparison.Ordinal)))
        {
            foreach (var mount in mountList.Where(m => m.Type == "cgroup2"))
            {
                if (FolderOf(mount, line[3..]) is not { } folder || !writable(folder))
                    continue;
                var delegated = ReadWords(System.IO.Path.Combine(folder, "cgroup.subtree_control"));
                if (delegated.Contains("pids"))
                    return new Hierarchy(folder, delegated.Contains("memory"));
            }
        }

        foreach (var line in cgroups)
        {
            var parts = line.Split(':', 3);
            if (parts.Length != 3 || !parts[1].Split(',').Contains("pids"))
                continue;
            foreach (var mount in mountList.Where(m => m.Type == "cgroup" && m.SuperOptions.Split(',').Contains("pids")))
            {
                if (FolderOf(mount, parts[2]) is { } folder && writable(folder))
                    return new Hierarchy(folder, false);
            }
        }

        return null;
    }

    private static string? FolderOf(Mount mount, string cgroupPath)
    {
        var root = mount.Root.TrimEnd('/');
        if (cgroupPath != root && !cgroupPath.StartsWith(root + "/", StringComparison.Ordinal) && root.Length > 0)
            return null;
        var folder = mount.Point.TrimEnd('/') + cgroupPath[root.Length..];
        return folder.Length == 0 ? "/" : folder.TrimEnd('/');
    }

    private static Mount? ParseMount(string line)
    {
        var separator = line.IndexOf(" - ", StringComparison.Ordinal);
        if (separator < 0)
            return null;
        var left = line[..separator].Split(' ');
        var right = line[(separator + 3)..].Split(' ');
        return left.Length < 5 || right.Length < 3 ? null : new Mount(Unescape(left[3]), Unescape(left[4]), right[0], right[2]);
    }

    private static string Unescape(string field) => field.Replace("\\040", " ", StringComparison.Ordinal).Replace("\\011", "\t", StringComparison.Ordinal);

    private static HashSet<string> ReadWords(string file)
    {
        try
        {
            return [.. File.ReadAllText(file).Split([' ', '\n'], StringSplitOptions.RemoveEmptyEntries)];
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return [];
        }
    }

    /// <summary>The folder under which command cgroups are created, and whether memory.max is available there.</summary>
    internal sealed record Hierarchy(string Folder, bool Memory);

    private sealed record Mount(string Root, string Point, string Type, string SuperOptions);
}
