using System.Globalization;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Orleans.Runtime;
using Wright.Node.Store;
using Wright.Node.Text;
using Wright.Tasks;
using Wright.Tasks.Scheduling;

namespace Wright.Node.Hosting;

/// <summary>
/// This node's part in the fleet: it follows Orleans' membership (a node declared dead has its attempts queued again,
/// for whichever node has room), reports its capacity and load, obeys a drain, and serves <c>/api/fleet</c>.
/// Membership and failure detection are Orleans' (probes between silos, votes, the membership table in PostgreSQL):
/// nothing here decides that a node is dead.
/// </summary>
internal sealed class Fleet(PostgresTaskStore store, InProcessScheduler scheduler, IClusterMembershipService membership, string id, string name, TimeProvider time)
{
    private readonly Lock _gate = new();

    /// <summary>This node's id (its silo address with generation: a restarted node is a new owner).</summary>
    public string Id => id;

    /// <summary>This node's name.</summary>
    public string Name => name;

    /// <summary>The API's root URL.</summary>
    public string Url { get; set; } = "";

    /// <summary>Completes when the node drained and may leave.</summary>
    public TaskCompletionSource Drained { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>Queues again what nodes that Orleans declared dead were running.</summary>
    public void Sweep()
    {
        var dead = membership.CurrentSnapshot.Members.Values.Where(m => m.Status == SiloStatus.Dead).Select(m => m.SiloAddress.ToParsableString())
            .Where(owner => owner != id).ToList();
        lock (_gate)
        {
            foreach (var (taskId, attempt) in store.Requeue(dead, Reset))
                store.AppendStatus(taskId, attempt, attempt.Status == TaskState.Queued ? NodeStrings.MovedToAnotherNode : attempt.Error);
        }
    }

    /// <summary>
    /// What an attempt becomes when its node died: queued again for whichever node has room. With a checkpoint of its
    /// session, it resumes that session after its last journaled step (the branch as pushed then, the resume note as
    /// prompt); without one (it died before its first tool call finished), it starts again from its prompt.
    /// </summary>
    private static AttemptRecord Reset(TaskSpec spec, AttemptRecord attempt, string? checkpointSession) =>
        checkpointSession is not null && checkpointSession == attempt.SessionId
            ? attempt with { Status = TaskState.Queued, Worktree = null, NextPrompt = Wright.Tasks.Text.TaskStrings.ResumeNote, Error = null, Resumes = attempt.Resumes + 1 }
            : attempt with { Status = TaskState.Queued, Worktree = null, SessionId = null, NextPrompt = spec.Prompt, Error = null, Resumes = attempt.Resumes + 1 };

    /// <summary>Follows membership changes and reports every second until cancelled.</summary>
    public async Task RunAsync(CancellationToken cancellationToken)
    {
        var watch = WatchAsync(cancellationToken);
        using var timer = new PeriodicTimer(TimeSpan.FromSeconds(1), time);
        try
        {
            do
            {
                try
                {
                    store.Report(new FleetNodeInfo(id, name, Url, scheduler.MaxParallel, scheduler.RunningCount));
                    if (!scheduler.Draining && store.IsDraining(id))
                    {
                        scheduler.Draining = true;
                        Console.Error.WriteLine(string.Format(CultureInfo.InvariantCulture, NodeStrings.Draining, name));
                    }

                    if (scheduler.Draining && scheduler.Idle)
                        Drained.TrySetResult();
                }
                catch (Exception e) when (PostgresTaskStore.Transient(e))
                {
                    // The database is away: the node keeps running what it has and reports again when it is back.
                }
            }
            while (await timer.WaitForNextTickAsync(cancellationToken));
        }
        catch (OperationCanceledException)
        {
            // Stopping.
        }

        await watch;
    }

    private async Task WatchAsync(CancellationToken cancellationToken)
    {
        try
        {
            await foreach (var _ in membership.MembershipUpdates.WithCancellation(cancellationToken))
            {
                try
                {
                    Sweep();
                }
                catch (Exception e) when (PostgresTaskStore.Transient(e))
                {
                    // The next change (or the sweeper's reminder) tries again.
                }
            }
        }
        catch (OperationCanceledException)
        {
            // Stopping.
        }
    }

    /// <summary>The fleet's endpoints: <c>GET /api/fleet</c> and <c>POST /api/fleet/nodes/{node}/drain</c>.</summary>
    public void Map(IEndpointRouteBuilder app)
    {
        app.MapMethods("/api/fleet", ["GET"], StatusAsync);
        app.MapMethods("/api/fleet/nodes/{node}/drain", ["POST"], DrainAsync);
    }

    /// <summary>Every node: Orleans' status of it, its capacity, load and the attempts it runs.</summary>
    internal FleetStatus Status()
    {
        var members = membership.CurrentSnapshot.Members.Values.ToDictionary(m => m.SiloAddress.ToParsableString(), m => m.Status, StringComparer.Ordinal);
        var owned = store.Owned();
        var nodes = store.Nodes()
            .Select(n => new FleetNodeView(n.Id, n.Name, n.Url, members.TryGetValue(n.Id, out var s) ? StatusName(s) : "gone", n.MaxParallel, n.Running, n.Draining, n.Seen,
                owned.TryGetValue(n.Id, out var list) ? list : []))
            .Where(n => n.Status is not "gone" and not "dead" || n.Attempts.Count > 0 || time.GetUtcNow() - n.Seen < TimeSpan.FromMinutes(10))
            .ToList();
        return new FleetStatus(id, nodes);
    }

    private static string StatusName(SiloStatus status) => status switch
    {
        SiloStatus.Active => "active",
        SiloStatus.Joining or SiloStatus.Created => "joining",
        SiloStatus.ShuttingDown or SiloStatus.Stopping => "leaving",
        SiloStatus.Dead => "dead",
        _ => status.ToString().ToLowerInvariant(),
    };

    private async Task StatusAsync(HttpContext context)
    {
        context.Response.ContentType = "application/json; charset=utf-8";
        await JsonSerializer.SerializeAsync(context.Response.Body, Status(), FleetJsonContext.Default.FleetStatus, context.RequestAborted);
    }

    private async Task DrainAsync(HttpContext context)
    {
        var node = (string)context.Request.RouteValues["node"]!;
        if (!store.Drain(node))
        {
            context.Response.StatusCode = 404;
            context.Response.ContentType = "application/problem+json";
            await context.Response.WriteAsync(JsonSerializer.Serialize(new Wright.Server.Api.Problem("about:blank", "Not found", 404,
                string.Format(CultureInfo.InvariantCulture, NodeStrings.NoSuchNode, node), context.Request.Path), Wright.Server.Api.ApiJsonContext.Default.Problem), context.RequestAborted);
            return;
        }

        context.Response.StatusCode = 202;
        context.Response.ContentType = "application/json; charset=utf-8";
        await JsonSerializer.SerializeAsync(context.Response.Body, Status(), FleetJsonContext.Default.FleetStatus, context.RequestAborted);
    }
}
