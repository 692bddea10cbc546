using Wright.Sandbox.Network;
using Wright.Sandbox.Seccomp;

namespace Wright.Sandbox;

public sealed partial class BubblewrapLauncher
{
    /// <summary>The private runtime directory (0700, outside the workspace) and what it holds.</summary>
    private sealed record Runtime(string Directory, string? Seccomp, string? Socket, string EmptyFile, string EmptyFolder);

    private Runtime EnsureRuntime()
    {
        var seccomp = _options.Seccomp && SeccompFilter.Supported;
        lock (_gate)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            if (_runtimeDirectory is null)
            {
                // Private (0700) and outside the workspace; the sandbox sees only what is bound from it.
                _runtimeDirectory = System.IO.Directory.CreateTempSubdirectory("wright-sandbox-").FullName;
                AppDomain.CurrentDomain.ProcessExit += (_, _) => Dispose();
                // What stands in for hidden or protected paths: an empty file and an empty folder, both read-only.
                var empty = Path.Combine(_runtimeDirectory, "empty");
                File.WriteAllBytes(empty, []);
                SetMode(empty, UnixFileMode.UserRead | UnixFileMode.GroupRead | UnixFileMode.OtherRead);
                var folder = System.IO.Directory.CreateDirectory(Path.Combine(_runtimeDirectory, "empty.d")).FullName;
                SetMode(folder, UnixFileMode.UserRead | UnixFileMode.UserExecute | UnixFileMode.GroupRead | UnixFileMode.GroupExecute | UnixFileMode.OtherRead | UnixFileMode.OtherExecute);
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

            return new Runtime(_runtimeDirectory, _seccompFile, _proxy is null ? null : Path.Combine(_runtimeDirectory, "proxy.sock"),
                Path.Combine(_runtimeDirectory, "empty"), Path.Combine(_runtimeDirectory, "empty.d"));
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
                System.IO.Directory.CreateDirectory(Path.GetDirectoryName(file)!);
                File.AppendAllText(file, decision + "\n");
            }
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            // The log is best effort; the decision stands.
        }
    }

    private static void SetMode(string path, UnixFileMode mode)
    {
        if (!OperatingSystem.IsWindows())
            File.SetUnixFileMode(path, mode);
    }

    private void Cleanup()
    {
        _proxy?.DisposeAsync().AsTask().GetAwaiter().GetResult();
        _proxy = null;
        if (_runtimeDirectory is not null && System.IO.Directory.Exists(_runtimeDirectory))
        {
            // The read-only folder must become writable again to be deleted with the rest.
            var folder = Path.Combine(_runtimeDirectory, "empty.d");
            if (System.IO.Directory.Exists(folder))
                SetMode(folder, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
            System.IO.Directory.Delete(_runtimeDirectory, recursive: true);
        }

        _runtimeDirectory = null;
        _seccompFile = null;
    }
}
