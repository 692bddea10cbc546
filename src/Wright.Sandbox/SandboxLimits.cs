namespace Wright.Sandbox;

/// <summary>
/// What one sandboxed command may take (<c>sandbox.limits</c>; 0 = no limit). Processes: every process and thread
/// of the command together — a pids cgroup where Wright can create one (cgroup v2 with the pids controller
/// delegated to it, or the v1 pids hierarchy), and in any case RLIMIT_NPROC inside the sandbox's own user namespace
/// (which counts only the sandbox's processes; the kernel exempts root from it, hence the cgroup). Memory: the
/// writable memory of each process (RLIMIT_DATA: what malloc and the runtimes' heaps commit), and the cgroup's
/// memory.max on cgroup v2. CPU: seconds of CPU time per process (RLIMIT_CPU; SIGXCPU ends it).
/// </summary>
public sealed record SandboxLimits
{
    /// <summary>Processes and threads of one command.</summary>
    public int Processes { get; init; } = 2048;

    /// <summary>MiB of writable memory per process (and per command under cgroup v2).</summary>
    public long MemoryMb { get; init; } = 8192;

    /// <summary>CPU seconds per process.</summary>
    public int CpuSeconds { get; init; } = 3600;
}
