using System.Globalization;
using System.Net;
using System.Net.Sockets;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Wright.Mcp.Server;
using Wright.Server.Text;
using Wright.Tasks.Scheduling;

namespace Wright.Server;

/// <summary>
/// <c>wright serve</c>'s HTTP host on Kestrel: the task API under <c>/api</c> (JSON, RFC 9457 problems), its OpenAPI
/// document at <c>/openapi.json</c>, each task's events as Server-Sent Events, and the dashboard (embedded assets).
/// Every request passes the DNS-rebinding guard (<see cref="HttpAccessPolicy"/>: <c>Host</c>, <c>Origin</c>) and needs
/// the token: <c>Authorization: Bearer</c>, or the HttpOnly SameSite=Strict cookie that a visit with <c>?token=</c> sets.
/// </summary>
/// <remarks>
/// Built with <see cref="WebApplication.CreateEmptyBuilder"/> as <see cref="McpHttpHost"/> is (reads no
/// <c>appsettings.json</c> nor <c>ASPNETCORE_*</c>); handlers are plain <see cref="RequestDelegate"/>s with
/// source-generated JSON, so nothing needs reflection under NativeAOT.
/// </remarks>
public sealed partial class TaskServer : IAsyncDisposable
{
    /// <summary>The cookie that carries the token for the dashboard, followed by the port (browsers share cookies across a host's ports).</summary>
    public const string CookiePrefix = "wright_token_";

    private readonly WebApplication _app;
    private readonly ITaskScheduler _scheduler;
    private readonly ServerOptions _options;
    private readonly HttpAccessPolicy _policy;

    private TaskServer(WebApplication app, ITaskScheduler scheduler, ServerOptions options, HttpAccessPolicy policy)
    {
        _app = app;
        _scheduler = scheduler;
        _options = options;
        _policy = policy;
    }

    /// <summary>The root URL, e.g. <c>http://127.0.0.1:8420/</c>.</summary>
    public Uri Url { get; private set; } = null!;

    /// <summary>False when bound to an address other machines can reach.</summary>
    public bool LoopbackOnly { get; private set; }

    /// <summary>Starts listening (the scheduler is started by its owner).</summary>
    /// <exception cref="ArgumentException">The host is not an IP address or localhost.</exception>
    /// <exception cref="IOException">The address cannot be bound.</exception>
    public static async Task<TaskServer> StartAsync(ServerOptions options, ITaskScheduler scheduler, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(scheduler);
        ArgumentException.ThrowIfNullOrWhiteSpace(options.Token);
        var (address, urlHost) = ParseHost(options.Host);
        var policy = new HttpAccessPolicy(IPAddress.IsLoopback(address), options.AllowedHosts, options.Token);
        var builder = WebApplication.CreateEmptyBuilder(new WebApplicationOptions { ApplicationName = "wright", ContentRootPath = AppContext.BaseDirectory });
        builder.WebHost.UseKestrelCore().ConfigureKestrel(kestrel =>
        {
            kestrel.AddServerHeader = false;
            kestrel.Limits.MaxRequestBodySize = 4 * 1024 * 1024;
            kestrel.Listen(address, options.Port);
        });
        builder.Services.AddRoutingCore();
        var app = builder.Build();
        var server = new TaskServer(app, scheduler, options, policy);
        app.Use(server.GuardAsync);
        server.Map(app);
        await KestrelLifetime.StartAsync(app, cancellationToken);
        var port = KestrelLifetime.BoundPort(app, options.Port);
        server.Url = new Uri(string.Create(CultureInfo.InvariantCulture, $"http://{urlHost}:{port}/"));
        server.LoopbackOnly = IPAddress.IsLoopback(address);
        return server;
    }

    /// <summary>Serves until <paramref name="cancellationToken"/> is cancelled.</summary>
    public Task RunAsync(CancellationToken cancellationToken) => KestrelLifetime.RunAsync(_app, cancellationToken);

    public ValueTask DisposeAsync() => KestrelLifetime.StopAsync(_app, TimeSpan.FromSeconds(3));

    /// <summary>
    /// Host/Origin first (403), then the token (401), then a JSON body (415); a <c>?token=</c> visit sets the cookie
    /// and drops the token from the URL.
    /// </summary>
    private async Task GuardAsync(HttpContext context, RequestDelegate next)
    {
        var request = context.Request;
        if ((_policy.CheckOrigin(request.Headers.Host.ToString(), request.Headers.Origin.ToString()) ?? CrossOrigin(request)) is { } forbidden)
        {
            await ProblemAsync(context, StatusCodes.Status403Forbidden, ServeStrings.ForbiddenTitle, forbidden);
            return;
        }

        var cookieName = CookiePrefix + context.Connection.LocalPort.ToString(CultureInfo.InvariantCulture);
        if (request.Method == HttpMethods.Get && request.Query.TryGetValue("token", out var queryToken) && _policy.HasToken("Bearer " + queryToken))
        {
            context.Response.Cookies.Append(cookieName, queryToken.ToString(), new CookieOptions
            {
                HttpOnly = true,
                SameSite = SameSiteMode.Strict,
                Path = "/",
                Secure = false,
                IsEssential = true,
            });
            context.Response.Headers.CacheControl = "no-store";
            context.Response.Redirect(request.PathBase + request.Path, permanent: false);
            return;
        }

        var authorized = _policy.HasToken(request.Headers.Authorization.ToString()) ||
            (request.Cookies.TryGetValue(cookieName, out var cookie) && _policy.HasToken("Bearer " + cookie));
        if (!authorized)
        {
            context.Response.Headers.WWWAuthenticate = "Bearer";
            await ProblemAsync(context, StatusCodes.Status401Unauthorized, ServeStrings.UnauthorizedTitle, ServeStrings.Unauthorized);
            return;
        }

        // A body is JSON, said so: a form or a no-cors fetch (text/plain, which needs no CORS preflight) is refused unread.
        if ((request.ContentLength > 0 || request.Headers.TransferEncoding.Count > 0) && !IsJson(request.ContentType))
        {
            await ProblemAsync(context, StatusCodes.Status415UnsupportedMediaType, ServeStrings.UnsupportedMediaTypeTitle,
                string.Format(CultureInfo.InvariantCulture, ServeStrings.NotJson, request.ContentType));
            return;
        }

        context.Response.Headers["X-Content-Type-Options"] = "nosniff";
        context.Response.Headers["Referrer-Policy"] = "no-referrer";
        if (context.GetEndpoint() is null)
        {
            await ProblemAsync(context, StatusCodes.Status404NotFound, ServeStrings.NotFoundTitle,
                string.Format(CultureInfo.InvariantCulture, ServeStrings.NotFound, request.Method, request.Path));
            return;
        }

        await next(context);
    }

    /// <summary>
    /// Why a request from a browser page of another origin is refused, or null. <see cref="HttpAccessPolicy"/> lets any
    /// loopback origin through (a browser-based MCP client is one); the dashboard is served from this origin only, and a
    /// page on another port of this machine is same-site for the browser, so the cookie would go along with its requests.
    /// </summary>
    private static string? CrossOrigin(HttpRequest request)
    {
        var origin = request.Headers.Origin.ToString();
        var host = request.Headers.Host.ToString();
        if (origin.Length > 0 && !origin.Equals("http://" + host, StringComparison.OrdinalIgnoreCase) && !origin.Equals("https://" + host, StringComparison.OrdinalIgnoreCase))
            return ServeStrings.ForbiddenCrossOrigin;
        // Fetch metadata: a subresource request (not a navigation) that another site, or another port, started.
        return request.Headers["Sec-Fetch-Site"].ToString() is "cross-site" or "same-site" && request.Headers["Sec-Fetch-Mode"].ToString() != "navigate"
            ? ServeStrings.ForbiddenCrossOrigin
            : null;
    }

    private static bool IsJson(string? contentType) =>
        Microsoft.Net.Http.Headers.MediaTypeHeaderValue.TryParse(contentType, out var type) &&
        (type.MediaType.Equals("application/json", StringComparison.OrdinalIgnoreCase) || type.Suffix.Equals("json", StringComparison.OrdinalIgnoreCase));

    private static (IPAddress Address, string UrlHost) ParseHost(string host)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(host);
        host = host.Trim();
        if (host.Equals("localhost", StringComparison.OrdinalIgnoreCase))
            return (IPAddress.Loopback, "127.0.0.1");
        var literal = host.StartsWith('[') && host.EndsWith(']') ? host[1..^1] : host;
        if (!IPAddress.TryParse(literal, out var address))
            throw new ArgumentException($"--host must be an IP address or localhost, got '{host}'", nameof(host));
        return (address, address.AddressFamily == AddressFamily.InterNetworkV6 ? $"[{address}]" : address.ToString());
    }
}
