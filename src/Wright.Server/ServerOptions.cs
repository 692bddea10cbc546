namespace Wright.Server;

/// <summary>Where <see cref="TaskServer"/> listens and whom it lets in.</summary>
public sealed record ServerOptions
{
    /// <summary>The address to bind (default loopback).</summary>
    public string Host { get; init; } = "127.0.0.1";

    /// <summary>The port (0: any free one).</summary>
    public int Port { get; init; } = 8420;

    /// <summary>The access token (bearer, or the cookie a <c>?token=</c> visit sets).</summary>
    public required string Token { get; init; }

    /// <summary>Extra host names the server answers to (behind a proxy).</summary>
    public IReadOnlyCollection<string> AllowedHosts { get; init; } = [];

    /// <summary>Where a task's repository may be.</summary>
    public required Wright.Mcp.Server.WorkspaceRoots Roots { get; init; }

    /// <summary>Where a git URL is cloned.</summary>
    public required string CloneRoot { get; init; }

    /// <summary>
    /// A fleet node's mirror of a remote (cloned or fetched, then its path): with it, a git URL stays the task's
    /// repository — every node mirrors it and pushes attempts' branches back to it — instead of being cloned under
    /// <see cref="CloneRoot"/>, and a <c>file://</c> URL is allowed inside <see cref="Roots"/>. Null: single-machine.
    /// </summary>
    public Func<string, CancellationToken, Task<string>>? Mirror { get; init; }

    /// <summary>How often an idle event stream gets a comment line (<c>: keep-alive</c>).</summary>
    public TimeSpan SseHeartbeat { get; init; } = TimeSpan.FromSeconds(15);

    /// <summary>More endpoints (a fleet node's <c>/api/fleet</c>), behind the same guard as the rest.</summary>
    public Action<Microsoft.AspNetCore.Routing.IEndpointRouteBuilder>? Routes { get; init; }

    /// <summary>The clock.</summary>
    public TimeProvider Time { get; init; } = TimeProvider.System;
}
