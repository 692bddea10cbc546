using System.Diagnostics;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Wright.Tests.Support;

namespace Wright.Tests.E2E;

/// <summary>The real @copilotkit/aimock server on a free loopback port, with a fixture file.</summary>
public sealed class AimockServer : IAsyncDisposable
{
    private static readonly HttpClient Http = new();
    private readonly Process _process;
    private readonly string _fixtureFile;

    private AimockServer(Process process, int port, string fixtureFile)
    {
        _process = process;
        _fixtureFile = fixtureFile;
        BaseUrl = $"http://127.0.0.1:{port}";
    }

    /// <summary>The root URL (no /v1).</summary>
    public string BaseUrl { get; }

    /// <summary>Starts aimock (three tries on fresh ports); <paramref name="cli"/> replaces its script (tests of this class).</summary>
    public static async Task<AimockServer> StartAsync(string fixturesJson, string? cli = null)
    {
        var file = Path.Combine(Path.GetTempPath(), $"wright-aimock-{Guid.NewGuid():N}.json");
        await File.WriteAllTextAsync(file, fixturesJson);
        cli ??= Environment.GetEnvironmentVariable("AIMOCK_CLI") is { Length: > 0 } custom ? custom : NodePackages.File("@copilotkit/aimock", "dist/cli.js");
        for (var attempt = 0; ; attempt++)
        {
            var port = TinyHttpServer.FreePort();
            var psi = new ProcessStartInfo("node") { RedirectStandardOutput = true, RedirectStandardError = true };
            foreach (var a in new[] { cli, "-p", port.ToString(System.Globalization.CultureInfo.InvariantCulture), "-f", file, "--log-level", "warn" })
                psi.ArgumentList.Add(a);
            var process = Process.Start(psi)!;
            // Both pipes are drained as the server runs (a full pipe would block it); stderr is kept for a failure.
            var stderr = new StringBuilder();
            process.ErrorDataReceived += (_, e) =>
            {
                if (e.Data is not null)
                {
                    lock (stderr)
                        stderr.AppendLine(e.Data);
                }
            };
            process.OutputDataReceived += (_, _) => { };
            process.BeginErrorReadLine();
            process.BeginOutputReadLine();
            var server = new AimockServer(process, port, file);
            var deadline = DateTime.UtcNow.AddSeconds(10);
            while (DateTime.UtcNow < deadline && !process.HasExited)
            {
                try
                {
                    using var response = await Http.GetAsync(server.BaseUrl + "/__aimock/journal");
                    if (response.IsSuccessStatusCode)
                        return server;
                }
                catch (HttpRequestException)
                {
                    // not up yet
                }

                await Task.Delay(100);
            }

            // Stop this attempt's process (and wait for its stderr to be read to the end) before anything is disposed;
            // the fixture file stays for the next attempt.
            await server.StopAsync();
            string errors;
            lock (stderr)
                errors = stderr.ToString();
            var exit = process.HasExited ? process.ExitCode.ToString(System.Globalization.CultureInfo.InvariantCulture) : "none";
            process.Dispose();
            if (attempt >= 2)
            {
                File.Delete(file);
                throw new InvalidOperationException($"aimock did not start on port {port} (exit code {exit}): {errors}");
            }
        }
    }

    /// <summary>Every request aimock saw, oldest first.</summary>
    public async Task<JsonElement> JournalAsync()
    {
        var json = await Http.GetStringAsync(BaseUrl + "/__aimock/journal");
        using var doc = JsonDocument.Parse(json);
        var entries = doc.RootElement.EnumerateArray().Select(e => e.Clone()).OrderBy(e => e.GetProperty("timestamp").GetInt64()).ToList();
        return JsonDocument.Parse(JsonSerializer.Serialize(entries, TestJson.Default.ListJsonElement)).RootElement;
    }

    /// <summary>
    /// Makes the next request fail with this status (aimock's one-shot error injection); <paramref name="errorJson"/>
    /// is the error object (<c>{"message","type","code"}</c>) aimock wraps in the provider's error envelope.
    /// </summary>
    public async Task QueueErrorAsync(int status, string? errorJson = null)
    {
        var body = errorJson is null ? $$"""{"status":{{status}}}""" : $$"""{"status":{{status}},"body":{{errorJson}}}""";
        using var content = new StringContent(body, Encoding.UTF8, "application/json");
        using var response = await Http.PostAsync(BaseUrl + "/__aimock/error", content);
        response.EnsureSuccessStatusCode();
    }

    public async ValueTask DisposeAsync()
    {
        await StopAsync();
        _process.Dispose();
        File.Delete(_fixtureFile);
    }

    /// <summary>Ends the server and waits (with a deadline) until it and its output are gone.</summary>
    private async Task StopAsync()
    {
        try
        {
            _process.Kill(entireProcessTree: true);
        }
        catch (InvalidOperationException)
        {
            // already gone
        }

        using var deadline = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        try
        {
            // Also waits for the redirected streams to reach their end, so stderr is complete.
            await _process.WaitForExitAsync(deadline.Token);
        }
        catch (OperationCanceledException)
        {
            // Killed but not reaped in time: nothing more to wait for.
        }
    }
}
