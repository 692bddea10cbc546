using System.Collections.Concurrent;
using System.Globalization;
using ModelContextProtocol.Authentication;
using ModelContextProtocol.Client;
using ModelContextProtocol.Protocol;
using Wright.Mcp.Auth;
using Wright.Mcp.Elicitation;
using Wright.Mcp.Text;
using Wright.Mcp.Transport;

namespace Wright.Mcp;

/// <summary>
/// Starts the configured MCP servers in parallel, each with a timeout, and exposes their tools. A server that fails to
/// start, crashes or times out is reported in one line and never takes the session down; whether the run goes on
/// without it is the host's choice (<see cref="McpServerConfig.Required"/>). Servers of every protocol revision from
/// 2025-03-26 on are reached (<see cref="DiscoverGuardTransport"/>); remote servers sign in with OAuth 2.1; servers may
/// ask the person for input (<see cref="Elicitor"/>), see the workspace as their root and change their tools.
/// </summary>
public sealed class McpHub : IAsyncDisposable
{
    private readonly ConcurrentDictionary<string, McpClient> _clients = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, string> _failures = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, TimeSpan> _timeouts = new(StringComparer.Ordinal);
    private readonly List<McpServerStatus> _statuses = [];
    private readonly Lock _toolsLock = new();
    private readonly McpHubOptions _options;
    private IReadOnlyList<McpTool> _tools = [];

    static McpHub()
    {
        // Servers of the 2025-03-26 revision may publish no authorization-server metadata; that revision tells clients
        // to use /authorize, /token and /register on the server's origin then. The SDK does so only with this switch,
        // because PKCE support cannot be verified from metadata there; Wright still sends PKCE (S256) every time.
        AppContext.SetSwitch("ModelContextProtocol.Authentication.AllowLegacyOAuthMetadataFallback", true);
    }

    private McpHub(McpHubOptions options)
    {
        _options = options;
        Elicitor = options.Elicitor;
    }

    /// <summary>The tools of all running servers (a snapshot; <see cref="ToolsChanged"/> tells when it changes).</summary>
    public IReadOnlyList<McpTool> Tools => _tools;

    /// <summary>One status per configured server.</summary>
    public IReadOnlyList<McpServerStatus> Statuses => _statuses;

    /// <summary>Who answers the servers' elicitation requests; a host sets its own once it can ask its person.</summary>
    public IMcpElicitor Elicitor { get; set; }

    /// <summary>
    /// Raised (on a background thread) when a server announced <c>notifications/tools/list_changed</c> and its new tool
    /// list has been read: the server's name and its tools now.
    /// </summary>
    public event Action<string, IReadOnlyList<McpTool>>? ToolsChanged;

    /// <summary>Connects to every enabled server.</summary>
    public static Task<McpHub> StartAsync(IEnumerable<McpServerConfig> servers, HttpClient? httpClient, CancellationToken cancellationToken) =>
        StartAsync(new McpHubOptions { Http = httpClient }, servers, cancellationToken);

    /// <summary>Connects to every enabled server.</summary>
    public static async Task<McpHub> StartAsync(McpHubOptions options, IEnumerable<McpServerConfig> servers, CancellationToken cancellationToken)
    {
        var hub = new McpHub(options);
        var list = servers.ToList();
        var results = await Task.WhenAll(list.Select(s => hub.ConnectAsync(s, cancellationToken)));
        var tools = new List<McpTool>();
        foreach (var (status, serverTools) in results)
        {
            hub._statuses.Add(status);
            tools.AddRange(serverTools);
        }

        hub._tools = tools;
        return hub;
    }

    /// <summary>Why a server is unusable, or null.</summary>
    public string? FailureOf(string server) => _failures.TryGetValue(server, out var why) ? why : null;

    /// <summary>Records that a server stopped working.</summary>
    public void MarkFailed(string server, string why) => _failures[server] = why;

    /// <summary>The client of a running server (resources and prompts).</summary>
    public McpClient? Client(string server) => _clients.TryGetValue(server, out var c) && FailureOf(server) is null ? c : null;

    /// <summary>Whether any running server offers resources.</summary>
    public bool HasResources => _clients.Any(c => FailureOf(c.Key) is null && c.Value.ServerCapabilities?.Resources is not null);

    /// <summary>
    /// Expands <c>/mcp__server__prompt args</c> into the text of that MCP prompt (arguments fill the prompt's declared
    /// arguments in order, or as name=value). Returns null when the text is not an MCP prompt invocation.
    /// </summary>
    public async Task<string?> ExpandPromptAsync(string text, CancellationToken cancellationToken)
    {
        text = text.TrimStart();
        if (!text.StartsWith("/mcp__", StringComparison.Ordinal))
            return null;
        var space = text.IndexOfAny([' ', '\n']);
        var name = space < 0 ? text[6..] : text[6..space];
        var rest = space < 0 ? "" : text[(space + 1)..].Trim();
        var split = name.IndexOf("__", StringComparison.Ordinal);
        if (split <= 0)
            throw new ArgumentException($"'/{name}' is not an MCP prompt: use /mcp__<server>__<prompt>");
        var server = name[..split];
        var promptName = name[(split + 2)..];
        var client = Client(server) ?? throw new ArgumentException($"MCP server '{server}' is not running ({FailureOf(server) ?? "not configured"})");
        var prompts = await client.ListPromptsAsync(cancellationToken: cancellationToken);
        var prompt = prompts.FirstOrDefault(p => p.Name == promptName)
            ?? throw new ArgumentException($"MCP server '{server}' has no prompt '{promptName}'. Prompts: {string.Join(", ", prompts.Select(p => p.Name))}");
        var declared = prompt.ProtocolPrompt.Arguments?.Select(a => a.Name).ToList() ?? [];
        var values = new Dictionary<string, object?>(StringComparer.Ordinal);
        var positional = 0;
        foreach (var token in rest.Split(' ', StringSplitOptions.RemoveEmptyEntries))
        {
            var eq = token.IndexOf('=', StringComparison.Ordinal);
            if (eq > 0 && declared.Contains(token[..eq]))
                values[token[..eq]] = token[(eq + 1)..];
            else if (positional < declared.Count)
                values[declared[positional++]] = token;
        }

        var result = await prompt.GetAsync(values, cancellationToken: cancellationToken);
        return string.Join("\n\n", result.Messages.Select(m => m.Content is TextContentBlock t ? t.Text : $"[{m.Content.Type} content]"));
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        foreach (var client in _clients.Values)
        {
            try
            {
                await client.DisposeAsync();
            }
            catch (Exception ex) when (ex is IOException or InvalidOperationException or OperationCanceledException)
            {
                // Shutting down a crashed server may fail; nothing is lost.
            }
        }

    }

    private async Task<(McpServerStatus, List<McpTool>)> ConnectAsync(McpServerConfig server, CancellationToken cancellationToken)
    {
        if (server.Disabled)
            return (new McpServerStatus(server.Name, server.Transport, "disabled", 0, null), []);
        _timeouts[server.Name] = server.Timeout;
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        // A person signing in in a browser takes longer than a server takes to start.
        timeout.CancelAfter(_options.Login is null ? server.Timeout : server.Timeout + TimeSpan.FromMinutes(5));
        try
        {
            var client = await McpClient.CreateAsync(new DiscoverGuardTransport(CreateTransport(server)), ClientOptions(server), loggerFactory: null, timeout.Token);
            _clients[server.Name] = client;
            var wrapped = await ListToolsAsync(server.Name, client, timeout.Token);
            return (new McpServerStatus(server.Name, server.Transport, "running", wrapped.Count, null), wrapped);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            var why = string.Format(CultureInfo.InvariantCulture, McpStrings.DidNotStart, server.Timeout.TotalSeconds);
            _failures[server.Name] = why;
            return (new McpServerStatus(server.Name, server.Transport, "failed", 0, why), []);
        }
        catch (Exception ex) when (ex is not OperationCanceledException && ex is not OutOfMemoryException)
        {
            var login = Find<McpLoginRequiredException>(ex);
            var why = login is not null ? string.Format(CultureInfo.InvariantCulture, McpStrings.NeedsLogin, server.Name) : Describe(server, ex);
            _failures[server.Name] = why;
            return (new McpServerStatus(server.Name, server.Transport, login is not null ? "needs-login" : "failed", 0, why), []);
        }
    }

    private IClientTransport CreateTransport(McpServerConfig server)
    {
        if (server.Url is null)
        {
            return new StdioClientTransport(new StdioClientTransportOptions
            {
                Name = server.Name,
                Command = Wright.Core.Processes.TrustedPrograms.Resolve(server.Command!, [server.Cwd], server.Cwd ?? Directory.GetCurrentDirectory()),
                Arguments = [.. server.Args],
                WorkingDirectory = server.Cwd,
                EnvironmentVariables = (server.Env.ContainsKey("PATH") ? server.Env : server.Env.Append(KeyValuePair.Create("PATH", Wright.Core.Processes.TrustedPrograms.SearchPath([server.Cwd])))).ToDictionary(kv => kv.Key, kv => (string?)kv.Value),
                ShutdownTimeout = TimeSpan.FromSeconds(3),
            });
        }

        var options = new HttpClientTransportOptions
        {
            Name = server.Name,
            Endpoint = server.Url,
            TransportMode = server.Transport == "sse" ? HttpTransportMode.Sse : HttpTransportMode.AutoDetect,
            AdditionalHeaders = server.Headers.ToDictionary(kv => kv.Key, kv => kv.Value),
            ConnectionTimeout = server.Timeout,
        };
        if (server.OAuth is { IsClientCredentials: true } machine)
        {
            var http = new HttpClient(new ClientCredentialsHandler(server.Url, machine, new SocketsHttpHandler(), _options.Time));
            return new HttpClientTransport(options, http, loggerFactory: null, ownsHttpClient: true);
        }

        options.OAuth = OAuthOptions(server, server.Url);
        return new HttpClientTransport(options, _options.Http ?? new HttpClient(), loggerFactory: null, ownsHttpClient: _options.Http is null);
    }

    /// <summary>
    /// The SDK's OAuth 2.1 client (protected-resource and authorization-server metadata discovery, dynamic or
    /// pre-registered or metadata-document clients, PKCE, resource indicators, refresh, step-up on insufficient_scope),
    /// with Wright's token store and sign-in. Without a person to sign in, a server with no stored tokens fails before
    /// anything is registered, and one whose tokens can no longer be refreshed fails with "run wright mcp login".
    /// </summary>
    private ClientOAuthOptions OAuthOptions(McpServerConfig server, Uri url)
    {
        var config = server.OAuth ?? new McpOAuthConfig();
        var tokens = _options.Tokens;
        var login = _options.Login;
        var options = new ClientOAuthOptions
        {
            RedirectUri = login?.RedirectUri ?? new Uri($"http://127.0.0.1:{(config.CallbackPort > 0 ? config.CallbackPort : 33418)}/callback"),
            ClientId = config.ClientId,
            ClientSecret = config.ClientSecret,
            ClientMetadataDocumentUri = config.ClientMetadataUrl,
            Scopes = config.Scopes.Count > 0 ? config.Scopes : null,
            DynamicClientRegistration = config.ClientId is null ? new DynamicClientRegistrationOptions { ClientName = "Wright" } : null,
            TokenCache = tokens?.CacheFor(server.Name, url),
            AuthorizationCallbackHandler = login is null
                ? (_, _) => throw new McpLoginRequiredException(server.Name)
                : (context, ct) => login.AuthorizeAsync(server.Name, context.AuthorizationUri, ct),
        };
        if (login is null)
        {
            options.AuthServerSelector = servers => tokens is not null && tokens.Has(server.Name, url)
                ? servers.FirstOrDefault()
                : throw new McpLoginRequiredException(server.Name);
        }

        return options;
    }

    private McpClientOptions ClientOptions(McpServerConfig server)
    {
        var handlers = new McpClientHandlers
        {
            ElicitationHandler = (request, ct) => request is null
                ? ValueTask.FromResult(new ElicitResult { Action = "decline" })
                : Elicitor.ElicitAsync(server.Name, request, ct),
            NotificationHandlers =
            [
                new(NotificationMethods.ToolListChangedNotification, (_, _) =>
                {
                    _ = RefreshToolsAsync(server.Name);
                    return ValueTask.CompletedTask;
                }),
            ],
        };
        if (_options.Workspace is { } workspace)
        {
#pragma warning disable MCP9005 // roots are deprecated from 2026-07-28 on, but servers of 2025-03-26 … 2025-11-25 ask for them
            var root = new Root { Uri = new Uri(Path.GetFullPath(workspace)).AbsoluteUri, Name = Path.GetFileName(workspace.TrimEnd('/')) };
            handlers.RootsHandler = (_, _) => ValueTask.FromResult(new ListRootsResult { Roots = [root] });
#pragma warning restore MCP9005
        }

        return new McpClientOptions
        {
            ClientInfo = new() { Name = "wright", Version = "0.1.0" },
            Handlers = handlers,
        };
    }

    private async Task<List<McpTool>> ListToolsAsync(string server, McpClient client, CancellationToken cancellationToken)
    {
        var tools = await client.ListToolsAsync(cancellationToken: cancellationToken);
        var timeout = _timeouts.TryGetValue(server, out var t) ? t : TimeSpan.FromSeconds(30);
        return [.. tools.Select(tool => new McpTool(this, server, client, tool.ProtocolTool, timeout))];
    }

    /// <summary>Reads a server's tool list again after it announced a change, then tells <see cref="ToolsChanged"/>.</summary>
    private async Task RefreshToolsAsync(string server)
    {
        if (!_clients.TryGetValue(server, out var client) || FailureOf(server) is not null)
            return;
        List<McpTool> fresh;
        try
        {
            using var timeout = new CancellationTokenSource(_timeouts.TryGetValue(server, out var t) ? t : TimeSpan.FromSeconds(30));
            fresh = await ListToolsAsync(server, client, timeout.Token);
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            return; // the old list stays; a call to a tool that went away comes back as the server's error
        }

        lock (_toolsLock)
        {
            _tools = [.. _tools.Where(t => t.Server != server), .. fresh];
            var index = _statuses.FindIndex(s => s.Name == server);
            if (index >= 0)
                _statuses[index] = _statuses[index] with { Tools = fresh.Count };
        }

        ToolsChanged?.Invoke(server, fresh);
    }

    private static T? Find<T>(Exception? ex) where T : Exception
    {
        for (; ex is not null; ex = ex.InnerException)
        {
            if (ex is T found)
                return found;
            if (ex is AggregateException aggregate)
            {
                foreach (var inner in aggregate.InnerExceptions)
                {
                    if (Find<T>(inner) is { } nested)
                        return nested;
                }
            }
        }

        return null;
    }

    private static string Describe(McpServerConfig server, Exception ex)
    {
        var inner = ex;
        while (inner.InnerException is not null)
            inner = inner.InnerException;
        var what = server.Url is null ? $"'{server.Command}'" : server.Url.ToString();
        var message = ReferenceEquals(inner, ex) || ex.Message.Contains(inner.Message, StringComparison.Ordinal)
            ? ex.Message
            : $"{ex.Message.TrimEnd('.')}: {inner.Message}";
        if (Find<McpLoginException>(ex) is { } refused)
            message = string.Format(CultureInfo.InvariantCulture, McpStrings.LoginRefused, refused.Message);
        return string.Format(CultureInfo.InvariantCulture, McpStrings.CouldNotStart, what, message.ReplaceLineEndings(" "));
    }
}
