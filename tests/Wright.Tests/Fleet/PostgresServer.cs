using System.Diagnostics;
using System.Globalization;
using Npgsql;
using Wright.Tests.Support;

namespace Wright.Tests.Fleet;

/// <summary>
/// A private PostgreSQL cluster (Debian's <c>postgresql</c> package, installed by scripts/install-deps.sh) in a temporary
/// directory: <c>initdb</c>, then <c>pg_ctl</c> on a free loopback port with its socket in that directory. PostgreSQL
/// refuses to run as root, so as root it runs as the <c>postgres</c> user the package made. Each test takes its own
/// database (<see cref="CreateDatabaseAsync"/>).
/// </summary>
public sealed class PostgresServer : IAsyncLifetime
{
    private string _dir = "";
    private string _bin = "";

    public int Port { get; private set; }

    /// <summary>The connection string of the <c>postgres</c> database.</summary>
    public string ConnectionString => Connection("postgres");

    public string Connection(string database) => string.Create(CultureInfo.InvariantCulture,
        $"Host=127.0.0.1;Port={Port};Username=wright;Database={database};Timeout=5;Command Timeout=30");

    public async ValueTask InitializeAsync()
    {
        _bin = Directory.GetDirectories("/usr/lib/postgresql").OrderByDescending(d => int.TryParse(Path.GetFileName(d), out var v) ? v : 0)
            .Select(d => Path.Combine(d, "bin")).FirstOrDefault(d => File.Exists(Path.Combine(d, "initdb")))
            ?? throw new InvalidOperationException("PostgreSQL is not installed: scripts/install-deps.sh installs Debian's postgresql package");
        _dir = Directory.CreateTempSubdirectory("wright-pg-").FullName;
        if (Environment.UserName == "root")
            await RunAsync("/usr/bin/chown", "postgres", _dir);
        await PgAsync("initdb", "-D", Path.Combine(_dir, "data"), "-A", "trust", "-U", "wright", "--no-sync", "-E", "UTF8", "--locale=C");
        Port = TinyHttpServer.FreePort();
        await StartAsync();
    }

    /// <summary>Starts the server (again, after <see cref="StopAsync"/>) on the same port.</summary>
    public Task StartAsync() => PgAsync("pg_ctl", "-D", Path.Combine(_dir, "data"), "-l", Path.Combine(_dir, "log"), "-w", "-t", "60", "-o",
        string.Create(CultureInfo.InvariantCulture,
            $"-c listen_addresses=127.0.0.1 -p {Port} -c unix_socket_directories={_dir} -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=300"),
        "start");

    /// <summary>Stops the server at once (open connections are cut).</summary>
    public Task StopAsync() => PgAsync("pg_ctl", "-D", Path.Combine(_dir, "data"), "-m", "fast", "-w", "-t", "60", "stop");

    /// <summary>A fresh database for one test; returns its connection string.</summary>
    public async Task<string> CreateDatabaseAsync()
    {
        var name = "t" + Guid.NewGuid().ToString("N")[..12];
        await using var connection = new NpgsqlConnection(ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand($"CREATE DATABASE {name}", connection);
        await command.ExecuteNonQueryAsync();
        return Connection(name);
    }

    public async ValueTask DisposeAsync()
    {
        if (_dir.Length == 0)
            return;
        try
        {
            await PgAsync("pg_ctl", "-D", Path.Combine(_dir, "data"), "-m", "immediate", "-w", "-t", "30", "stop");
        }
        catch (InvalidOperationException)
        {
            // Not running.
        }

        Directory.Delete(_dir, recursive: true);
    }

    private Task PgAsync(string program, params string[] args) =>
        Environment.UserName == "root"
            ? RunAsync("/usr/sbin/runuser", ["-u", "postgres", "--", Path.Combine(_bin, program), .. args])
            : RunAsync(Path.Combine(_bin, program), args);

    private static async Task RunAsync(string program, params string[] args)
    {
        var psi = new ProcessStartInfo(program) { RedirectStandardOutput = true, RedirectStandardError = true, WorkingDirectory = "/tmp" };
        foreach (var a in args)
            psi.ArgumentList.Add(a);
        using var process = Process.Start(psi)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(120));
        await process.WaitForExitAsync(timeout.Token);
        if (process.ExitCode != 0)
            throw new InvalidOperationException($"{program} {string.Join(' ', args)} failed ({process.ExitCode}): {await stdout}{await stderr}");
    }
}
