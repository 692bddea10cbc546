using System.Diagnostics;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using Wright.Tests.E2E;

namespace Wright.Tests.Server;

/// <summary>The real <c>wright serve</c> (dist/wright) on a free loopback port, with a client that sends its token.</summary>
public sealed partial class ServeProcess : IAsyncDisposable
{
    private readonly Process _process;
    private TaskApi _api = null!;
    private readonly StringBuilder _stderr = new();

    private ServeProcess(Process process)
    {
        _process = process;
    }

    public Uri Url { get; private set; } = null!;

    public string Token { get; private set; } = "";

    public HttpClient Http => _api.Http;

    public string Stderr
    {
        get
        {
            lock (_stderr)
                return _stderr.ToString();
        }
    }

    public int Pid => _process.Id;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public static Task<ServeProcess> StartAsync(WrightProcess wright, params string[] args) => StartOnAsync(wright, 0, args);

    /// <summary>Starts on <paramref name="port"/> (0: a free one): a restart on the same port is what clients reconnect to.</summary>
    public static async Task<ServeProcess> StartOnAsync(WrightProcess wright, int port, params string[] args)
    {
        var psi = wright.StartInfo(["serve", "--port", port.ToString(System.Globalization.CultureInfo.InvariantCulture), .. args]);
        var process = Process.Start(psi)!;
        process.StandardInput.Close();
        var server = new ServeProcess(process);
        var ready = new TaskCompletionSource<Match>(TaskCreationOptions.RunContinuationsAsynchronously);
        process.ErrorDataReceived += (_, e) =>
        {
            if (e.Data is null)
            {
                ready.TrySetException(new InvalidOperationException("wright serve exited: " + server.Stderr));
                return;
            }

            lock (server._stderr)
                server._stderr.AppendLine(e.Data);
            if (Banner().Match(e.Data) is { Success: true } match)
                ready.TrySetResult(match);
        };
        process.OutputDataReceived += (_, _) => { };
        process.BeginErrorReadLine();
        process.BeginOutputReadLine();
        Match banner;
        try
        {
            banner = await ready.Task.WaitAsync(TimeSpan.FromSeconds(30), Ct);
        }
        catch
        {
            // No banner (timeout, cancellation, early exit): the server must not outlive its test.
            if (!process.HasExited)
                process.Kill(entireProcessTree: true);
            process.Dispose();
            throw;
        }

        server.Url = new Uri(banner.Groups[1].Value);
        server.Token = banner.Groups[2].Value;
        server._api = new TaskApi(server.Url, server.Token, "", () => server.Stderr);
        return server;
    }

    /// <summary>kill -9.</summary>
    public async Task KillAsync()
    {
        _process.Kill();
        await _process.WaitForExitAsync(Ct);
    }

    public Task<JsonElement> GetJsonAsync(string path) => _api.GetJsonAsync(path);

    public Task<(int Status, JsonElement Body)> SendAsync(HttpMethod method, string path, string? json = null) => _api.SendAsync(method, path, json);

    public async Task<JsonElement> CreateAsync(string json)
    {
        var (status, body) = await SendAsync(HttpMethod.Post, "/api/tasks", json);
        Assert.True(status == 201, $"create: {status} {body}");
        return body;
    }

    /// <summary>Polls the task until <paramref name="done"/> holds (deadline 60 s).</summary>
    public Task<JsonElement> WaitAsync(string id, Func<JsonElement, bool> done, int seconds = 60) => _api.WaitAsync(id, done, seconds);

    public Task<JsonElement> WaitStatusAsync(string id, string status, int seconds = 60) => _api.WaitStatusAsync(id, status, seconds);

    /// <summary>
    /// The task's SSE events (with <c>?until_done=1</c>; with <paramref name="follow"/> false, <c>?follow=0</c>: those
    /// stored so far) as (id, data) pairs.
    /// </summary>
    public async Task<List<(long Id, JsonElement Data)>> EventsAsync(string id, long? lastEventId = null, TimeSpan? idle = null, bool follow = true)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, $"/api/tasks/{id}/events?until_done=1" + (follow ? "" : "&follow=0"));
        if (lastEventId is { } last)
            request.Headers.Add("Last-Event-ID", last.ToString(System.Globalization.CultureInfo.InvariantCulture));
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(Ct);
        timeout.CancelAfter(TimeSpan.FromSeconds(60));
        using var response = await Http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, timeout.Token);
        Assert.Equal("text/event-stream", response.Content.Headers.ContentType?.MediaType);
        using var reader = new StreamReader(await response.Content.ReadAsStreamAsync(timeout.Token));
        var events = new List<(long, JsonElement)>();
        long? current = null;
        while (true)
        {
            using var quiet = CancellationTokenSource.CreateLinkedTokenSource(timeout.Token);
            if (idle is { } wait)
                quiet.CancelAfter(wait);
            string? line;
            try
            {
                line = await reader.ReadLineAsync(quiet.Token);
            }
            catch (OperationCanceledException) when (idle is not null && !timeout.IsCancellationRequested)
            {
                break;
            }

            if (line is null)
                break;
            if (line.StartsWith("id: ", StringComparison.Ordinal))
                current = long.Parse(line[4..], System.Globalization.CultureInfo.InvariantCulture);
            else if (line.StartsWith("data: ", StringComparison.Ordinal))
            {
                events.Add((current!.Value, JsonDocument.Parse(line[6..]).RootElement.Clone()));
            }
        }

        return events;
    }

    public async ValueTask DisposeAsync()
    {
        _api?.Dispose();
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }

        _process.Dispose();
    }

    // "dashboard at URL?token=…", in either interface language.
    [GeneratedRegex(@"(http://\S+)\?token=(\S+)")]
    private static partial Regex Banner();
}
