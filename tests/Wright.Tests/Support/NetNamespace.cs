using System.Diagnostics;

namespace Wright.Tests.Support;

/// <summary>
/// A private network namespace (<c>unshare -rn</c>, loopback up) for test servers that bind every interface, such as
/// the MCP conformance suite's: nothing they open is reachable from outside it. <see cref="Start"/> runs the first
/// program in a new namespace; <see cref="Enter"/> runs others in the same one (<c>nsenter</c>).
/// </summary>
public sealed class NetNamespace : IDisposable
{
    private NetNamespace(Process first) => First = first;

    /// <summary>The program that owns the namespace.</summary>
    public Process First { get; }

    /// <summary>Starts <paramref name="program"/> in a new namespace, output redirected.</summary>
    public static NetNamespace Start(string program, IEnumerable<string> args, IDictionary<string, string>? environment = null, string? cwd = null)
    {
        var psi = InNewNamespace(program, args);
        psi.RedirectStandardOutput = true;
        psi.RedirectStandardError = true;
        psi.RedirectStandardInput = true;
        if (cwd is not null)
            psi.WorkingDirectory = cwd;
        foreach (var (k, v) in environment ?? new Dictionary<string, string>())
            psi.Environment[k] = v;
        return new NetNamespace(Process.Start(psi)!);
    }

    /// <summary>A start info that runs <paramref name="program"/> in a new namespace of its own, loopback up.</summary>
    public static ProcessStartInfo InNewNamespace(string program, IEnumerable<string> args)
    {
        var psi = new ProcessStartInfo("/usr/bin/unshare");
        foreach (var a in (string[])["-rn", "/bin/sh", "-c", "/usr/sbin/ip link set lo up && exec \"$0\" \"$@\"", program, .. args])
            psi.ArgumentList.Add(a);
        return psi;
    }

    /// <summary>Rewrites <paramref name="psi"/> so that its program runs inside this namespace.</summary>
    public ProcessStartInfo Enter(ProcessStartInfo psi)
    {
        var entered = new ProcessStartInfo("/usr/bin/nsenter")
        {
            RedirectStandardOutput = psi.RedirectStandardOutput,
            RedirectStandardError = psi.RedirectStandardError,
            RedirectStandardInput = psi.RedirectStandardInput,
            WorkingDirectory = psi.WorkingDirectory,
        };
        foreach (var a in (string[])["-t", First.Id.ToString(System.Globalization.CultureInfo.InvariantCulture), "-U", "-n", "--preserve-credentials", "--", psi.FileName, .. psi.ArgumentList])
            entered.ArgumentList.Add(a);
        entered.Environment.Clear();
        foreach (var (k, v) in psi.Environment)
            entered.Environment[k] = v;
        return entered;
    }

    public void Dispose()
    {
        if (!First.HasExited)
            First.Kill(entireProcessTree: true);
        First.Dispose();
    }
}
