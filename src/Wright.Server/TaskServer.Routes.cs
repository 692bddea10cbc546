using System.Globalization;
using System.Reflection;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Wright.Core.Approvals;
using Wright.Server.Api;
using Wright.Server.Text;
using Wright.Tasks;
using Wright.Tasks.Git;
using Wright.Tasks.Scheduling;

namespace Wright.Server;

public sealed partial class TaskServer
{
    private void Map(WebApplication app)
    {
        app.MapMethods("/", ["GET"], context => AssetAsync(context, "index.html"));
        app.MapMethods("/assets/text.json", ["GET"], TextAsync);
        app.MapMethods("/assets/{name}", ["GET"], context => AssetAsync(context, (string)context.Request.RouteValues["name"]!));
        app.MapMethods("/openapi.json", ["GET"], context => ResourceAsync(context, "openapi.json", "application/json"));
        app.MapMethods("/api/tasks", ["GET"], Handle(ListAsync));
        app.MapMethods("/api/tasks", ["POST"], Handle(CreateAsync));
        app.MapMethods("/api/tasks/{id}", ["GET"], Handle(GetAsync));
        app.MapMethods("/api/tasks/{id}", ["DELETE"], Handle(DeleteAsync));
        app.MapMethods("/api/tasks/{id}/cancel", ["POST"], Handle(CancelAsync));
        app.MapMethods("/api/tasks/{id}/retry", ["POST"], Handle(RetryAsync));
        app.MapMethods("/api/tasks/{id}/follow-up", ["POST"], Handle(FollowUpAsync));
        app.MapMethods("/api/tasks/{id}/events", ["GET"], Handle(EventsAsync));
        app.MapMethods("/api/approvals", ["GET"], Handle(context => JsonAsync(context, 200, Approvals(null), ApiJsonContext.Default.ListApprovalView)));
        app.MapMethods("/api/tasks/{id}/approvals", ["GET"], Handle(context => JsonAsync(context, 200, Approvals(Id(context)), ApiJsonContext.Default.ListApprovalView)));
        app.MapMethods("/api/tasks/{id}/attempts/{n}/approvals/{call}", ["POST"], Handle(AnswerAsync));
        app.MapMethods("/api/tasks/{id}/attempts/{n}/diff", ["GET"], Handle(DiffAsync));
        app.MapMethods("/api/tasks/{id}/attempts/{n}/apply", ["POST"], Handle(ApplyAsync));
        _options.Routes?.Invoke(app);
    }

    private static RequestDelegate Handle(Func<HttpContext, Task> handler) => async context =>
    {
        try
        {
            await handler(context);
        }
        catch (TaskException e)
        {
            var (status, title) = e.Kind switch
            {
                TaskErrorKind.NotFound => (404, ServeStrings.NotFoundTitle),
                TaskErrorKind.Conflict => (409, ServeStrings.Conflict),
                _ => (400, ServeStrings.BadRequest),
            };
            await ProblemAsync(context, status, title, e.Message);
        }
        catch (JsonException e)
        {
            await ProblemAsync(context, 400, ServeStrings.BadRequest, string.Format(CultureInfo.InvariantCulture, ServeStrings.BadJson, e.Message));
        }
        catch (Exception e) when (!context.Response.HasStarted && e is not OperationCanceledException)
        {
            // One clear line instead of an empty 500 (git missing, the store unwritable, a bug).
            await ProblemAsync(context, 500, ServeStrings.ServerError, e.Message);
        }
    };

    private Task ListAsync(HttpContext context)
    {
        var status = context.Request.Query["status"].FirstOrDefault();
        var repo = context.Request.Query["repo"].FirstOrDefault() is { Length: > 0 } r ? Wright.Runtime.WrightRuntime.Canonicalize(r) ?? r : null;
        var tasks = _scheduler.List(status, repo).Select(View).ToList();
        return JsonAsync(context, 200, tasks, ApiJsonContext.Default.ListTaskView);
    }

    private async Task CreateAsync(HttpContext context)
    {
        var body = await ReadAsync(context, ApiJsonContext.Default.CreateTaskBody);
        if (string.IsNullOrWhiteSpace(body.Prompt))
            throw new TaskException(TaskErrorKind.Invalid, string.Format(CultureInfo.InvariantCulture, ServeStrings.MissingField, "prompt"));
        if (string.IsNullOrWhiteSpace(body.Repo))
            throw new TaskException(TaskErrorKind.Invalid, string.Format(CultureInfo.InvariantCulture, ServeStrings.MissingField, "repo"));
        var (repo, baseRef) = await Repositories.ResolveAsync(body.Repo, body.Base, _options, context.RequestAborted);
        var spec = new TaskSpec(body.Prompt, repo, baseRef, body.Model, body.Mode ?? "auto",
            body.Attempts ?? 1, body.BudgetUsd, body.Priority ?? 0);
        var task = await _scheduler.SubmitAsync(spec, context.RequestAborted);
        context.Response.Headers.Location = "/api/tasks/" + task.Id;
        await JsonAsync(context, 201, View(task), ApiJsonContext.Default.TaskView);
    }

    private Task GetAsync(HttpContext context) => JsonAsync(context, 200, View(Require(Id(context))), ApiJsonContext.Default.TaskView);

    private async Task DeleteAsync(HttpContext context)
    {
        await _scheduler.DeleteAsync(Id(context), context.RequestAborted);
        context.Response.StatusCode = 204;
    }

    private async Task CancelAsync(HttpContext context) =>
        await JsonAsync(context, 200, View(await _scheduler.CancelAsync(Id(context), context.RequestAborted)), ApiJsonContext.Default.TaskView);

    private async Task RetryAsync(HttpContext context)
    {
        var body = context.Request.ContentLength is > 0 ? await ReadAsync(context, ApiJsonContext.Default.FollowUpBody) : new FollowUpBody();
        await JsonAsync(context, 200, View(await _scheduler.RetryAsync(Id(context), body.Attempt, context.RequestAborted)), ApiJsonContext.Default.TaskView);
    }

    private async Task FollowUpAsync(HttpContext context)
    {
        var body = await ReadAsync(context, ApiJsonContext.Default.FollowUpBody);
        if (string.IsNullOrWhiteSpace(body.Message))
            throw new TaskException(TaskErrorKind.Invalid, string.Format(CultureInfo.InvariantCulture, ServeStrings.MissingField, "message"));
        await JsonAsync(context, 200, View(await _scheduler.FollowUpAsync(Id(context), body.Attempt ?? 1, body.Message, context.RequestAborted)), ApiJsonContext.Default.TaskView);
    }

    private async Task AnswerAsync(HttpContext context)
    {
        var id = Id(context);
        var n = Number(context, "n");
        var call = (string)context.Request.RouteValues["call"]!;
        var body = await ReadAsync(context, ApiJsonContext.Default.ApprovalBody);
        var answer = body.Decision switch
        {
            "yes" => ApprovalAnswer.Once,
            "always" => ApprovalAnswer.Always,
            "no" => ApprovalAnswer.No(string.IsNullOrWhiteSpace(body.Feedback) ? null : body.Feedback),
            _ => throw new TaskException(TaskErrorKind.Invalid, string.Format(CultureInfo.InvariantCulture, ServeStrings.BadDecision, body.Decision)),
        };
        Require(id);
        if (!_scheduler.AnswerApproval(id, n, call, string.IsNullOrEmpty(body.SessionId) ? null : body.SessionId, answer))
            throw new TaskException(TaskErrorKind.NotFound, string.Format(CultureInfo.InvariantCulture, ServeStrings.NoSuchApproval, call, n, id));
        await JsonAsync(context, 200, View(Require(id)), ApiJsonContext.Default.TaskView);
    }

    private async Task DiffAsync(HttpContext context) =>
        await JsonAsync(context, 200, await _scheduler.DiffAsync(Id(context), Number(context, "n"), context.RequestAborted), ApiJsonContext.Default.AttemptDiff);

    private async Task ApplyAsync(HttpContext context)
    {
        var body = context.Request.ContentLength is > 0 ? await ReadAsync(context, ApiJsonContext.Default.ApplyBody) : new ApplyBody();
        var result = await _scheduler.ApplyAsync(Id(context), Number(context, "n"), new ApplyRequest(body.Method ?? "merge", body.Into, body.Remote), context.RequestAborted);
        if (!result.Applied)
        {
            // A conflict is a problem the person resolves: 409 with the files, nothing changed.
            var problem = new Problem("https://wright.dev/problems/apply-conflict", ServeStrings.Conflict, 409, result.Message, context.Request.Path);
            context.Response.StatusCode = 409;
            context.Response.ContentType = "application/problem+json";
            var json = JsonSerializer.Serialize(problem, ApiJsonContext.Default.Problem);
            var conflicts = JsonSerializer.Serialize(result, ApiJsonContext.Default.ApplyResult);
            await context.Response.WriteAsync(json[..^1] + ",\"result\":" + conflicts + "}", context.RequestAborted);
            return;
        }

        await JsonAsync(context, 200, result, ApiJsonContext.Default.ApplyResult);
    }

    /// <summary>
    /// The task's events as Server-Sent Events: <c>id</c> is the store's event id, <c>data</c> the stream-json object
    /// with the attempt number added. <c>Last-Event-ID</c> (or <c>?after=</c>) resumes after that event, without gaps
    /// or repeats. <c>?until_done=1</c> ends the stream once the task is finished; <c>?follow=0</c> right after the
    /// events stored so far.
    /// </summary>
    private async Task EventsAsync(HttpContext context)
    {
        var id = Id(context);
        Require(id);
        var after = 0L;
        var last = context.Request.Headers["Last-Event-ID"].FirstOrDefault() ?? context.Request.Query["after"].FirstOrDefault();
        if (last is { Length: > 0 } && !long.TryParse(last, NumberStyles.None, CultureInfo.InvariantCulture, out after))
            throw new TaskException(TaskErrorKind.Invalid, string.Format(CultureInfo.InvariantCulture, ServeStrings.BadNumber, last));
        var untilDone = context.Request.Query["until_done"].FirstOrDefault() is "1" or "true";
        var follow = context.Request.Query["follow"].FirstOrDefault() is not ("0" or "false");
        context.Response.StatusCode = 200;
        context.Response.ContentType = "text/event-stream";
        context.Response.Headers.CacheControl = "no-store";
        context.Response.Headers["X-Accel-Buffering"] = "no";
        using var writing = new SemaphoreSlim(1, 1);
        async Task WriteAsync(string text)
        {
            await writing.WaitAsync(context.RequestAborted);
            try
            {
                await context.Response.WriteAsync(text, context.RequestAborted);
                await context.Response.Body.FlushAsync(context.RequestAborted);
            }
            finally
            {
                writing.Release();
            }
        }

        using var done = CancellationTokenSource.CreateLinkedTokenSource(context.RequestAborted);
        var heartbeat = HeartbeatAsync(WriteAsync, done.Token);
        try
        {
            await WriteAsync("retry: 2000\n\n");
            await foreach (var item in _scheduler.EventsAsync(id, after, follow, untilDone, context.RequestAborted))
            {
                var data = item.Json.Length > 2 ? string.Create(CultureInfo.InvariantCulture, $"{{\"attempt\":{item.Attempt},{item.Json[1..]}") : item.Json;
                await WriteAsync(string.Create(CultureInfo.InvariantCulture, $"id: {item.Id}\ndata: {data}\n\n"));
            }
        }
        catch (OperationCanceledException)
        {
            // The client went away.
        }
        finally
        {
            await done.CancelAsync();
            await heartbeat;
        }
    }

    /// <summary>An SSE comment every 15 s while nothing happens (an attempt waiting for a person): proxies keep the stream, a gone client is noticed.</summary>
    private async Task HeartbeatAsync(Func<string, Task> write, CancellationToken cancellationToken)
    {
        using var timer = new PeriodicTimer(_options.SseHeartbeat, _options.Time);
        try
        {
            while (await timer.WaitForNextTickAsync(cancellationToken))
                await write(": keep-alive\n\n");
        }
        catch (Exception e) when (e is OperationCanceledException or IOException or ObjectDisposedException)
        {
            // The stream ended.
        }
    }

    private List<ApprovalView> Approvals(string? taskId) =>
        [.. _scheduler.Approvals(taskId).Select(p => new ApprovalView(p.TaskId, p.Attempt, p.Request.CallId, p.SessionId, p.Request.Tool, p.Request.Action, p.Request.Reason,
            p.Request.Arguments, p.Request.CanRemember, p.Since))];

    private TaskView View(TaskRecord task) => new(task.Id, task.Status, task.Spec.Prompt, task.Spec.Repo, task.Spec.Base, task.Spec.Model, task.Spec.Mode,
        task.Spec.BudgetUsd, task.Spec.Priority, task.Created, task.Updated, task.Attempts, Approvals(task.Id));

    private TaskRecord Require(string id) =>
        _scheduler.Get(id) ?? throw new TaskException(TaskErrorKind.NotFound, string.Format(CultureInfo.InvariantCulture, ServeStrings.NoSuchTask, id));

    private static string Id(HttpContext context) => (string)context.Request.RouteValues["id"]!;

    private static int Number(HttpContext context, string name)
    {
        var text = (string)context.Request.RouteValues[name]!;
        return int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var n)
            ? n
            : throw new TaskException(TaskErrorKind.Invalid, string.Format(CultureInfo.InvariantCulture, ServeStrings.BadNumber, text));
    }

    private static async Task<T> ReadAsync<T>(HttpContext context, JsonTypeInfo<T> type)
    {
        if (context.Request.ContentLength == 0)
            throw new TaskException(TaskErrorKind.Invalid, ServeStrings.BodyRequired);
        return await JsonSerializer.DeserializeAsync(context.Request.Body, type, context.RequestAborted)
            ?? throw new TaskException(TaskErrorKind.Invalid, ServeStrings.BodyRequired);
    }

    private static async Task JsonAsync<T>(HttpContext context, int status, T value, JsonTypeInfo<T> type)
    {
        context.Response.StatusCode = status;
        context.Response.ContentType = "application/json; charset=utf-8";
        await JsonSerializer.SerializeAsync(context.Response.Body, value, type, context.RequestAborted);
    }

    private static async Task ProblemAsync(HttpContext context, int status, string title, string detail)
    {
        var problem = new Problem("about:blank", title, status, detail, context.Request.Path);
        context.Response.StatusCode = status;
        context.Response.ContentType = "application/problem+json";
        await context.Response.WriteAsync(JsonSerializer.Serialize(problem, ApiJsonContext.Default.Problem), context.RequestAborted);
    }

    private static Task AssetAsync(HttpContext context, string name)
    {
        var type = Path.GetExtension(name) switch
        {
            ".html" => "text/html; charset=utf-8",
            ".js" => "text/javascript; charset=utf-8",
            ".css" => "text/css; charset=utf-8",
            ".svg" => "image/svg+xml",
            _ => "application/octet-stream",
        };
        // Nothing inline runs: scripts and styles come from this server only.
        context.Response.Headers.ContentSecurityPolicy =
            "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'";
        return ResourceAsync(context, "dashboard/" + name, type);
    }

    /// <summary>The dashboard's strings in the server's interface language, and that language (<c>lang</c>).</summary>
    private static async Task TextAsync(HttpContext context)
    {
        context.Response.ContentType = "application/json; charset=utf-8";
        context.Response.Headers.CacheControl = "no-cache";
        await using var json = new Utf8JsonWriter(context.Response.Body);
        json.WriteStartObject();
        json.WriteString("lang", Wright.Core.Localization.UiLanguage.Current);
        foreach (var (key, text) in DashboardStrings.Table())
            json.WriteString(key, text);
        json.WriteEndObject();
        await json.FlushAsync(context.RequestAborted);
    }

    private static async Task ResourceAsync(HttpContext context, string name, string type)
    {
        await using var stream = typeof(TaskServer).Assembly.GetManifestResourceStream(name);
        if (stream is null)
        {
            await ProblemAsync(context, 404, ServeStrings.NotFoundTitle, string.Format(CultureInfo.InvariantCulture, ServeStrings.NotFound, "GET", context.Request.Path));
            return;
        }

        context.Response.ContentType = type;
        context.Response.Headers.CacheControl = "no-cache";
        await stream.CopyToAsync(context.Response.Body, context.RequestAborted);
    }
}
