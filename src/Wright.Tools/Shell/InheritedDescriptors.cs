using System.Runtime.InteropServices;

namespace Wright.Tools.Shell;

/// <summary>
/// Keeps descriptors out of commands. .NET opens its own descriptors close-on-exec, but one Wright inherited from
/// whoever started it (a review found fd 251 inside the sandbox) or one a native library opened without O_CLOEXEC
/// would otherwise pass through every process Wright starts; an inherited directory descriptor would even reach the
/// host's files from inside the sandbox.
/// </summary>
public static partial class InheritedDescriptors
{
    private const uint CloseRangeCloexec = 4;
    private const int FSetFd = 2;
    private const int FdCloexec = 1;

    /// <summary>Marks every descriptor above 2 close-on-exec (close_range, or one by one from /proc/self/fd on older kernels).</summary>
    public static void MarkCloseOnExec()
    {
        if (!OperatingSystem.IsLinux())
            return;
        try
        {
            if (CloseRange(3, uint.MaxValue, CloseRangeCloexec) == 0)
                return;
        }
        catch (EntryPointNotFoundException)
        {
            // glibc before 2.34: no wrapper; fall through.
        }

        foreach (var entry in Directory.EnumerateFileSystemEntries("/proc/self/fd"))
        {
            if (int.TryParse(Path.GetFileName(entry), System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var fd) && fd > 2)
                _ = Fcntl(fd, FSetFd, FdCloexec);
        }
    }

    [LibraryImport("libc", EntryPoint = "close_range", SetLastError = true)]
    private static partial int CloseRange(uint first, uint last, uint flags);

    [LibraryImport("libc", EntryPoint = "fcntl", SetLastError = true)]
    private static partial int Fcntl(int fd, int command, int argument);
}
