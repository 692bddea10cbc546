using System.Globalization;
using System.Text.RegularExpressions;

namespace Wright.Sandbox.Limits;

/// <summary>Tells the model which resource limit ended a command, from the cgroup's counters and the end of the output.</summary>
internal static partial class LimitNotes
{
    private const int SigXcpu = 24;

    /// <summary>The notes (one per limit hit), or null; <paramref name="exitCode"/> is -1 when a timeout killed the command.</summary>
    public static string? Explain(SandboxLimits limits, ProcessCgroup? cgroup, int exitCode, string tail)
    {
        var notes = new List<string>();
        if (limits.Processes > 0 && (cgroup?.HitProcessLimit == true || ForkRefused().IsMatch(tail)))
            notes.Add(string.Create(CultureInfo.InvariantCulture, $"[the command reached the sandbox's limit of {limits.Processes} processes and threads (sandbox.limits.processes); further ones were refused]"));
        if (limits.MemoryMb > 0 && (cgroup?.HitMemoryLimit == true || OutOfMemory().IsMatch(tail)))
            notes.Add(string.Create(CultureInfo.InvariantCulture, $"[the command ran out of memory: the sandbox allows {limits.MemoryMb} MiB per process (sandbox.limits.memory_mb)]"));
        if (limits.CpuSeconds > 0 && (exitCode == 128 + SigXcpu || tail.Contains("CPU time limit exceeded", StringComparison.Ordinal)))
            notes.Add(string.Create(CultureInfo.InvariantCulture, $"[a process used up its {limits.CpuSeconds} s of CPU time (sandbox.limits.cpu_seconds) and was stopped]"));
        return notes.Count == 0 ? null : string.Join('\n', notes);
    }

    [GeneratedRegex(@"(fork|clone|thread|spawn)[^\n]{0,60}(Resource temporarily unavailable|EAGAIN)|[Cc]an(no|')t fork", RegexOptions.IgnoreCase)]
    private static partial Regex ForkRefused();

    [GeneratedRegex(@"Cannot allocate memory|cannot allocate \d+ bytes|[Oo]ut of memory|memory exhausted|MemoryError|bad_alloc|OutOfMemory|heap out of memory")]
    private static partial Regex OutOfMemory();
}
