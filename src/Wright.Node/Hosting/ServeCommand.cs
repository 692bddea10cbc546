using System.CommandLine;
using System.Globalization;
using System.Net;
using Wright.Mcp.Server;
using Wright.Node.Text;
using Wright.Runtime;
using Wright.Runtime.Configuration;
using Wright.Server;
using Wright.Tasks.Scheduling;

namespace Wright.Node.Hosting;

/// <summary><c>wright-node serve --cluster CS</c>: the options of <c>wright serve</c>, and the fleet's.</summary>
internal static class ServeCommand
{
    public static Command Create()
    {
        var cluster = new Option<string?>("--cluster") { Description = NodeStrings.ClusterOption };
        var port = new Option<int?>("--port") { Description = "The API's port (default 8420)" };
        var parallel = new Option<int?>("--max-parallel") { Description = "At most this many attempts run on this node at once" };
        var roots = new Option<string[]>("--repo-root") { Description = "Where tasks' repositories may be (repeatable)" };
        var host = new Option<string?>("--host") { Description = "The address to bind and advertise (default 127.0.0.1)" };
        var expose = new Option<bool>("--expose") { Description = "Allow an address other machines can reach" };
        var allowedHosts = new Option<string[]>("--allowed-host") { Description = "Extra host names the API answers to" };
        var approvalTimeout = new Option<int?>("--approval-timeout") { Description = "Seconds an approval request waits" };
        var worktrees = new Option<string?>("--worktrees") { Description = "Where this node's worktrees go" };
        var name = new Option<string?>("--name") { Description = NodeStrings.NameOption };
        var siloPort = new Option<int?>("--silo-port") { Description = NodeStrings.SiloPortOption };
        var probe = new Option<double?>("--probe-timeout") { Description = NodeStrings.ProbeOption };
        var missed = new Option<int?>("--missed-probes") { Description = NodeStrings.MissedOption };
        var drain = new Option<int?>("--drain-timeout") { Description = NodeStrings.DrainTimeoutOption };
        var secret = new Option<string?>("--cluster-secret") { Description = NodeStrings.SecretOption };
        var clusterId = new Option<string?>("--cluster-id") { Description = NodeStrings.ClusterIdOption };
        var serve = new Command("serve", NodeStrings.ServeDescription)
        {
            cluster, port, parallel, roots, host, expose, allowedHosts, approvalTimeout, worktrees, name, siloPort, probe, missed, drain, secret, clusterId,
        };
        serve.SetAction(async (result, ct) =>
        {
            var home = WrightHome.Resolve(Environment.GetEnvironmentVariable);
            // Flags, then the environment, then `fleet` in $WRIGHT_HOME/config.json: the user's own file, never a
            // repository's (a project config cannot name the fleet's database or its secret; see FleetConfig).
            FleetConfig config;
            try
            {
                config = ConfigLoader.LoadUser(home).Fleet;
            }
            catch (ConfigException e)
            {
                return Usage(e.Message);
            }

            var connection = result.GetValue(cluster) ?? Env("WRIGHT_CLUSTER") ?? config.Cluster;
            if (string.IsNullOrWhiteSpace(connection))
                return Usage(NodeStrings.NoCluster);
            var clusterSecret = result.GetValue(secret) ?? Env("WRIGHT_CLUSTER_SECRET") ?? config.ClusterSecret;
            if (string.IsNullOrWhiteSpace(clusterSecret))
                return Usage(NodeStrings.NoSecret);
            if (clusterSecret.Trim().Length < ClusterTrust.MinimumSecretLength)
                return Usage(Format(NodeStrings.ShortSecret, ClusterTrust.MinimumSecretLength));
            var maxParallel = result.GetValue(parallel) ?? config.MaxParallel ?? Environment.ProcessorCount;
            if (maxParallel < 1)
                return Usage(Format(NodeStrings.BadParallel, maxParallel));
            var bind = result.GetValue(host) ?? "127.0.0.1";
            var literal = bind.Trim('[', ']');
            if (!result.GetValue(expose) && !bind.Equals("localhost", StringComparison.OrdinalIgnoreCase) && !(IPAddress.TryParse(literal, out var ip) && IPAddress.IsLoopback(ip)))
                return Usage(Format(NodeStrings.NeedsExpose, bind));
            Directory.CreateDirectory(home);
            var token = Environment.GetEnvironmentVariable("WRIGHT_SERVER_TOKEN");
            if (string.IsNullOrWhiteSpace(token))
                token = McpTokenStore.LoadOrCreate(home, "server-token", out _);
            var userHome = Environment.GetEnvironmentVariable("HOME") is { Length: > 0 } h ? h : Environment.GetFolderPath(Environment.SpecialFolder.UserProfile);
            var here = Directory.GetCurrentDirectory();
            var rootArgs = result.GetValue(roots) ?? [];
            var workspaceRoots = new WorkspaceRoots(rootArgs.Length > 0 ? rootArgs : [here], here, userHome, home, WrightRuntime.Canonicalize);
            if (rootArgs.Length == 0 && workspaceRoots.DefaultWorkspace is null)
                return Usage(Format(NodeStrings.NoRoots, here));
            var apiPort = result.GetValue(port) ?? 8420;
            var node = new NodeOptions
            {
                Cluster = connection,
                Name = result.GetValue(name) ?? config.Name,
                Host = bind,
                Port = apiPort,
                SiloPort = result.GetValue(siloPort) ?? config.SiloPort ?? 11111,
                MaxParallel = maxParallel,
                ProbeTimeout = TimeSpan.FromSeconds(result.GetValue(probe) ?? config.ProbeTimeoutSeconds ?? 5),
                MissedProbes = result.GetValue(missed) ?? config.MissedProbes ?? 3,
                DrainTimeout = TimeSpan.FromSeconds(result.GetValue(drain) ?? config.DrainTimeoutSeconds ?? 600),
                Secret = clusterSecret.Trim(),
                ClusterId = result.GetValue(clusterId) ?? config.ClusterId,
            };
            var server = new ServerOptions
            {
                Host = bind,
                Port = apiPort,
                Token = token.Trim(),
                AllowedHosts = result.GetValue(allowedHosts) ?? [],
                Roots = workspaceRoots,
                CloneRoot = Path.Combine(home, "repos"),
            };
            var scheduling = new SchedulerOptions
            {
                MaxParallel = maxParallel,
                ApprovalTimeout = TimeSpan.FromSeconds(result.GetValue(approvalTimeout) ?? 1800),
                WorktreeRoot = result.GetValue(worktrees) ?? home.TrimEnd('/') + "-worktrees",
            };
            try
            {
                return await NodeHost.RunAsync(node, server, scheduling, home, ct);
            }
            catch (Exception e) when (e is Npgsql.NpgsqlException or Orleans.Runtime.OrleansException or IOException or InvalidOperationException)
            {
                Console.Error.WriteLine(NodeStrings.ErrorPrefix + Format(NodeStrings.BadCluster, e.Message));
                return 1;
            }
        });
        return serve;
    }

    private static string? Env(string name) => Environment.GetEnvironmentVariable(name) is { Length: > 0 } value ? value : null;

    private static int Usage(string message)
    {
        Console.Error.WriteLine(NodeStrings.ErrorPrefix + message);
        return 2;
    }

    private static string Format(string format, params object?[] args) => string.Format(CultureInfo.InvariantCulture, format, args);
}
