using System.Net.Security;
using System.Net.Sockets;
using System.Security.Authentication;
using System.Security.Cryptography.X509Certificates;
using Npgsql;
using Wright.Node.Hosting;
using Wright.Tests.E2E;
using static Wright.Tests.Fleet.FleetFixtures;

namespace Wright.Tests.Fleet;

/// <summary>
/// The cluster secret is the nodes' credential (mutual TLS on the silo ports, certificates from a CA derived from the
/// secret): a node with another secret cannot join even when it names this cluster's id, a stranger speaking to a silo
/// port gets nothing, and a node without a secret (or with one only a repository's config names) does not start.
/// </summary>
public sealed class FleetSecurityTests(PostgresServer postgres) : IClassFixture<PostgresServer>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_node_without_a_secret_refuses_to_start_and_a_repository_config_cannot_give_it_one()
    {
        using var fleet = new FleetSetup(await postgres.CreateDatabaseAsync());
        // The node's working directory is a repository with a config naming a secret: untrusted, never read for it.
        Directory.CreateDirectory(Path.Combine(fleet.Workspace, ".wright"));
        await File.WriteAllTextAsync(Path.Combine(fleet.Workspace, ".wright", "config.json"),
            $$$"""{"fleet":{"cluster_secret":"{{{fleet.Secret}}}","cluster":"Host=evil"}}""", Ct);
        await using var none = NodeProcess.Spawn(fleet, "nosecret", secret: null);
        Assert.Equal(2, await none.WaitExitAsync(60));
        Assert.Contains("needs the cluster secret", none.Stderr);
        await using var weak = NodeProcess.Spawn(fleet, "weak", "short");
        Assert.Equal(2, await weak.WaitExitAsync(60));
        Assert.Contains("at least 16 characters", weak.Stderr);
    }

    [Fact]
    public async Task A_node_with_the_settings_in_the_user_config_joins_the_fleet()
    {
        await using var mock = await AimockServer.StartAsync(FleetFixtures.Model);
        using var fleet = new FleetSetup(await postgres.CreateDatabaseAsync());
        var nodes = await StartAsync(fleet, mock, 1);
        // No flag, no variable: $WRIGHT_HOME/config.json names the database, the secret, the name, the ports and the capacity.
        await using var configured = NodeProcess.SpawnConfigured(fleet, "configured", node =>
            $$$"""{"cluster":{{{System.Text.Json.JsonSerializer.Serialize(fleet.Cluster, Wright.Tests.Support.TestJson.Default.String)}}},"cluster_secret":"{{{fleet.Secret}}}","name":"from-config","max_parallel":2,"silo_port":{{{node.SiloPort}}}}""");
        try
        {
            await UntilAsync(async () =>
            {
                Assert.False(configured.HasExited, configured.Stderr);
                var status = await StatusAsync(nodes[0]);
                return status.GetProperty("nodes").EnumerateArray().Any(n => n.GetProperty("name").GetString() == "from-config"
                    && n.GetProperty("status").GetString() == "active" && n.GetProperty("max_parallel").GetInt32() == 2) ? "joined" : null;
            }, "the node configured by $WRIGHT_HOME/config.json joins", 120);
        }
        finally
        {
            foreach (var node in nodes)
                await node.DisposeAsync();
        }
    }

    [Fact]
    public async Task A_node_with_another_secret_never_joins_and_strangers_on_the_silo_port_get_nothing()
    {
        await using var mock = await AimockServer.StartAsync(FleetFixtures.Model);
        using var fleet = new FleetSetup(await postgres.CreateDatabaseAsync());
        var nodes = await StartAsync(fleet, mock, 2);
        try
        {
            // A plain TCP client (Orleans' own preamble would be answered by an open silo) gets no byte of Orleans.
            foreach (var node in nodes)
                Assert.Empty(await PlainTcpAsync(node.SiloPort));
            // A TLS client with a certificate of another secret is refused; one of this fleet's secret is served (the
            // port does speak TLS, with the fleet's CA).
            using var stranger = ClusterTrust.Create("another-secret-0123456789abcdef", "stranger", TimeProvider.System);
            Assert.False(await TlsAsync(nodes[0].SiloPort, stranger));
            using var member = ClusterTrust.Create(fleet.Secret, "member", TimeProvider.System);
            Assert.True(await TlsAsync(nodes[0].SiloPort, member));

            // A node with another secret that names this very cluster (its id is no secret) tries to join it.
            await using var intruder = NodeProcess.Spawn(fleet, "intruder", "wrong-secret-" + Guid.NewGuid().ToString("N"),
                "--cluster-id", ClusterTrust.ClusterId(fleet.Secret));
            var during = await nodes[0].CreateAsync("quick work", fleet.Repo);
            await using var db = NpgsqlDataSource.Create(fleet.Cluster);
            var seen = false;
            var deadline = DateTime.UtcNow.AddSeconds(240);
            while (!intruder.HasExited && DateTime.UtcNow < deadline)
            {
                await using (var command = db.CreateCommand("SELECT status FROM orleansmembershiptable WHERE port = $1"))
                {
                    command.Parameters.AddWithValue(intruder.SiloPort);
                    await using var reader = await command.ExecuteReaderAsync(Ct);
                    while (await reader.ReadAsync(Ct))
                    {
                        seen = true;
                        // 3: Active. The members never let it in.
                        Assert.NotEqual(3, reader.GetInt32(0));
                    }
                }

                var status = await StatusAsync(nodes[1]);
                Assert.DoesNotContain(status.GetProperty("nodes").EnumerateArray(), n => n.GetProperty("name").GetString() == "intruder");
                await Task.Delay(200, Ct);
            }

            Assert.True(intruder.HasExited, "the intruder gave up joining within 240 s:\n" + intruder.Stderr);
            Assert.NotEqual(0, await intruder.WaitExitAsync(10));
            Assert.True(seen, "the intruder reached this cluster's membership table (it was kept out by TLS, not by the cluster id)");
            // The members kept working, and still do.
            Assert.Equal("succeeded", (await nodes[1].WaitAsync(during, t => t.GetProperty("status").GetString() is "succeeded" or "failed", 120)).GetProperty("status").GetString());
            var after = await nodes[1].CreateAsync("quick work", fleet.Repo);
            Assert.Equal("succeeded", (await nodes[0].WaitAsync(after, t => t.GetProperty("status").GetString() is "succeeded" or "failed", 120)).GetProperty("status").GetString());
            var fleetStatus = await StatusAsync(nodes[0]);
            Assert.Equal(2, fleetStatus.GetProperty("nodes").EnumerateArray().Count(n => n.GetProperty("status").GetString() == "active"));
        }
        finally
        {
            foreach (var node in nodes)
                await node.DisposeAsync();
        }
    }

    /// <summary>Speaks to a silo port without TLS; what it answers until it closes (or 15 s pass).</summary>
    private static async Task<byte[]> PlainTcpAsync(int port)
    {
        using var client = new TcpClient();
        await client.ConnectAsync("127.0.0.1", port, Ct);
        var stream = client.GetStream();
        // What an Orleans peer sends first: a length-prefixed preamble.
        await stream.WriteAsync(new byte[] { 16, 0, 0, 0, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0 }, Ct);
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(Ct);
        timeout.CancelAfter(TimeSpan.FromSeconds(15));
        var received = new MemoryStream();
        var buffer = new byte[4096];
        try
        {
            int n;
            while ((n = await stream.ReadAsync(buffer, timeout.Token)) > 0)
                received.Write(buffer, 0, n);
        }
        catch (IOException)
        {
            // Reset: nothing more.
        }

        // A TLS alert record (content type 21) is all a stranger may see: it carries nothing of the cluster.
        var bytes = received.ToArray();
        return bytes.Length > 0 && bytes[0] == 21 ? [] : bytes;
    }

    /// <summary>A TLS client with <paramref name="trust"/>'s certificate: whether the silo served it (answered after the handshake).</summary>
    private static async Task<bool> TlsAsync(int port, ClusterTrust trust)
    {
        using var client = new TcpClient();
        await client.ConnectAsync("127.0.0.1", port, Ct);
        await using var tls = new SslStream(client.GetStream(), false, (_, certificate, _, _) => certificate is X509Certificate2 c && trust.Validate(c));
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(Ct);
        timeout.CancelAfter(TimeSpan.FromSeconds(15));
        try
        {
            await tls.AuthenticateAsClientAsync(new SslClientAuthenticationOptions
            {
                TargetHost = "wright-fleet",
                ClientCertificates = [trust.Current],
                EnabledSslProtocols = SslProtocols.Tls13,
            }, timeout.Token);
            // TLS 1.3 checks the client's certificate after the client finished: the refusal comes with the first read.
            // An accepted peer gets the silo's preamble.
            var buffer = new byte[64];
            return await tls.ReadAsync(buffer, timeout.Token) > 0;
        }
        catch (Exception e) when (e is AuthenticationException or IOException)
        {
            return false;
        }
    }
}
