using System.Globalization;
using System.Net;
using System.Security.Authentication;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Npgsql;
using Orleans.Configuration;
using Orleans.Connections.Security;
using Orleans.Hosting;
using Orleans.Runtime;
using Wright.Node.Grains;
using Wright.Node.Store;
using Wright.Node.Text;
using Wright.Server;
using Wright.Tasks.Scheduling;

namespace Wright.Node.Hosting;

/// <summary>
/// One fleet node: an Orleans silo (ADO.NET clustering and reminders on PostgreSQL), the shared task store, an
/// <see cref="InProcessScheduler"/> that claims work while it has room, and the same <see cref="TaskServer"/> (API,
/// SSE, dashboard) as <c>wright serve</c>, over the whole fleet's tasks.
/// </summary>
internal static class NodeHost
{
    public static async Task<int> RunAsync(NodeOptions node, ServerOptions server, SchedulerOptions scheduling, string home, CancellationToken cancellationToken)
    {
        using (var admin = NpgsqlDataSource.Create(node.Cluster))
            FleetSchema.Apply(admin, "orleans.sql");

        var address = IPAddress.TryParse(node.Host.Trim('[', ']'), out var ip) && !IPAddress.Any.Equals(ip) && !IPAddress.IPv6Any.Equals(ip) ? ip : IPAddress.Loopback;
        var name = node.Name ?? string.Create(CultureInfo.InvariantCulture, $"{Dns.GetHostName()}:{server.Port}");
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true, ApplicationName = "wright-node" });
        builder.Logging.AddSimpleConsole(o => o.SingleLine = true).SetMinimumLevel(LogLevel.Warning);
        builder.Logging.AddFilter("Orleans", Environment.GetEnvironmentVariable("WRIGHT_NODE_LOG") == "debug" ? LogLevel.Information : LogLevel.Error);
        // The secret is the nodes' credential: mutual TLS on every silo connection, with certificates only its holders can issue.
        using var trust = ClusterTrust.Create(node.Secret, name, TimeProvider.System);
        Fleet? fleet = null;
        builder.Services.AddSingleton(_ => fleet ?? throw new InvalidOperationException("the fleet is not ready"));
        builder.UseOrleans(silo =>
        {
            // Nodes of one fleet share the secret: the cluster id comes from it (fleets sharing a database stay apart), and
            // a node with another secret that names this cluster's id anyway fails the TLS handshake with every member.
            silo.Configure<ClusterOptions>(o =>
            {
                o.ClusterId = node.ClusterId ?? ClusterTrust.ClusterId(node.Secret);
                o.ServiceId = "wright";
            });
            silo.Configure<SiloOptions>(o => o.SiloName = name);
            silo.UseAdoNetClustering(o =>
            {
                o.Invariant = "Npgsql";
                o.ConnectionString = node.Cluster;
            });
            silo.UseAdoNetReminderService(o =>
            {
                o.Invariant = "Npgsql";
                o.ConnectionString = node.Cluster;
            });
            silo.ConfigureEndpoints(address, node.SiloPort, 0, listenOnAnyHostAddress: false);
            silo.UseTls(o =>
            {
                o.LocalCertificate = trust.Current;
                o.LocalServerCertificateSelector = (_, _) => trust.Current;
                o.LocalClientCertificateSelector = (_, _, _, _, _) => trust.Current;
                o.RemoteCertificateMode = RemoteCertificateMode.RequireCertificate;
                o.ClientCertificateMode = RemoteCertificateMode.RequireCertificate;
                // Not the system's roots, not the host name: only this fleet's CA (see ClusterTrust.Validate).
                o.RemoteCertificateValidation = (certificate, _, _) => trust.Validate(certificate);
                o.SslProtocols = SslProtocols.Tls13;
                o.HandshakeTimeout = TimeSpan.FromSeconds(10);
            });
            silo.Configure<ClusterMembershipOptions>(o =>
            {
                o.ProbeTimeout = node.ProbeTimeout;
                o.NumMissedProbesLimit = node.MissedProbes;
                o.IAmAliveTablePublishTimeout = TimeSpan.FromSeconds(Math.Max(2, node.ProbeTimeout.TotalSeconds * 2));
                o.TableRefreshTimeout = TimeSpan.FromSeconds(Math.Max(1, node.ProbeTimeout.TotalSeconds));
                o.DeathVoteExpirationTimeout = TimeSpan.FromSeconds(Math.Max(10, node.ProbeTimeout.TotalSeconds * node.MissedProbes * 4));
                // A node that cannot reach the members (another secret: every handshake fails) gives up after this. Not
                // shorter: on a loaded machine a legitimate join takes a while.
                o.MaxJoinAttemptTime = TimeSpan.FromMinutes(2);
            });
        });
        using var host = builder.Build();
        await host.StartAsync(cancellationToken);
        var siloAddress = host.Services.GetRequiredService<ILocalSiloDetails>().SiloAddress;
        var id = siloAddress.ToParsableString();
        using var store = PostgresTaskStore.Open(node.Cluster, id);
        var mirrors = new Mirrors(Path.Combine(home, "mirrors"));
        Wright.Runtime.WrightRuntime.OpenStore(home).Dispose(); // the session store's schema, before a journal is imported into it
        var checkpoints = new Checkpoints(store, Wright.Runtime.WrightRuntime.OpenStorePath(home), Path.Combine(home, "checkpoints"));
        var scheduler = new InProcessScheduler(store, scheduling with
        {
            LocalRepository = mirrors.PrepareAsync,
            PublishBranch = Mirrors.PushAsync,
            EventPoll = TimeSpan.FromMilliseconds(250),
            Checkpoint = checkpoints.SaveAsync,
            Restore = checkpoints.RestoreAsync,
            PublishedHead = store.CheckpointHead,
        });
        fleet = new Fleet(store, scheduler, host.Services.GetRequiredService<IClusterMembershipService>(), id, name, TimeProvider.System);
        TaskServer api;
        try
        {
            // A git URL stays the task's repository: whichever node runs an attempt mirrors the remote and pushes the branch back.
            api = await TaskServer.StartAsync(server with { Routes = fleet.Map, Mirror = mirrors.PrepareAsync }, scheduler, cancellationToken);
        }
        catch (Exception e) when (e is ArgumentException or IOException)
        {
            Console.Error.WriteLine(NodeStrings.ErrorPrefix + e.Message);
            await scheduler.DisposeAsync();
            await host.StopAsync(CancellationToken.None);
            return 2;
        }

        fleet.Url = api.Url.ToString();
        using var stopping = new CancellationTokenSource();
        var reports = fleet.RunAsync(stopping.Token);
        await scheduler.StartAsync(cancellationToken);
        await host.Services.GetRequiredService<IGrainFactory>().GetGrain<ISweeperGrain>(0).StartAsync();
        Console.Error.WriteLine(string.Format(CultureInfo.InvariantCulture, NodeStrings.Joined, name, id, api.Url, server.Token));

        // Until asked to stop (SIGTERM/SIGINT) or drained.
        try
        {
            await fleet.Drained.Task.WaitAsync(cancellationToken);
        }
        catch (OperationCanceledException)
        {
            // A stop: drain first (rolling restart), for at most the drain timeout.
            scheduler.Draining = true;
            Console.Error.WriteLine(string.Format(CultureInfo.InvariantCulture, NodeStrings.Draining, name));
            using var grace = new CancellationTokenSource(node.DrainTimeout);
            try
            {
                while (!scheduler.Idle)
                    await Task.Delay(200, grace.Token);
            }
            catch (OperationCanceledException)
            {
                Console.Error.WriteLine(string.Format(CultureInfo.InvariantCulture, NodeStrings.HandingOver, name, scheduler.RunningCount));
            }
        }

        Console.Error.WriteLine(string.Format(CultureInfo.InvariantCulture, NodeStrings.Leaving, name));
        await stopping.CancelAsync();
        await reports;
        await api.DisposeAsync();
        await scheduler.DisposeAsync();
        // Leaving gracefully marks the silo dead in the membership table at once: the others take over what is left.
        using var stop = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        await host.StopAsync(stop.Token);
        return 0;
    }
}
