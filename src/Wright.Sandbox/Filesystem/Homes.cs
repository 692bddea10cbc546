using System.Runtime.InteropServices;

namespace Wright.Sandbox.Filesystem;

/// <summary>The real home folders whose secrets the sandbox hides: $HOME and the account's home from the user database, wherever they are.</summary>
internal static partial class Homes
{
    /// <summary>The existing, canonical home folders of the user running Wright (never <c>/</c>).</summary>
    public static IReadOnlyList<string> Discover()
    {
        var found = new List<string>();
        foreach (var candidate in new[] { Environment.GetEnvironmentVariable("HOME"), AccountHome() })
        {
            if (string.IsNullOrEmpty(candidate) || !Path.IsPathRooted(candidate) || !Directory.Exists(candidate))
                continue;
            var canonical = Canonical(candidate);
            if (canonical != "/" && !found.Contains(canonical))
                found.Add(canonical);
        }

        return found;
    }

    /// <summary>A path's canonical form (every link resolved, realpath(3)); the full path when it does not exist.</summary>
    public static string Canonical(string path)
    {
        var full = Path.GetFullPath(path);
        if (!OperatingSystem.IsLinux())
            return full.Length > 1 ? full.TrimEnd('/') : full;
        var pointer = RealPath(full, IntPtr.Zero);
        if (pointer == IntPtr.Zero)
            return full.Length > 1 ? full.TrimEnd('/') : full;
        try
        {
            return Marshal.PtrToStringUTF8(pointer) ?? full;
        }
        finally
        {
            Free(pointer);
        }
    }

    /// <summary>pw_dir of the effective user (struct passwd on 64-bit Linux: pw_dir is the fifth field, at offset 32).</summary>
    private static string? AccountHome()
    {
        if (!OperatingSystem.IsLinux())
            return null;
        var entry = GetPwUid(GetEUid());
        if (entry == IntPtr.Zero)
            return null;
        var dir = Marshal.ReadIntPtr(entry, 32);
        return dir == IntPtr.Zero ? null : Marshal.PtrToStringUTF8(dir);
    }

    [LibraryImport("libc", EntryPoint = "geteuid")]
    private static partial uint GetEUid();

    [LibraryImport("libc", EntryPoint = "getpwuid")]
    private static partial IntPtr GetPwUid(uint uid);

    [LibraryImport("libc", EntryPoint = "realpath", StringMarshalling = StringMarshalling.Utf8)]
    private static partial IntPtr RealPath(string path, IntPtr resolved);

    [LibraryImport("libc", EntryPoint = "free")]
    private static partial void Free(IntPtr pointer);
}
