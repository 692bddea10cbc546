using System.Runtime.InteropServices;

namespace Wright.Cli.Hosting;

/// <summary>
/// Makes SIGTERM always end Wright. The hosts answer SIGTERM by cancelling the run, which ends it cleanly when every
/// wait honours its token; a call that does not (a read of stdin, a native call blocked in the kernel) would keep
/// Wright alive forever. This handler leaves the graceful path alone and, if the process still runs after
/// <see cref="Grace"/> (or on a second SIGTERM), exits with 143: first through <see cref="Environment.Exit(int)"/>,
/// which kills background jobs and removes the sandbox's runtime files, then, should that hang too, through _exit(2).
/// </summary>
internal static partial class TerminationWatchdog
{
    private const int ExitCode = 128 + 15;
    private static int _signals;

    /// <summary>How long a SIGTERM may take to end the run gracefully.</summary>
    public static TimeSpan Grace { get; } = TimeSpan.FromSeconds(5);

    /// <summary>Registers the handler for the life of the returned registration.</summary>
    public static IDisposable? Register()
    {
        if (!OperatingSystem.IsLinux() && !OperatingSystem.IsMacOS())
            return null;
        return PosixSignalRegistration.Create(PosixSignal.SIGTERM, _ => Arm());
    }

    private static void Arm()
    {
        var after = Interlocked.Increment(ref _signals) == 1 ? Grace : TimeSpan.Zero;
        new Thread(() =>
        {
            Thread.Sleep(after);
            new Thread(() =>
            {
                Thread.Sleep(TimeSpan.FromSeconds(2));
                Exit(ExitCode);
            }) { IsBackground = true, Name = "wright-sigterm-last-resort" }.Start();
            Environment.Exit(ExitCode);
        }) { IsBackground = true, Name = "wright-sigterm" }.Start();
    }

    [LibraryImport("libc", EntryPoint = "_exit")]
    private static partial void Exit(int status);
}
