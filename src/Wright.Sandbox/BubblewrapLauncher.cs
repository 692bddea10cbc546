using System.Diagnostics;
using Wright.Sandbox.Network;
using Wright.Sandbox.Seccomp;
using Wright.Tools.Shell;

namespace Wright.Sandbox;

/// <summary>
/// Runs every tool process under bubblewrap, following the recipe measured on these machines
/// (shared/notes/security.md): bwrap starts from an EMPTY environment, <c>--unshare-all --die-with-parent
/// --new-session --cap-drop ALL</c>, <c>/</c> read-only, fresh <c>/proc</c> and <c>/dev</c>, private <c>/tmp</c>,
/// home and <c>/run</c>, no network, the workspace the only writable root, and inside it <c>.git/config</c>,
/// <c>.git/hooks</c> and <c>.wright</c> read-only and <c>.env*</c> masked. The workspace comes from the harness
/// (canonicalised here), never from the model.
/// <para>Second layer: on x86_64 a seccomp filter (<see cref="SeccompFilter"/>) written once to a private file and
/// handed to bwrap as fd 3 by <c>sh -c 'exec 3&lt;"$1"; shift; exec "$@"'</c> (.NET cannot pass other descriptors).</para>
/// <para>Network allowlist: when <see cref="SandboxOptions.NetworkAllow"/> lists domains, Wright runs an
/// <see cref="EgressProxy"/> on a private unix socket bound to <c>/run/wright/proxy.sock</c>; inside, <c>socat</c>
/// forwards loopback port 3128 to it (the sandbox's network namespace has only loopback), and the proxy variables
/// point there.</para>
/// </summary>
public sealed class BubblewrapLauncher : ICommandLauncher, IDisposable
{
    private const string SandboxSocket = "/run/wright/proxy.sock";
    private const string ProxyUrl = "http://127.0.0.1:3128";

    // Runs before the command inside the sandbox: start the forwarder, wait (≤5 s) until it listens on
    // 127.0.0.1:3128 (0x0C38 in /proc/net/tcp), then become the command. A constant; the command is "$@".
    private const string ForwarderScript =
        "if [ -x \"$0\" ]; then \"$0\" TCP-LISTEN:3128,bind=127.0.0.1,reuseaddr,fork UNIX-CONNECT:" + SandboxSocket + " 2>/dev/null & " +
        "i=0; while [ $i -lt 500 ] && ! grep -q '0100007F:0C38 00000000:0000 0A' /proc/net/tcp; do i=$((i+1)); sleep 0.01; done; " +
        "else echo \"wright: the sandbox network allowlist needs $0 (apt install socat); no network\" >&2; fi; exec \"$@\"";

    private readonly SandboxOptions _options;
    private readonly NetworkAllowlist _allowlist;
    private readonly Lock _gate = new();
    private string? _runtimeDirectory;
    private string? _seccompFile;
    private EgressProxy? _proxy;
    private bool _disposed;
    private static readonly string[] ReadOnlyInWorkspace = [".git/config", ".git/hooks", ".wright", ".vscode", ".claude"];
    private static readonly string[] HostSecrets = ["/etc/shadow", "/etc/gshadow", "/etc/sudoers"];

    /// <summary>Host directories of private keys, hidden whole (TLS keys; readable to root, which sandboxed commands may be).</summary>
    private static readonly string[] HostSecretDirectories = ["/etc/ssl/private"];

    /// <summary>The host's secret files: the fixed list and the SSH host private keys.</summary>
    private static IEnumerable<string> HostSecretFiles() =>
        HostSecrets.Where(File.Exists).Concat(Directory.Exists("/etc/ssh") ? Directory.EnumerateFiles("/etc/ssh", "ssh_host_*_key") : []);
    private readonly string _workspace;
    private readonly string _bwrap;
    private readonly IReadOnlyList<string> _maskedDirectories;

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
        var canonical = new DirectoryInfo(workspace);
        if (!canonical.Exists)
            throw new DirectoryNotFoundException($"the workspace {workspace} does not exist");
        _workspace = (canonical.ResolveLinkTarget(returnFinalTarget: true)?.FullName ?? canonical.FullName).TrimEnd('/');
        _bwrap = bwrap;
        _maskedDirectories = [.. maskedDirectories.Where(Directory.Exists)];
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
            var psi = new ProcessStartInfo(bwrap) { RedirectStandardError = true, RedirectStandardOutput = true };
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
    public ProcessStartInfo Create(IReadOnlyList<string> bashArguments, IReadOnlyDictionary<string, string> environment, string workingDirectory)
    {
        var cwd = Path.GetFullPath(workingDirectory).TrimEnd('/');
        if (cwd != _workspace && !cwd.StartsWith(_workspace + "/", StringComparison.Ordinal))
            cwd = _workspace;

        // setsid: bwrap leads its own process group, so a timeout can kill the whole sandbox at once.
        var psi = new ProcessStartInfo("setsid") { WorkingDirectory = _workspace };
        psi.Environment.Clear();
        psi.Environment["PATH"] = "/usr/bin:/bin";
        var a = psi.ArgumentList;
        var (seccompFile, socket) = EnsureRuntime();
        if (seccompFile is not null)
            Add(a, "/bin/sh", "-c", "exec 3<\"$1\" && shift && exec \"$@\"", "wright-seccomp", seccompFile);
        a.Add(_bwrap);
        if (seccompFile is not null)
            Add(a, "--seccomp", "3");
        foreach (var flag in new[] { "--unshare-all", "--die-with-parent", "--new-session", "--cap-drop", "ALL", "--clearenv" })
            a.Add(flag);
        Add(a, "--ro-bind", "/", "/");
        Add(a, "--dev", "/dev");
        Add(a, "--proc", "/proc");
        // /proc read-only: when Wright runs as root, the sandbox's uid is still the host's root (kuid 0), and writable
        // global sysctls such as /proc/sys/kernel/core_pattern would let a command run code on the host.
        Add(a, "--remount-ro", "/proc");
        Add(a, "--tmpfs", "/tmp");
        Add(a, "--tmpfs", "/run");
        Add(a, "--tmpfs", "/root");
        if (Directory.Exists("/home"))
            Add(a, "--tmpfs", "/home");
        foreach (var dir in _maskedDirectories)
            Add(a, "--tmpfs", dir);
        foreach (var file in HostSecretFiles())
            Add(a, "--ro-bind", "/dev/null", file);
        foreach (var dir in HostSecretDirectories.Where(Directory.Exists))
            Add(a, "--tmpfs", dir);
        Add(a, "--bind", _workspace, _workspace);
        foreach (var relative in ReadOnlyInWorkspace)
        {
            var path = Path.Combine(_workspace, relative);
            if (File.Exists(path) || Directory.Exists(path))
                Add(a, "--ro-bind", path, path);
        }

        foreach (var secret in Directory.EnumerateFiles(_workspace, ".env*"))
            Add(a, "--ro-bind", "/dev/null", secret);

        // Files the harness itself needs written (the shell's cwd record, background logs) stay writable.
        foreach (var key in new[] { "WRIGHT_CWD_FILE", "WRIGHT_LOG" })
        {
            if (environment.TryGetValue(key, out var file) && Path.GetDirectoryName(file) is { } dir && Directory.Exists(dir))
                Add(a, "--bind", dir, dir);
        }

        foreach (var (name, value) in environment)
        {
            if (name is "HOME" or "TMPDIR")
                continue;
            Add(a, "--setenv", name, value);
        }

        Add(a, "--setenv", "HOME", "/tmp");
        Add(a, "--setenv", "TMPDIR", "/tmp");
        if (socket is not null)
        {
            Add(a, "--bind", socket, SandboxSocket);
            foreach (var name in new[] { "HTTP_PROXY", "HTTPS_PROXY", "ALL_PROXY", "http_proxy", "https_proxy", "all_proxy" })
                Add(a, "--setenv", name, ProxyUrl);
            Add(a, "--setenv", "NO_PROXY", "localhost,127.0.0.1,::1");
            Add(a, "--setenv", "no_proxy", "localhost,127.0.0.1,::1");
        }

        Add(a, "--chdir", cwd);
        a.Add("--");
        if (socket is not null)
            Add(a, "/bin/sh", "-c", ForwarderScript, _options.Socat);
        a.Add("/bin/bash");
        foreach (var arg in bashArguments)
            a.Add(arg);
        return psi;
    }

    /// <summary>Stops the egress proxy and removes the private runtime directory.</summary>
    public void Dispose()
    {
        lock (_gate)
        {
            _disposed = true;
            Cleanup();
        }
    }

    private (string? SeccompFile, string? Socket) EnsureRuntime()
    {
        var seccomp = _options.Seccomp && SeccompFilter.Supported;
        if (!seccomp && _allowlist.IsEmpty)
            return (null, null);
        lock (_gate)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            if (_runtimeDirectory is null)
            {
                // Private (0700) and outside the workspace; the sandbox sees only the bound socket.
                _runtimeDirectory = Directory.CreateTempSubdirectory("wright-sandbox-").FullName;
                AppDomain.CurrentDomain.ProcessExit += (_, _) => Dispose();
            }

            if (seccomp && _seccompFile is null)
            {
                var file = Path.Combine(_runtimeDirectory, "seccomp.bpf");
                File.WriteAllBytes(file, SeccompFilter.Build());
                _seccompFile = file;
            }

            if (!_allowlist.IsEmpty && _proxy is null)
            {
                _proxy = EgressProxy.StartUnix(Path.Combine(_runtimeDirectory, "proxy.sock"), new EgressProxyOptions
                {
                    Allowlist = _allowlist,
                    Resolve = _options.Resolve ?? ((host, ct) => System.Net.Dns.GetHostAddressesAsync(host, ct)),
                    AllowPrivateAddresses = _options.AllowPrivateAddresses,
                    Ports = _options.Ports ?? new HashSet<int> { 80, 443 },
                    Log = LogDecision,
                    Decide = _options.EgressDecision,
                });
            }

            return (_seccompFile, _proxy is null ? null : Path.Combine(_runtimeDirectory, "proxy.sock"));
        }
    }

    private void LogDecision(ProxyDecision decision)
    {
        _options.NetworkLog?.Invoke(decision);
        if (_options.NetworkLogFile is not { } file)
            return;
        try
        {
            lock (_gate)
            {
                Directory.CreateDirectory(Path.GetDirectoryName(file)!);
                File.AppendAllText(file, decision + "\n");
            }
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            // The log is best effort; the decision stands.
        }
    }

    private void Cleanup()
    {
        _proxy?.DisposeAsync().AsTask().GetAwaiter().GetResult();
        _proxy = null;
        if (_runtimeDirectory is not null && Directory.Exists(_runtimeDirectory))
            Directory.Delete(_runtimeDirectory, recursive: true);
        _runtimeDirectory = null;
        _seccompFile = null;
    }

    private static void Add(IList<string> list, params string[] items)
    {
        foreach (var item in items)
            list.Add(item);
    }
}
