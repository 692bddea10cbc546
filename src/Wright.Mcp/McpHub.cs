using System.Collections.Concurrent;
using ModelContextProtocol.Client;

namespace Wright.Mcp;

/// <summary>
/// Starts the configured MCP servers in parallel, each with a timeout, and exposes their tools. A server that fails to
/// start, crashes or times out is reported in one line and never takes the session down.
/// </summary>
public sealed class McpHub : IAsyncDisposable
{
    private readonly ConcurrentDictionary<string, McpClient> _clients = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, string> _failures = new(StringComparer.Ordinal);
    private readonly List<McpServerStatus> _statuses = [];
    private readonly List<McpTool> _tools = [];

    /// <summary>The tools of all running servers.</summary>
    public IReadOnlyList<McpTool> Tools => _tools;

    /// <summary>One status per configured server.</summary>
    public IReadOnlyList<McpServerStatus> Statuses => _statuses;

    /// <summary>Connects to every enabled server.</summary>
    public static async Task<McpHub> StartAsync(IEnumerable<McpServerConfig> servers, HttpClient? httpClient, CancellationToken cancellationToken)
    {
        var hub = new McpHub();
        var list = servers.ToList();
        var results = await Task.WhenAll(list.Select(s => hub.ConnectAsync(s, httpClient, cancellationToken)));
        foreach (var (status, tools) in results)
        {
            hub._statuses.Add(status);
            hub._tools.AddRange(tools);
        }

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
        return string.Join("\n\n", result.Messages.Select(m => m.Content is ModelContextProtocol.Protocol.TextContentBlock t ? t.Text : $"[{m.Content.Type} content]"));
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

    private async Task<(McpServerStatus, List<McpTool>)> ConnectAsync(McpServerConfig server, HttpClient? httpClient, CancellationToken cancellationToken)
    {
        if (server.Disabled)
            return (new McpServerStatus(server.Name, server.Transport, "disabled", 0, null), []);
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(server.Timeout);
        try
        {
            IClientTransport transport = server.Url is null
                ? new StdioClientTransport(new StdioClientTransportOptions
                {
                    Name = server.Name,
                    Command = Wright.Core.Processes.TrustedPrograms.Resolve(server.Command!, [server.Cwd], server.Cwd ?? Directory.GetCurrentDirectory()),
                    Arguments = [.. server.Args],
                    WorkingDirectory = server.Cwd,
                    EnvironmentVariables = (server.Env.ContainsKey("PATH") ? server.Env : server.Env.Append(KeyValuePair.Create("PATH", Wright.Core.Processes.TrustedPrograms.SearchPath([server.Cwd])))).ToDictionary(kv => kv.Key, kv => (string?)kv.Value),
                    ShutdownTimeout = TimeSpan.FromSeconds(3),
                })
                : new HttpClientTransport(new HttpClientTransportOptions
                {
                    Name = server.Name,
                    Endpoint = server.Url,
                    TransportMode = server.Transport == "sse" ? HttpTransportMode.Sse : HttpTransportMode.AutoDetect,
                    AdditionalHeaders = server.Headers.ToDictionary(kv => kv.Key, kv => kv.Value),
                    ConnectionTimeout = server.Timeout,
                }, httpClient ?? new HttpClient(), loggerFactory: null, ownsHttpClient: httpClient is null);
            var client = await McpClient.CreateAsync(transport, new McpClientOptions
            {
                ClientInfo = new() { Name = "wright", Version = "0.1.0" },
            }, loggerFactory: null, timeout.Token);
            _clients[server.Name] = client;
            var tools = await client.ListToolsAsync(cancellationToken: timeout.Token);
            var wrapped = tools.Select(t => new McpTool(this, server.Name, client, t.ProtocolTool, server.Timeout)).ToList();
            return (new McpServerStatus(server.Name, server.Transport, "running", wrapped.Count, null), wrapped);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            var why = $"did not start within {server.Timeout.TotalSeconds:0}s";
            _failures[server.Name] = why;
            return (new McpServerStatus(server.Name, server.Transport, "failed", 0, why), []);
        }
        catch (Exception ex) when (ex is not OperationCanceledException && ex is not OutOfMemoryException)
        {
            var why = Describe(server, ex);
            _failures[server.Name] = why;
            return (new McpServerStatus(server.Name, server.Transport, "failed", 0, why), []);
        }
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
        return $"could not start {what}: {message.ReplaceLineEndings(" ")}";
    }
}
