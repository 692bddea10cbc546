using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using Wright.Tests.Server;
using Wright.Tests.Support;

namespace Wright.Tests.Fleet;

/// <summary>
/// A real fleet node (dist/wright-node, or $WRIGHT_NODE_BIN) on loopback ports of its own, with its own
/// <c>WRIGHT_HOME</c>, and an HTTP client that sends the fleet's API token.
/// </summary>
public sealed partial class NodeProcess : IAsyncDisposable
{
    private readonly StringBuilder _stderr = new();
    private Process _process = null!;
    private TaskApi _api = null!;

    private NodeProcess(string name, string home, int port, int siloPort)
    {
        Name = name;
        Home = home;
        Port = port;
        SiloPort = siloPort;
    }

    public static string Binary => Environment.GetEnvironmentVariable("WRIGHT_NODE_BIN") is { Length: > 0 } bin
        ? bin
        : Path.Combine(NodePackages.RepoRoot, "dist", "wright-node", "wright-node");

    public string Name { get; }

    public string Home { get; }

    public int Port { get; }

    public int SiloPort { get; }

    /// <summary>The node's id in the fleet (its silo address and generation), as its banner said.</summary>
    public string Id { get; private set; } = "";

    public HttpClient Http => _api.Http;

    public int Pid => _process.Id;

    public bool HasExited => _process.HasExited;

    public string Stderr
    {
        get
        {
            lock (_stderr)
                return _stderr.ToString();
        }
    }

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    /// <summary>Starts a node and waits until it joined the fleet.</summary>
    public static async Task<NodeProcess> StartAsync(FleetSetup fleet, string name, int maxParallel = 3)
    {
        var node = new NodeProcess(name, Path.Combine(fleet.Root, name), TinyHttpServer.FreePort(), TinyHttpServer.FreePort());
        Directory.CreateDirectory(node.Home);
        try
        {
            await node.LaunchAsync(fleet, maxParallel);
        }
        catch
        {
            await node.DisposeAsync(); // a node that never joined must not outlive its test
            throw;
        }

        return node;
    }

    /// <summary>Starts the node again (same name, home and ports): a rolling restart.</summary>
    public async Task RestartAsync(FleetSetup fleet, int maxParallel = 3)
    {
        if (!_process.HasExited)
            throw new InvalidOperationException("the node still runs");
        _process.Dispose();
        _api.Dispose();
        lock (_stderr)
            _stderr.Clear();
        await LaunchAsync(fleet, maxParallel);
    }

    /// <summary>
    /// Starts a node that may never join (another secret, no secret): returns once the process runs, without waiting
    /// for its banner. <paramref name="secret"/> null: no secret at all.
    /// </summary>
    public static NodeProcess Spawn(FleetSetup fleet, string name, string? secret, params string[] extraArgs)
    {
        var node = new NodeProcess(name, Path.Combine(fleet.Root, name), TinyHttpServer.FreePort(), TinyHttpServer.FreePort());
        Directory.CreateDirectory(node.Home);
        node.Start(fleet, 1, secret, extraArgs, ready: null);
        return node;
    }

    /// <summary>
    /// Starts a node whose fleet settings (database, secret, name, silo port, capacity) come from <c>fleet</c> in its
    /// <c>$WRIGHT_HOME/config.json</c> (<paramref name="fleetConfig"/>, a JSON object): no such flag, no such variable.
    /// </summary>
    public static NodeProcess SpawnConfigured(FleetSetup fleet, string name, Func<NodeProcess, string> fleetConfig)
    {
        var node = new NodeProcess(name, Path.Combine(fleet.Root, name), TinyHttpServer.FreePort(), TinyHttpServer.FreePort());
        Directory.CreateDirectory(node.Home);
        File.WriteAllText(Path.Combine(node.Home, "config.json"), $$$"""{"fleet":{{{fleetConfig(node)}}}}""");
        node._configured = true;
        node.Start(fleet, 1, null, [], ready: null);
        return node;
    }

    private bool _configured;

    private async Task LaunchAsync(FleetSetup fleet, int maxParallel)
    {
        var ready = new TaskCompletionSource<Match>(TaskCreationOptions.RunContinuationsAsynchronously);
        Start(fleet, maxParallel, fleet.Secret, [], ready);
        var banner = await ready.Task.WaitAsync(TimeSpan.FromSeconds(120), Ct);
        Id = banner.Groups[1].Value;
        _api = new TaskApi(new Uri(banner.Groups[2].Value), fleet.Token, Name + " ", () => Stderr);
    }

    private void Start(FleetSetup fleet, int maxParallel, string? secret, string[] extraArgs, TaskCompletionSource<Match>? ready)
    {
        if (!File.Exists(Binary))
            throw new InvalidOperationException($"{Binary} does not exist: build it with scripts/build-node.sh (./test.sh does).");
        var psi = new ProcessStartInfo(Binary) { RedirectStandardError = true, RedirectStandardOutput = true, RedirectStandardInput = true, WorkingDirectory = fleet.Workspace };
        string[] args =
        [
            "serve", "--cluster", fleet.Cluster, "--name", Name, "--port", Port.ToString(CultureInfo.InvariantCulture),
            "--silo-port", SiloPort.ToString(CultureInfo.InvariantCulture), "--repo-root", fleet.Workspace, "--max-parallel", maxParallel.ToString(CultureInfo.InvariantCulture),
            "--probe-timeout", "1", "--missed-probes", "2", "--drain-timeout", "60",
        ];
        if (_configured)
        {
            args = ["serve", "--port", Port.ToString(CultureInfo.InvariantCulture), "--repo-root", fleet.Workspace, "--probe-timeout", "1", "--missed-probes", "2"];
        }

        foreach (var a in args.Concat(extraArgs))
            psi.ArgumentList.Add(a);
        foreach (var key in psi.Environment.Keys.ToList())
        {
            if (key.EndsWith("_API_KEY", StringComparison.Ordinal) || key.EndsWith("_BASE_URL", StringComparison.Ordinal) || key.StartsWith("WRIGHT_", StringComparison.Ordinal))
                psi.Environment.Remove(key);
        }

        psi.Environment["WRIGHT_HOME"] = Home;
        psi.Environment["WRIGHT_SERVER_TOKEN"] = fleet.Token;
        if (secret is not null)
            psi.Environment["WRIGHT_CLUSTER_SECRET"] = secret;
        psi.Environment["LANG"] = "C.UTF-8";
        foreach (var (key, value) in fleet.Environment)
            psi.Environment[key] = value;
        _process = Process.Start(psi)!;
        _process.StandardInput.Close();
        _process.ErrorDataReceived += (_, e) =>
        {
            if (e.Data is null)
            {
                ready?.TrySetException(new InvalidOperationException($"node {Name} exited: {Stderr}"));
                return;
            }

            lock (_stderr)
                _stderr.AppendLine(e.Data);
            if (Banner().Match(e.Data) is { Success: true } match)
                ready?.TrySetResult(match);
        };
        _process.OutputDataReceived += (_, _) => { };
        _process.BeginErrorReadLine();
        _process.BeginOutputReadLine();
    }

    /// <summary>kill -9.</summary>
    public async Task KillAsync()
    {
        _process.Kill();
        await _process.WaitForExitAsync(Ct);
    }

    /// <summary>Sends a signal (SIGSTOP, SIGCONT, SIGTERM).</summary>
    public void Signal(int signal)
    {
        var psi = new ProcessStartInfo("/bin/kill") { RedirectStandardError = true };
        psi.ArgumentList.Add("-" + signal.ToString(CultureInfo.InvariantCulture));
        psi.ArgumentList.Add(_process.Id.ToString(CultureInfo.InvariantCulture));
        using var kill = Process.Start(psi)!;
        var error = kill.StandardError.ReadToEnd();
        kill.WaitForExit();
        if (kill.ExitCode != 0)
            throw new InvalidOperationException("kill failed: " + error);
    }

    public const int SigTerm = 15;
    public const int SigStop = 19;
    public const int SigCont = 18;

    /// <summary>Waits (with a deadline) for the process to end; its exit code.</summary>
    public async Task<int> WaitExitAsync(int seconds)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(Ct);
        timeout.CancelAfter(TimeSpan.FromSeconds(seconds));
        try
        {
            await _process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException) when (!Ct.IsCancellationRequested)
        {
            Assert.Fail($"node {Name} did not exit within {seconds} s:\n{Stderr}");
        }

        return _process.ExitCode;
    }

    public Task<JsonElement> GetJsonAsync(string path) => _api.GetJsonAsync(path);

    public Task<(int Status, JsonElement Body)> SendAsync(HttpMethod method, string path, string? json = null) => _api.SendAsync(method, path, json);

    public async Task<string> CreateAsync(string prompt, string repo)
    {
        var body = $$"""{"prompt":{{JsonSerializer.Serialize(prompt, TestJson.Default.String)}},"repo":{{JsonSerializer.Serialize(repo, TestJson.Default.String)}},"model":"deepseek/deepseek-chat"}""";
        var (status, created) = await SendAsync(HttpMethod.Post, "/api/tasks", body);
        Assert.True(status == 201, $"create on {Name}: {status} {created}");
        return created.GetProperty("id").GetString()!;
    }

    /// <summary>Polls the task until <paramref name="done"/> holds (deadline 90 s).</summary>
    public Task<JsonElement> WaitAsync(string id, Func<JsonElement, bool> done, int seconds = 90) => _api.WaitAsync(id, done, seconds);

    public Task<JsonElement> WaitStatusAsync(string id, string status, int seconds = 90) => _api.WaitStatusAsync(id, status, seconds);

    public async ValueTask DisposeAsync()
    {
        _api?.Dispose();
        if (_process is { HasExited: false })
        {
            Signal(SigCont);
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }

        _process?.Dispose();
    }

    [GeneratedRegex(@"joined the fleet \(silo (\S+)\); API and dashboard at (\S+)\?token=(\S+)")]
    private static partial Regex Banner();
}
