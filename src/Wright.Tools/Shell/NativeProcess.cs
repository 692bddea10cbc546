using System.Runtime.InteropServices;

namespace Wright.Tools.Shell;

/// <summary>libc's kill, to signal whole process groups (the BCL only kills process trees it can still see).</summary>
public static partial class NativeProcess
{
    private const int SigKill = 9;

    [LibraryImport("libc", EntryPoint = "kill", SetLastError = true)]
    private static partial int Kill(int pid, int signal);

    /// <summary>SIGKILLs every process of the group led by <paramref name="pgid"/>; false when none was left.</summary>
    public static bool KillGroup(int pgid) => pgid > 1 && Kill(-pgid, SigKill) == 0;

    /// <summary>Whether a process group still has members.</summary>
    public static bool GroupAlive(int pgid) => pgid > 1 && Kill(-pgid, 0) == 0;
}
