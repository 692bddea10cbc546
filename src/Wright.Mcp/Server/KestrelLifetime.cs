using System.Net.Sockets;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Wright.Mcp.Server;

/// <summary>
/// The life of a Kestrel app, as Wright's two HTTP hosts (<see cref="McpHttpHost"/> and <c>wright serve</c>'s task
/// server) share it: start (a failed bind as an <see cref="IOException"/>), the port actually bound, serve until
/// stopped, stop within a grace period.
/// </summary>
public static class KestrelLifetime
{
    /// <summary>Starts the app; a bind that fails disposes it and throws an <see cref="IOException"/> saying why.</summary>
    public static async Task StartAsync(WebApplication app, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(app);
        try
        {
            await app.StartAsync(cancellationToken);
        }
        catch (Exception e) when (e is IOException or SocketException or InvalidOperationException)
        {
            await app.DisposeAsync();
            throw new IOException(e.Message, e);
        }
    }

    /// <summary>The port the app listens on (port 0 asks for a free one), else <paramref name="requested"/>.</summary>
    public static int BoundPort(WebApplication app, int requested)
    {
        ArgumentNullException.ThrowIfNull(app);
        var bound = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()?.Addresses.FirstOrDefault();
        return bound is not null && Uri.TryCreate(bound, UriKind.Absolute, out var boundUri) ? boundUri.Port : requested;
    }

    /// <summary>Serves until <paramref name="cancellationToken"/> is cancelled or the app is told to stop.</summary>
    public static async Task RunAsync(WebApplication app, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(app);
        var stopping = app.Services.GetRequiredService<IHostApplicationLifetime>().ApplicationStopping;
        using var either = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, stopping);
        try
        {
            await Task.Delay(Timeout.Infinite, either.Token);
        }
        catch (OperationCanceledException)
        {
            // Stopping.
        }
    }

    /// <summary>Stops the app, cutting short what still runs after <paramref name="grace"/>, and disposes it.</summary>
    public static async ValueTask StopAsync(WebApplication app, TimeSpan grace)
    {
        ArgumentNullException.ThrowIfNull(app);
        using var limit = new CancellationTokenSource(grace);
        try
        {
            await app.StopAsync(limit.Token);
        }
        catch (OperationCanceledException)
        {
            // Requests and streams cut short by shutdown.
        }

        await app.DisposeAsync();
    }
}
