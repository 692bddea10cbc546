using System.Text.Json;
using System.Text.Json.Nodes;

namespace Wright.Mcp;

/// <summary>Reads and edits <c>mcp.json</c> files (<c>{"mcpServers": {name: {...}}}</c>), keeping unknown fields.</summary>
public static class McpConfigFile
{
    /// <summary>Reads the servers of a file; a missing file has none. Throws <see cref="FormatException"/> with a clear message.</summary>
    public static IReadOnlyList<McpServerConfig> Read(string path)
    {
        if (!File.Exists(path))
            return [];
        return Parse(File.ReadAllText(path), path);
    }

    /// <summary>Parses the servers of a file's text (read by the caller); <paramref name="path"/> names it in errors.</summary>
    public static IReadOnlyList<McpServerConfig> Parse(string text, string path)
    {
        JsonNode? root;
        try
        {
            root = JsonNode.Parse(text, documentOptions: new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true });
        }
        catch (JsonException ex)
        {
            throw new FormatException($"{path}: not valid JSON ({ex.Message})", ex);
        }

        if (root?["mcpServers"] is not JsonObject servers)
            return [];
        var result = new List<McpServerConfig>();
        foreach (var (name, node) in servers)
        {
            if (node is not JsonObject server)
                throw new FormatException($"{path}: mcpServers.{name} must be an object");
            var url = Str(server, "url") ?? Str(server, "serverUrl");
            Uri? uri = null;
            if (url is not null && (!Uri.TryCreate(url, UriKind.Absolute, out uri) || uri.Scheme is not ("http" or "https")))
                throw new FormatException($"{path}: mcpServers.{name}.url is not an http(s) URL: {url}");
            var command = Str(server, "command");
            if (command is null && uri is null)
                throw new FormatException($"{path}: mcpServers.{name} needs \"command\" (stdio) or \"url\" (http)");
            result.Add(new McpServerConfig(name)
            {
                Command = command,
                Args = server["args"] is JsonArray args ? [.. args.Select(a => a?.ToString() ?? "")] : [],
                Env = Map(server["env"]),
                Cwd = Str(server, "cwd"),
                Url = uri,
                Headers = Map(server["headers"]),
                Type = Str(server, "type") ?? Str(server, "transport"),
                Disabled = server["disabled"] is JsonValue d && d.TryGetValue<bool>(out var disabled) && disabled,
                Required = server["required"] is not JsonValue r || !r.TryGetValue<bool>(out var required) || required,
                OAuth = ReadOAuth(path, name, server["oauth"]),
                Timeout = server["timeout"] is JsonValue t && t.TryGetValue<int>(out var ms) && ms > 0 ? TimeSpan.FromMilliseconds(ms) : TimeSpan.FromSeconds(30),
                Source = path,
            });
        }

        return result;
    }

    private static McpOAuthConfig? ReadOAuth(string path, string name, JsonNode? node)
    {
        if (node is null)
            return null;
        if (node is not JsonObject o)
            throw new FormatException($"{path}: mcpServers.{name}.oauth must be an object");
        var grant = Str(o, "grant") ?? "authorization_code";
        if (grant is not ("authorization_code" or "client_credentials"))
            throw new FormatException($"{path}: mcpServers.{name}.oauth.grant must be \"authorization_code\" or \"client_credentials\", not \"{grant}\"");
        var port = 0;
        if (o["callbackPort"] is JsonValue p && (!p.TryGetValue(out port) || port is < 0 or > 65535))
            throw new FormatException($"{path}: mcpServers.{name}.oauth.callbackPort must be a port number");
        Uri? metadata = null;
        if (Str(o, "clientMetadataUrl") is { } m && (!Uri.TryCreate(m, UriKind.Absolute, out metadata) || metadata.Scheme != "https"))
            throw new FormatException($"{path}: mcpServers.{name}.oauth.clientMetadataUrl must be an https URL");
        var algorithm = Str(o, "signingAlgorithm") ?? "ES256";
        if (algorithm is not ("ES256" or "RS256"))
            throw new FormatException($"{path}: mcpServers.{name}.oauth.signingAlgorithm must be ES256 or RS256");
        var config = new McpOAuthConfig
        {
            ClientId = Str(o, "clientId"),
            ClientSecret = Str(o, "clientSecret"),
            Scopes = o["scopes"] switch
            {
                JsonArray a => [.. a.Select(s => s?.ToString() ?? "").Where(s => s.Length > 0)],
                JsonValue v when v.TryGetValue<string>(out var text) => text.Split(' ', StringSplitOptions.RemoveEmptyEntries),
                _ => [],
            },
            CallbackPort = port,
            ClientMetadataUrl = metadata,
            Grant = grant,
            PrivateKeyFile = Str(o, "privateKeyFile"),
            SigningAlgorithm = algorithm,
        };
        if (config.IsClientCredentials && (config.ClientId is null || (config.ClientSecret is null && config.PrivateKeyFile is null)))
            throw new FormatException($"{path}: mcpServers.{name}.oauth: the client_credentials grant needs clientId and clientSecret or privateKeyFile");
        return config;
    }

    /// <summary>Adds or replaces a server in a file (created if needed).</summary>
    public static void Upsert(string path, McpServerConfig server)
    {
        var root = Load(path);
        var servers = root["mcpServers"] as JsonObject ?? [];
        root["mcpServers"] = servers;
        var entry = new JsonObject();
        if (server.Url is not null)
        {
            entry["type"] = server.Transport;
            entry["url"] = server.Url.ToString();
            if (server.Headers.Count > 0)
                entry["headers"] = ToObject(server.Headers);
        }
        else
        {
            entry["command"] = server.Command;
            entry["args"] = new JsonArray([.. server.Args.Select(a => (JsonNode?)JsonValue.Create(a))]);
            if (server.Env.Count > 0)
                entry["env"] = ToObject(server.Env);
        }

        servers[server.Name] = entry;
        Save(path, root);
    }

    /// <summary>Removes a server; returns whether it was there.</summary>
    public static bool Remove(string path, string name)
    {
        if (!File.Exists(path))
            return false;
        var root = Load(path);
        if (root["mcpServers"] is not JsonObject servers || !servers.Remove(name))
            return false;
        Save(path, root);
        return true;
    }

    private static JsonObject Load(string path) =>
        File.Exists(path) ? JsonNode.Parse(File.ReadAllText(path)) as JsonObject ?? [] : [];

    private static void Save(string path, JsonObject root)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
        var temp = path + ".tmp";
        File.WriteAllText(temp, root.ToJsonString(new JsonSerializerOptions { WriteIndented = true }) + "\n");
        File.Move(temp, path, overwrite: true);
    }

    private static JsonObject ToObject(IReadOnlyDictionary<string, string> map)
    {
        var o = new JsonObject();
        foreach (var (k, v) in map)
            o[k] = v;
        return o;
    }

    private static string? Str(JsonObject o, string name) => o[name] is JsonValue v && v.TryGetValue<string>(out var s) ? s : null;

    private static Dictionary<string, string> Map(JsonNode? node) =>
        node is JsonObject o ? o.ToDictionary(p => p.Key, p => p.Value?.ToString() ?? "", StringComparer.Ordinal) : [];
}
