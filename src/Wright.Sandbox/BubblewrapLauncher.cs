using System.Diagnostics;
using System.Globalization;
using System.Text;
using Wright.Sandbox.Filesystem;
using Wright.Sandbox.Limits;
using Wright.Sandbox.Network;
using Wright.Sandbox.Seccomp;
using Wright.Tools.Shell;

namespace Wright.Sandbox;

/// <summary>
/// Runs every tool process under bubblewrap, following the recipe measured on these machines
/// (shared/notes/security.md, docs/sandbox.md): bwrap starts from an EMPTY environment, <c>--unshare-all
/// --die-with-parent --new-session --cap-drop ALL</c>, <c>/</c> read-only, fresh <c>/proc</c> and <c>/dev</c>,
/// private <c>/tmp</c>, <c>/var/tmp</c>, <c>/run</c> and homes, no network, the workspace the only writable root.
/// Inside it, git's folder and the configuration the host runs later are read-only whether they exist or not
/// (<see cref="ProtectedPaths"/>, <see cref="Placeholders"/>), dotenv files are hidden at any depth, and a home that
/// lies inside the workspace keeps its dot files read-only and its secrets hidden. The workspace comes from the
/// harness (canonicalised here), never from the model.
/// <para>Nothing secret is on a command line: bwrap's arguments (the environment included) arrive on its stdin as
/// <c>--args 4</c>. The seccomp filter (<see cref="SeccompFilter"/>) is a private file opened as fd 3, and the command
/// joins a pids cgroup when Wright can create one; both by a small <c>sh</c> step, since .NET cannot pass other
/// descriptors. Inside, a <c>bash</c> step sets the rlimits of <see cref="SandboxLimits"/> before the command.</para>
/// <para>Network allowlist: when <see cref="SandboxOptions.NetworkAllow"/> lists domains, Wright runs an
/// <see cref="EgressProxy"/> on a private unix socket bound to <c>/run/wright/proxy.sock</c>; inside, <c>socat</c>
/// forwards loopback port 3128 to it (the sandbox's network namespace has only loopback), and the proxy variables
/// point there.</para>
/// </summary>
public sealed partial class BubblewrapLauncher : ICommandLauncher, IDisposable
{
    private const string SandboxSocket = "/run/wright/proxy.sock";
    private const string ProxyUrl = "http://127.0.0.1:3128";

    // Runs before the command inside the sandbox: start the forwarder, wait (≤5 s) until it listens on
    // 127.0.0.1:3128 (0x0C38 in /proc/net/tcp), then become the command. A constant; the command is "$@".
    private const string ForwarderScript =
        "if [ -x \"$0\" ]; then \"$0\" TCP-LISTEN:3128,bind=127.0.0.1,reuseaddr,fork UNIX-CONNECT:" + SandboxSocket + " 2>/dev/null & " +
        "i=0; while [ $i -lt 500 ] && ! grep -q '0100007F:0C38 00000000:0000 0A' /proc/net/tcp; do i=$((i+1)); sleep 0.01; done; " +
        "else echo \"wright: the sandbox network allowlist needs $0 (apt install socat); no network\" >&2; fi; exec \"$@\"";

    // Runs on the host, then becomes bwrap: stdin (bwrap's arguments) moves to fd 4 and stdin becomes /dev/null, the
    // seccomp filter ($1) opens as fd 3, and the process joins the command's cgroup ($2). A constant.
    private const string HostScript =
        "exec 4<&0 </dev/null || exit 125\n" +
        "if [ -n \"$1\" ]; then exec 3<\"$1\" || exit 125; fi\n" +
        "if [ -n \"$2\" ]; then echo $$ > \"$2\" || { echo \"wright: cannot join the command's cgroup $2\" >&2; exit 125; }; fi\n" +
        "shift 2\nexec \"$@\"";

    // Runs inside the sandbox, then becomes the command: the rlimits ($1: ulimit options; $2: the soft CPU limit). A constant.
    private const string LimitsScript =
        "if [ -n \"$1\" ]; then ulimit $1 || exit 125; fi\nif [ -n \"$2\" ]; then ulimit -S -t \"$2\" || exit 125; fi\nshift 2\nexec \"$@\"";

    private static readonly string[] HostSecrets = ["/etc/shadow", "/etc/gshadow", "/etc/sudoers"];

    /// <summary>Host directories of private keys, hidden whole (TLS keys; readable to root, which sandboxed commands may be).</summary>
    private static readonly string[] HostSecretDirectories = ["/etc/ssl/private"];

    private readonly SandboxOptions _options;
    private readonly NetworkAllowlist _allowlist;
    private readonly Lock _gate = new();
    private readonly string _workspace;
    private readonly string _bwrap;
    private readonly IReadOnlyList<string> _maskedDirectories;
    private readonly IReadOnlyList<string> _homes;
    private readonly Placeholders _placeholders;
    private string? _runtimeDirectory;
    private string? _seccompFile;
    private EgressProxy? _proxy;
    private bool _disposed;

    /// <summary>Creates the launcher for a canonical workspace; <paramref name="maskedDirectories"/> are hidden (e.g. $WRIGHT_HOME).</summary>
    public BubblewrapLauncher(string workspace, IEnumerable<string> maskedDirectories, string bwrap = "/usr/bin/bwrap")
        : this(workspace, maskedDirectories, new SandboxOptions(), bwrap)
    {
    }

    /// <summary>Creates the launcher with a network allowlist and seccomp choice; throws <see cref="FormatException"/> for a bad allowlist entry.</summary>
    public BubblewrapLauncher(string workspace, IEnumerable<string> maskedDirectories, SandboxOptions options, string bwrap = "/usr/bin/bwrap")
    {
        ArgumentNullException.ThrowIfNull(options);
        _options = options;
        _allowlist = new NetworkAllowlist(options.NetworkAllow);
        if (!Directory.Exists(workspace))
            throw new DirectoryNotFoundException($"the workspace {workspace} does not exist");
        _workspace = Homes.Canonical(workspace);
        if (_workspace == "/")
            throw new ArgumentException("the sandbox cannot make / the workspace: everything would be writable", nameof(workspace));
        _bwrap = bwrap;
        _maskedDirectories = [.. maskedDirectories.Where(Directory.Exists).Select(Homes.Canonical).Distinct(StringComparer.Ordinal)];
        _homes = [.. (options.HomeDirectories ?? Homes.Discover()).Where(Directory.Exists).Select(Homes.Canonical).Where(h => h != "/").Distinct(StringComparer.Ordinal)];
        _placeholders = new Placeholders(_workspace);
    }

    /// <summary>Whether bubblewrap works here (checked by running it once); the reason when not.</summary>
    public static (bool Available, string Reason) Probe(string bwrap = "/usr/bin/bwrap")
    {
        if (!OperatingSystem.IsLinux())
            return (false, "the sandbox needs Linux");
        if (!File.Exists(bwrap))
            return (false, $"{bwrap} is not installed (apt install bubblewrap)");
        try
        {
            var psi = new ProcessStartInfo(Wright.Core.Processes.TrustedPrograms.Resolve(bwrap)) { RedirectStandardError = true, RedirectStandardOutput = true };
            psi.Environment.Clear();
            psi.Environment["PATH"] = "/usr/bin:/bin";
            foreach (var a in new[] { "--unshare-all", "--die-with-parent", "--cap-drop", "ALL", "--ro-bind", "/", "/", "--proc", "/proc", "--dev", "/dev", "/bin/true" })
                psi.ArgumentList.Add(a);
            using var process = Process.Start(psi)!;
            if (!process.WaitForExit(5000))
            {
                process.Kill();
                return (false, "bubblewrap did not answer");
            }

            return process.ExitCode == 0 ? (true, "") : (false, "bubblewrap cannot create namespaces here: " + process.StandardError.ReadToEnd().Trim());
        }
        catch (System.ComponentModel.Win32Exception ex)
        {
            return (false, ex.Message);
        }
    }

    /// <inheritdoc />
    public CommandLaunch Launch(IReadOnlyList<string> bashArguments, IReadOnlyDictionary<string, string> environment, string workingDirectory)
    {
        ArgumentNullException.ThrowIfNull(bashArguments);
        ArgumentNullException.ThrowIfNull(environment);
        var cwd = Path.GetFullPath(workingDirectory).TrimEnd('/');
        if (cwd != _workspace && !cwd.StartsWith(_workspace + "/", StringComparison.Ordinal))
            cwd = _workspace;

        var runtime = EnsureRuntime();
        // Hold the workspace before deciding what is absent: no cleanup removes a placeholder this sandbox relies on.
        var lease = _placeholders.Hold();
        ProcessCgroup? cgroup = null;
        try
        {
            var options = new List<string>();
            var created = AddMounts(options, runtime);
            lease.Created(created);
            AddEnvironment(options, environment, runtime.Socket is not null);
            Add(options, "--chdir", cwd);
            cgroup = ProcessCgroup.TryCreate(_options.Limits);

            // setsid: bwrap leads its own process group, so a timeout can kill the whole sandbox at once.
            var psi = new ProcessStartInfo(Wright.Core.Processes.TrustedPrograms.Resolve("setsid", [_workspace])) { WorkingDirectory = _workspace };
            psi.Environment.Clear();
            psi.Environment["PATH"] = "/usr/bin:/bin";
            var a = psi.ArgumentList;
            Add(a, "/bin/sh", "-c", HostScript, "wright-sandbox", runtime.Seccomp ?? "", cgroup?.Procs ?? "");
            Add(a, _bwrap, "--args", "4", "--");
            if (runtime.Socket is not null)
                Add(a, "/bin/sh", "-c", ForwarderScript, _options.Socat);
            var (ulimits, softCpu) = Rlimits(_options.Limits);
            Add(a, "/bin/bash", "--noprofile", "--norc", "-c", LimitsScript, "wright-limits", ulimits, softCpu, "/bin/bash");
            foreach (var arg in bashArguments)
                a.Add(arg);

            var input = Encoding.UTF8.GetBytes(string.Join('\0', options) + "\0");
            var owned = cgroup;
            return new CommandLaunch(psi, input,
                release: () =>
                {
                    owned?.Remove();
                    lease.Dispose();
                },
                explain: (code, tail) => LimitNotes.Explain(_options.Limits, owned, code, tail));
        }
        catch
        {
            cgroup?.Remove();
            lease.Dispose();
            throw;
        }
    }

    /// <summary>Stops the egress proxy, removes placeholders no sandbox needs any more, and removes the private runtime directory.</summary>
    public void Dispose()
    {
        lock (_gate)
        {
            _disposed = true;
            Cleanup();
        }

        _placeholders.Cleanup();
    }

    private static (string Options, string SoftCpu) Rlimits(SandboxLimits limits)
    {
        var options = new List<string>();
        if (limits.Processes > 0)
            options.Add(string.Create(CultureInfo.InvariantCulture, $"-u {limits.Processes}"));
        if (limits.MemoryMb > 0)
            options.Add(string.Create(CultureInfo.InvariantCulture, $"-d {limits.MemoryMb * 1024}"));
        if (limits.CpuSeconds > 0)
            options.Add(string.Create(CultureInfo.InvariantCulture, $"-t {limits.CpuSeconds + 5}")); // the hard limit (SIGKILL) a little after the soft one (SIGXCPU)
        return (string.Join(' ', options), limits.CpuSeconds > 0 ? limits.CpuSeconds.ToString(CultureInfo.InvariantCulture) : "");
    }

    private void AddEnvironment(List<string> options, IReadOnlyDictionary<string, string> environment, bool proxy)
    {
        foreach (var (name, value) in environment)
        {
            if (name is "HOME" or "TMPDIR" || name.Contains('=', StringComparison.Ordinal) || name.Contains('\0', StringComparison.Ordinal) || value.Contains('\0', StringComparison.Ordinal))
                continue;
            Add(options, "--setenv", name, value);
        }

        Add(options, "--setenv", "HOME", "/tmp");
        Add(options, "--setenv", "TMPDIR", "/tmp");
        if (proxy)
        {
            foreach (var name in new[] { "HTTP_PROXY", "HTTPS_PROXY", "ALL_PROXY", "http_proxy", "https_proxy", "all_proxy" })
                Add(options, "--setenv", name, ProxyUrl);
            Add(options, "--setenv", "NO_PROXY", "localhost,127.0.0.1,::1");
            Add(options, "--setenv", "no_proxy", "localhost,127.0.0.1,::1");
        }
    }

    private static void Add(IList<string> list, params string[] items)
    {
        foreach (var item in items)
            list.Add(item);
    }
}
