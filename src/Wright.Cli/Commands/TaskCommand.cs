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
                w.WriteString("repo", Path.GetFullPath(r.GetValue(repo) ?? Directory.GetCurrentDirectory()));
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
        logs.SetAction((r, ct) => RunAsync(async http =>
        {
            var path = "/api/tasks/" + Uri.EscapeDataString(r.GetValue(id)!) + "/events?until_done=1";
            if (!r.GetValue(follow))
                http.Timeout = TimeSpan.FromSeconds(30);
            using var request = new HttpRequestMessage(HttpMethod.Get, path);
            using var response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, ct);
            await EnsureAsync(response, ct);
            using var reader = new StreamReader(await response.Content.ReadAsStreamAsync(ct));
            using var idle = CancellationTokenSource.CreateLinkedTokenSource(ct);
            while (await ReadLineAsync(reader, r.GetValue(follow) ? null : TimeSpan.FromSeconds(1), ct) is { } line)
            {
                if (line.StartsWith("data: ", StringComparison.Ordinal))
                    Console.Out.WriteLine(line[6..]);
            }
        }, ct));
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

    private static async Task<string?> ReadLineAsync(StreamReader reader, TimeSpan? idle, CancellationToken ct)
    {
        if (idle is null)
            return await reader.ReadLineAsync(ct);
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
        timeout.CancelAfter(idle.Value);
        try
        {
            return await reader.ReadLineAsync(timeout.Token);
        }
        catch (OperationCanceledException) when (!ct.IsCancellationRequested)
        {
            return null; // without -f: what is there so far
        }
    }

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
