using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Caching.Distributed;
using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using ModelContextProtocol;
using ModelContextProtocol.AspNetCore;
using ModelContextProtocol.Protocol;
using ModelContextProtocol.Server;
using Wright.Mcp.Server.Text;

namespace Wright.Mcp.Server;

/// <summary>
/// An MCP server over Streamable HTTP (spec 2025-11-25) on Kestrel: one endpoint, <c>/mcp</c>, served by the SDK's
/// <c>MapMcp</c> (ModelContextProtocol.AspNetCore). Sessions (<c>Mcp-Session-Id</c>) for clients that initialize;
/// 2026-07-28 clients are served statelessly. SSE responses start with a priming event (an id, empty data and a
/// <c>retry</c> interval), and a client that lost a stream can resume it with <c>Last-Event-ID</c>.
/// </summary>
/// <remarks>
/// In front of the SDK: the DNS-rebinding guard and the bearer token (<see cref="HttpAccessPolicy"/>), and JSON
/// bodies for 403, 401 and 404. The host is built with <see cref="WebApplication.CreateEmptyBuilder"/> rather than
/// <c>CreateSlimBuilder</c>: the slim builder reads <c>appsettings.json</c> from the current directory (a workspace,
/// whose files are untrusted: its <c>Kestrel:Endpoints</c> would add listeners) and <c>ASPNETCORE_*</c> variables;
/// the empty one reads nothing, and is the smallest under NativeAOT. Nothing here runs unless
/// <c>wright mcp serve --http</c> does, so ASP.NET Core costs other commands no start-up time.
/// </remarks>
public sealed class McpHttpHost : IAsyncDisposable
{
    private static readonly JsonTypeInfo<JsonRpcError> ErrorType =
        (JsonTypeInfo<JsonRpcError>)McpJsonUtilities.DefaultOptions.GetTypeInfo(typeof(JsonRpcError));

    private readonly WebApplication _app;

    private McpHttpHost(WebApplication app, Uri url, bool loopbackOnly)
    {
        _app = app;
        Url = url;
        LoopbackOnly = loopbackOnly;
    }

    /// <summary>How long a session may go unused (no request, no open stream) before it is ended by default.</summary>
    public static TimeSpan DefaultIdleTimeout { get; } = TimeSpan.FromMinutes(30);

    /// <summary>The <c>retry</c> interval the priming event of every SSE stream announces.</summary>
    public static TimeSpan ReconnectInterval { get; } = TimeSpan.FromSeconds(2);

    /// <summary>The MCP endpoint, e.g. <c>http://127.0.0.1:8931/mcp</c> or <c>http://[::1]:8931/mcp</c>.</summary>
    public Uri Url { get; }

    /// <summary>The port listened on.</summary>
    public int Port => Url.Port;

    /// <summary>False when bound to an address other machines can reach.</summary>
    public bool LoopbackOnly { get; }

    /// <summary>
    /// Starts listening. Sessions a client abandons without DELETE end after the idle timeout (checked every few
    /// seconds); their id then gets 404, which tells a client to start a new session.
    /// </summary>
    /// <param name="options">Where to listen and whom to let in.</param>
    /// <param name="configureServer">Fills the MCP server's options (tools, handlers, server info).</param>
    /// <param name="cancellationToken">Cancels start-up.</param>
    /// <exception cref="ArgumentException">The host is not an IP address or localhost, or the token is empty.</exception>
    /// <exception cref="IOException">The address cannot be bound.</exception>
    public static async Task<McpHttpHost> StartAsync(McpHttpHostOptions options, Action<McpServerOptions> configureServer, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(configureServer);
        ArgumentException.ThrowIfNullOrWhiteSpace(options.Token);
        if (options.IdleTimeout is { } timeout && timeout <= TimeSpan.Zero)
            throw new ArgumentOutOfRangeException(nameof(options), "the idle timeout must be positive");
        var (address, urlHost) = ParseHost(options.Host);
        var policy = new HttpAccessPolicy(IPAddress.IsLoopback(address), options.AllowedHosts, options.Token);

        var builder = WebApplication.CreateEmptyBuilder(new WebApplicationOptions { ApplicationName = "wright", ContentRootPath = AppContext.BaseDirectory });
        builder.WebHost.UseKestrelCore().ConfigureKestrel(kestrel =>
        {
            kestrel.AddServerHeader = false;
            kestrel.Limits.MaxRequestBodySize = 8 * 1024 * 1024;
            kestrel.Listen(address, options.Port);
        });
        builder.Services.AddRoutingCore();
#pragma warning disable MCP9006 // Sessions, idle expiry and resumable streams are "legacy stateful HTTP" since 2026-07-28; clients of 2025-11-25 need them.
        builder.Services.AddMcpServer(configureServer)
            .WithHttpTransport(transport =>
            {
                transport.SessionMode = HttpServerSessionMode.StatefulForInitializeClients;
                transport.IdleTimeout = options.IdleTimeout ?? DefaultIdleTimeout;
                transport.EventStreamStore = new PrimingRetryEventStreamStore(
                    new DistributedCacheEventStreamStore(Options.Create(new DistributedCacheEventStreamStoreOptions
                    {
                        Cache = new MemoryDistributedCache(Options.Create(new MemoryDistributedCacheOptions { SizeLimit = 64 * 1024 * 1024 })),
                        EventSlidingExpiration = TimeSpan.FromMinutes(10),
                    })),
                    ReconnectInterval);
            });
#pragma warning restore MCP9006

        var app = builder.Build();
        app.Use(async (context, next) =>
        {
            var request = context.Request;
            if (policy.CheckOrigin(request.Headers.Host.ToString(), request.Headers.Origin.ToString()) is { } forbidden)
            {
                await WriteErrorAsync(context, StatusCodes.Status403Forbidden, forbidden);
                return;
            }

            if (!policy.HasToken(request.Headers.Authorization.ToString()))
            {
                context.Response.Headers.WWWAuthenticate = "Bearer";
                await WriteErrorAsync(context, StatusCodes.Status401Unauthorized, ServerStrings.Unauthorized);
                return;
            }

            if (context.GetEndpoint() is null)
            {
                await WriteErrorAsync(context, StatusCodes.Status404NotFound, ServerStrings.NotFound);
                return;
            }

            await next(context);
        });
        app.MapMcp("/mcp");

        await KestrelLifetime.StartAsync(app, cancellationToken);
        var port = KestrelLifetime.BoundPort(app, options.Port);
        return new McpHttpHost(app, new Uri(string.Create(CultureInfo.InvariantCulture, $"http://{urlHost}:{port}/mcp")), IPAddress.IsLoopback(address));
    }

    /// <summary>Serves requests until <paramref name="cancellationToken"/> is cancelled or the host is told to stop.</summary>
    public Task RunAsync(CancellationToken cancellationToken) => KestrelLifetime.RunAsync(_app, cancellationToken);

    public ValueTask DisposeAsync() => KestrelLifetime.StopAsync(_app, TimeSpan.FromSeconds(5));

    /// <summary>The address to bind and the host to show in the URL.</summary>
    private static (IPAddress Address, string UrlHost) ParseHost(string host)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(host);
        host = host.Trim();
        if (host.Equals("localhost", StringComparison.OrdinalIgnoreCase))
            return (IPAddress.Loopback, "localhost");
        if (host is "*" or "+")
            host = "0.0.0.0";
        var literal = host.StartsWith('[') && host.EndsWith(']') ? host[1..^1] : host;
        if (!IPAddress.TryParse(literal, out var address))
            throw new ArgumentException(string.Format(CultureInfo.InvariantCulture, ServerStrings.BadHost, host), nameof(host));
        return (address, address.AddressFamily == AddressFamily.InterNetworkV6 ? $"[{address}]" : address.ToString());
    }

    private static async Task WriteErrorAsync(HttpContext context, int status, string message)
    {
        var error = new JsonRpcError { Id = default, Error = new JsonRpcErrorDetail { Code = -32000, Message = message } };
        context.Response.StatusCode = status;
        context.Response.ContentType = "application/json";
        await context.Response.WriteAsync(JsonSerializer.Serialize(error, ErrorType), context.RequestAborted);
    }
}
