using System.CommandLine;
using System.Globalization;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Wright.Cli.Hosting;
using Wright.Cli.Text;
using Wright.Runtime.Configuration;

namespace Wright.Cli.Commands;

/// <summary>
/// <c>wright task add|ls|show|logs|diff|apply|cancel</c>: a client of <c>wright serve</c>'s HTTP API
/// (<c>WRIGHT_SERVER</c>, default <c>http://127.0.0.1:8420</c>; <c>WRIGHT_SERVER_TOKEN</c>, else the token the local
/// server keeps in <c>$WRIGHT_HOME</c>).
/// </summary>
internal static class TaskCommand
{
    public static Command Create()
    {
        var task = new Command("task", Strings.TaskDescription);
        var prompt = new Argument<string>("prompt");
        var repo = new Option<string?>("--repo") { Description = Strings.TaskRepoOption };
        var attempts = new Option<int?>("--attempts") { Description = Strings.TaskAttemptsOption };
        var model = new Option<string?>("--model") { Description = Strings.TaskModelOption };
        var mode = new Option<string?>("--mode") { Description = Strings.TaskModeOption };
        var add = new Command("add", Strings.TaskAddDescription) { prompt, repo, attempts, model, mode };
        add.SetAction((r, ct) => RunAsync(async http =>
        {
            var body = Json(w =>
            {
                w.WriteString("prompt", r.GetValue(prompt));
                var named = r.GetValue(repo);
                // A git URL goes to the server as it is (it clones it, or a fleet keeps it); a path is made absolute here.
                w.WriteString("repo", named is not null && Wright.Tasks.Git.RemoteUrl.IsUrl(named) ? named : Path.GetFullPath(named ?? Directory.GetCurrentDirectory()));
                if (r.GetValue(attempts) is { } n)
                    w.WriteNumber("attempts", n);
                if (r.GetValue(model) is { } m)
                    w.WriteString("model", m);
                if (r.GetValue(mode) is { } md)
                    w.WriteString("mode", md);
            });
            using var doc = await SendAsync(http, HttpMethod.Post, "/api/tasks", body, ct);
            Console.Out.WriteLine(doc.RootElement.GetProperty("id").GetString());
        }, ct));
        task.Add(add);

        var ls = new Command("ls", Strings.TaskLsDescription);
        ls.SetAction((r, ct) => RunAsync(async http =>
        {
            using var doc = await SendAsync(http, HttpMethod.Get, "/api/tasks", null, ct);
            foreach (var t in doc.RootElement.EnumerateArray())
            {
                var line = t.GetProperty("prompt").GetString()!.Split('\n')[0];
                Console.Out.WriteLine($"{t.GetProperty("id").GetString(),-16} {t.GetProperty("status").GetString(),-17} {t.GetProperty("attempts").GetArrayLength()}  {(line.Length > 60 ? line[..60] + "…" : line)}");
            }
        }, ct));
        task.Add(ls);

        var id = new Argument<string>("id");
        var show = new Command("show", Strings.TaskShowDescription) { id };
        show.SetAction((r, ct) => RunAsync(async http =>
        {
            using var doc = await SendAsync(http, HttpMethod.Get, "/api/tasks/" + Uri.EscapeDataString(r.GetValue(id)!), null, ct);
            var t = doc.RootElement;
            Console.Out.WriteLine($"{t.GetProperty("id").GetString()}  {t.GetProperty("status").GetString()}  {t.GetProperty("repo").GetString()} @ {t.GetProperty("base").GetString()}");
            Console.Out.WriteLine(t.GetProperty("prompt").GetString());
            foreach (var a in t.GetProperty("attempts").EnumerateArray())
            {
                var error = a.TryGetProperty("error", out var e) ? "  " + e.GetString() : "";
                Console.Out.WriteLine($"  #{a.GetProperty("number").GetInt32()} {a.GetProperty("status").GetString(),-17} {a.GetProperty("branch").GetString()}  {a.GetProperty("input_tokens").GetInt64() + a.GetProperty("output_tokens").GetInt64()} tokens{error}");
            }

            foreach (var p in t.GetProperty("approvals").EnumerateArray())
                Console.Out.WriteLine($"  waiting: attempt {p.GetProperty("attempt").GetInt32()} asks {p.GetProperty("tool").GetString()}: {p.GetProperty("action").GetString()} (call {p.GetProperty("call_id").GetString()})");
        }, ct));
        task.Add(show);

        var follow = new Option<bool>("-f", "--follow") { Description = Strings.TaskFollowOption };
        var logs = new Command("logs", Strings.TaskLogsDescription) { id, follow };
        logs.SetAction((r, ct) => RunAsync(http => LogsAsync(http, r.GetValue(id)!, r.GetValue(follow), ct), ct));
        task.Add(logs);

        var diff = new Command("diff", Strings.TaskDiffDescription) { id };
        diff.SetAction((r, ct) => RunAsync(async http =>
        {
            var (taskId, n) = Split(r.GetValue(id)!);
            using var doc = await SendAsync(http, HttpMethod.Get, $"/api/tasks/{Uri.EscapeDataString(taskId)}/attempts/{n}/diff", null, ct);
            Console.Out.Write(doc.RootElement.GetProperty("diff").GetString());
        }, ct));
        task.Add(diff);

        var into = new Option<string?>("--into") { Description = Strings.TaskIntoOption };
        var apply = new Command("apply", Strings.TaskApplyDescription) { id, into };
        apply.SetAction((r, ct) => RunAsync(async http =>
        {
            var (taskId, n) = Split(r.GetValue(id)!);
            var body = Json(w =>
            {
                w.WriteString("method", "merge");
                if (r.GetValue(into) is { } branch)
                    w.WriteString("into", branch);
            });
            using var doc = await SendAsync(http, HttpMethod.Post, $"/api/tasks/{Uri.EscapeDataString(taskId)}/attempts/{n}/apply", body, ct);
            Console.Out.WriteLine(doc.RootElement.GetProperty("message").GetString());
        }, ct));
        task.Add(apply);

        var cancel = new Command("cancel", Strings.TaskCancelDescription) { id };
        cancel.SetAction((r, ct) => RunAsync(async http =>
        {
            using var doc = await SendAsync(http, HttpMethod.Post, "/api/tasks/" + Uri.EscapeDataString(r.GetValue(id)!) + "/cancel", "{}", ct);
            Console.Out.WriteLine(doc.RootElement.GetProperty("status").GetString());
        }, ct));
        task.Add(cancel);
        return task;
    }

    /// <summary>
    /// Prints the task's events. With <paramref name="follow"/> it keeps reading until the task is finished; a stream
    /// that breaks (the server restarted, the network dropped) is opened again with <c>Last-Event-ID</c>, so nothing is
    /// printed twice or skipped; it gives up when the server stays unreachable for <see cref="ReconnectFor"/>.
    /// </summary>
    private static async Task LogsAsync(HttpClient http, string taskId, bool follow, CancellationToken ct)
    {
        var path = "/api/tasks/" + Uri.EscapeDataString(taskId) + "/events?until_done=1";
        var last = 0L;
        var unreachableSince = (DateTime?)null;
        while (true)
        {
            var finished = false;
            try
            {
                // Without -f, or once the task is finished: what the store holds, then the stream ends.
                using var request = new HttpRequestMessage(HttpMethod.Get, path + (follow ? "" : "&follow=0"));
                if (last > 0)
                    request.Headers.Add("Last-Event-ID", last.ToString(CultureInfo.InvariantCulture));
                using var response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, ct);
                await EnsureAsync(response, ct);
                unreachableSince = null;
                using var reader = new StreamReader(await response.Content.ReadAsStreamAsync(ct));
                var pending = last;
                while (await reader.ReadLineAsync(ct) is { } line)
                {
                    if (line.StartsWith("id: ", StringComparison.Ordinal))
                        pending = long.Parse(line[4..], NumberStyles.None, CultureInfo.InvariantCulture);
                    else if (line.StartsWith("data: ", StringComparison.Ordinal))
                    {
                        Console.Out.WriteLine(line[6..]);
                        last = pending;
                    }
                }

                if (!follow)
                    return;
                using var task = await SendAsync(http, HttpMethod.Get, "/api/tasks/" + Uri.EscapeDataString(taskId), null, ct);
                finished = task.RootElement.GetProperty("status").GetString() is "succeeded" or "failed" or "cancelled";
            }
            catch (Exception e) when (follow && (e is HttpRequestException or IOException) && !ct.IsCancellationRequested)
            {
                unreachableSince ??= DateTime.UtcNow;
                if (DateTime.UtcNow - unreachableSince > ReconnectFor)
                    throw new TaskClientException(Format(Strings.TaskLostServer, (int)ReconnectFor.TotalSeconds, e.Message));
                await Task.Delay(TimeSpan.FromSeconds(1), ct);
                continue;
            }

            if (finished)
                follow = false; // one more pass prints what came after the stream broke, then ends
            else
                await Task.Delay(TimeSpan.FromMilliseconds(200), ct);
        }
    }

    /// <summary>How long <c>task logs -f</c> keeps trying to reach a server that went away.</summary>
    private static readonly TimeSpan ReconnectFor = TimeSpan.FromSeconds(60);

    private static (string Id, int Attempt) Split(string text)
    {
        var slash = text.IndexOf('/', StringComparison.Ordinal);
        if (slash < 0)
            return (text, 1);
        return int.TryParse(text[(slash + 1)..], NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n > 0
            ? (text[..slash], n)
            : throw new TaskClientException(Format(Strings.TaskBadId, text));
    }

    private static async Task<int> RunAsync(Func<HttpClient, Task> action, CancellationToken ct)
    {
        var server = Environment.GetEnvironmentVariable("WRIGHT_SERVER") is { Length: > 0 } s ? s : "http://127.0.0.1:8420";
        var token = Environment.GetEnvironmentVariable("WRIGHT_SERVER_TOKEN");
        var home = WrightHome.Resolve(Environment.GetEnvironmentVariable);
        if (string.IsNullOrWhiteSpace(token))
        {
            var file = Path.Combine(home, ServeCommand.TokenFile);
            token = File.Exists(file) ? Wright.Mcp.Server.McpTokenStore.LoadOrCreate(home, ServeCommand.TokenFile, out _) : null;
        }

        if (string.IsNullOrWhiteSpace(token))
        {
            Console.Error.WriteLine(Strings.ErrorPrefix + Format(Strings.TaskNoToken, Path.Combine(home, ServeCommand.TokenFile)));
            return ExitCodes.Usage;
        }

        using var http = new HttpClient { BaseAddress = new Uri(server), Timeout = Timeout.InfiniteTimeSpan };
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token.Trim());
        try
        {
            await action(http);
            return ExitCodes.Success;
        }
        catch (TaskClientException e)
        {
            Console.Error.WriteLine(Strings.ErrorPrefix + e.Message);
            return ExitCodes.Error;
        }
        catch (HttpRequestException e)
        {
            Console.Error.WriteLine(Strings.ErrorPrefix + Format(Strings.TaskUnreachable, server, e.Message));
            return ExitCodes.Error;
        }
    }

    private static async Task<JsonDocument> SendAsync(HttpClient http, HttpMethod method, string path, string? body, CancellationToken ct)
    {
        using var request = new HttpRequestMessage(method, path);
        if (body is not null)
            request.Content = new StringContent(body, Encoding.UTF8, "application/json");
        using var response = await http.SendAsync(request, ct);
        await EnsureAsync(response, ct);
        return JsonDocument.Parse(await response.Content.ReadAsStringAsync(ct));
    }

    private static async Task EnsureAsync(HttpResponseMessage response, CancellationToken ct)
    {
        if (response.IsSuccessStatusCode)
            return;
        var text = await response.Content.ReadAsStringAsync(ct);
        try
        {
            using var problem = JsonDocument.Parse(text);
            throw new TaskClientException(problem.RootElement.TryGetProperty("detail", out var d) ? d.GetString() ?? text : text);
        }
        catch (JsonException)
        {
            throw new TaskClientException($"{(int)response.StatusCode} {response.ReasonPhrase}");
        }
    }

    private static string Json(Action<Utf8JsonWriter> write)
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            write(writer);
            writer.WriteEndObject();
        }

        return Encoding.UTF8.GetString(buffer.ToArray());
    }

    private static string Format(string format, params object?[] args) => string.Format(CultureInfo.InvariantCulture, format, args);

    private sealed class TaskClientException(string message) : Exception(message);
}
