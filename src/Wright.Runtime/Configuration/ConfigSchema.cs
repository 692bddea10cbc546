using System.Globalization;
using System.Text;
using System.Text.Json;
using Wright.Runtime.Text;

namespace Wright.Runtime.Configuration;

/// <summary>
/// Checks a config.json against the keys Wright reads, with positions: a syntax error or a value of the wrong type
/// is a <see cref="ConfigException"/> naming the file, the 1-based line and column and the key; an unknown key is a
/// warning with the nearest known key (a key added by a newer Wright must not stop an older one).
/// </summary>
public static class ConfigSchema
{
    private enum Kind { String, Int, Number, Bool, Object, Array, Any }

    private sealed record Node(Kind Kind, Dictionary<string, Node>? Keys = null, Node? Each = null);

    private static readonly Node Str = new(Kind.String), IntN = new(Kind.Int), Num = new(Kind.Number), BoolN = new(Kind.Bool), AnyN = new(Kind.Any);
    private static readonly Node StrArray = new(Kind.Array, Each: Str);

    private static Node Obj(params (string Key, Node Node)[] keys) => new(Kind.Object, keys.ToDictionary(k => k.Key, k => k.Node, StringComparer.Ordinal));

    private static readonly Node Model = Obj(("context_window", IntN), ("max_output_tokens", IntN), ("input_price", Num), ("output_price", Num),
        ("cache_read_price", Num), ("cache_write_price", Num), ("images", BoolN));

    private static readonly Node Provider = Obj(("api", Str), ("base_url", Str), ("api_key_env", Str), ("headers", new Node(Kind.Object, Each: Str)),
        ("reasoning_effort", BoolN), ("models", new Node(Kind.Object, Each: Model)));

    /// <summary>Every top-level key Wright reads from config.json, with its shape.</summary>
    private static readonly Node Root = Obj(
        ("$schema", Str), ("model", Str), ("effort", Str), ("max_turns", IntN), ("allow_home_workspace", BoolN), ("permission_mode", Str),
        ("language", Str),
        ("fallback", StrArray),
        ("models", Obj(("small", Str), ("subagent", Str), ("architect", Str), ("editor", Str))),
        ("routes", new Node(Kind.Array, Each: Obj(("model", Str), ("prompt", Str), ("min_context_tokens", IntN)))),
        ("compaction", Obj(("threshold_percent", IntN), ("model", Str))),
        ("timeouts", Obj(("request_seconds", IntN), ("stream_idle_seconds", IntN))),
        ("web_fetch", Obj(("allow_private_networks", BoolN))),
        ("telemetry", Obj(("otlp_endpoint", Str))),
        ("retry", Obj(("max_retries", IntN))),
        ("shell", Obj(("allowed_secret_env", StrArray), ("max_saved_output_mb", IntN))),
        ("sandbox", Obj(("limits", Obj(("processes", IntN), ("memory_mb", IntN), ("cpu_seconds", IntN))), ("network", Obj(("allow", StrArray))))),
        ("permissions", Obj(("allow", StrArray), ("ask", StrArray), ("deny", StrArray))),
        ("dependencies", Obj(("enabled", BoolN), ("min_age_days", Num), ("min_weekly_downloads", Num), ("min_total_downloads", Num),
            ("established_weekly_downloads", Num), ("allow", StrArray), ("private", new Node(Kind.Array, Each: AnyN)),
            ("registries", new Node(Kind.Object, Each: Str)), ("cache_hours", Num), ("timeout_seconds", Num))),
        ("update", Obj(("url", Str), ("check", BoolN))),
        ("fleet", Obj(("cluster", Str), ("cluster_secret", Str), ("cluster_id", Str), ("name", Str), ("silo_port", IntN), ("max_parallel", IntN),
            ("probe_timeout_seconds", IntN), ("missed_probes", IntN), ("drain_timeout_seconds", IntN))),
        ("hooks", AnyN),
        ("providers", new Node(Kind.Object, Each: Provider)));

    /// <summary>The dotted names of every known scalar key (for <c>wright config</c> and completion).</summary>
    public static IEnumerable<string> KnownKeys()
    {
        foreach (var (key, node) in Root.Keys!)
        {
            if (node.Kind == Kind.Object && node.Keys is not null)
            {
                foreach (var (sub, subNode) in node.Keys)
                    if (subNode.Kind != Kind.Object)
                        yield return key + "." + sub;
            }
            else if (key != "$schema" && node.Kind != Kind.Object && node.Kind != Kind.Any)
                yield return key;
        }
    }

    /// <summary>Whether a dotted key holds a string, a number or a boolean ("string", "int", "bool"…), or null when unknown.</summary>
    public static string? TypeOf(string dottedKey)
    {
        Node? node = Root;
        foreach (var part in dottedKey.Split('.'))
        {
            if (node is null || node.Kind != Kind.Object)
                return null;
            node = node.Keys is not null && node.Keys.TryGetValue(part, out var n) ? n : node.Each;
        }

        return node?.Kind switch
        {
            Kind.String => "string", Kind.Int => "int", Kind.Number => "number", Kind.Bool => "bool", Kind.Array => "array", _ => null,
        };
    }

    /// <summary>Validates <paramref name="bytes"/> (the content of <paramref name="path"/>); returns the warnings.</summary>
    public static List<string> Check(string path, byte[] bytes)
    {
        var warnings = new List<string>();
        var reader = new Utf8JsonReader(bytes, new JsonReaderOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true });
        try
        {
            if (!reader.Read())
                return warnings;
            Walk(ref reader, bytes, path, Root, "", warnings);
        }
        catch (JsonException ex)
        {
            throw new ConfigException(string.Format(CultureInfo.InvariantCulture, Strings.ConfigSyntax, path,
                (ex.LineNumber ?? 0) + 1, (ex.BytePositionInLine ?? 0) + 1, FirstSentence(ex.Message)));
        }

        return warnings;
    }

    private static void Walk(ref Utf8JsonReader reader, byte[] bytes, string path, Node node, string key, List<string> warnings)
    {
        var (line, column) = Position(bytes, (int)reader.TokenStartIndex);
        if (!Matches(node.Kind, ref reader))
        {
            if (key.Length == 0)
                throw new ConfigException(string.Format(CultureInfo.InvariantCulture, Strings.ConfigTopLevel, path, line, column));
            throw new ConfigException(string.Format(CultureInfo.InvariantCulture, Strings.ConfigWrongType, path, line, column, key,
                KindName(node.Kind), TokenName(reader.TokenType)));
        }

        if (node.Kind == Kind.Any)
        {
            reader.Skip();
            return;
        }

        if (reader.TokenType == JsonTokenType.StartObject)
        {
            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                var name = reader.GetString() ?? "";
                var (nameLine, nameColumn) = Position(bytes, (int)reader.TokenStartIndex);
                var child = key.Length == 0 ? name : key + "." + name;
                reader.Read();
                Node? childNode = node.Keys is not null && node.Keys.TryGetValue(name, out var known) ? known : node.Each;
                if (childNode is null)
                {
                    var nearest = Nearest(name, node.Keys!.Keys);
                    warnings.Add(nearest is null
                        ? string.Format(CultureInfo.InvariantCulture, Strings.ConfigUnknownKey, path, nameLine, nameColumn, child)
                        : string.Format(CultureInfo.InvariantCulture, Strings.ConfigUnknownKeyNearest, path, nameLine, nameColumn, child,
                            key.Length == 0 ? nearest : key + "." + nearest));
                    reader.Skip();
                    continue;
                }

                Walk(ref reader, bytes, path, childNode, child, warnings);
            }
        }
        else if (reader.TokenType == JsonTokenType.StartArray)
        {
            var index = 0;
            while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
            {
                Walk(ref reader, bytes, path, node.Each ?? AnyN, $"{key}[{index}]", warnings);
                index++;
            }
        }
    }

    private static bool Matches(Kind kind, ref Utf8JsonReader reader) => kind switch
    {
        Kind.Any => true,
        _ when reader.TokenType == JsonTokenType.Null => true,
        Kind.String => reader.TokenType == JsonTokenType.String,
        Kind.Int => reader.TokenType == JsonTokenType.Number && reader.TryGetInt32(out _),
        Kind.Number => reader.TokenType == JsonTokenType.Number,
        Kind.Bool => reader.TokenType is JsonTokenType.True or JsonTokenType.False,
        Kind.Object => reader.TokenType == JsonTokenType.StartObject,
        Kind.Array => reader.TokenType == JsonTokenType.StartArray,
        _ => false,
    };

    private static string KindName(Kind kind) => kind switch
    {
        Kind.String => Strings.TypeString, Kind.Int => Strings.TypeInt, Kind.Number => Strings.TypeNumber, Kind.Bool => Strings.TypeBool,
        Kind.Object => Strings.TypeObject, Kind.Array => Strings.TypeArray, _ => Strings.TypeValue,
    };

    private static string TokenName(JsonTokenType token) => token switch
    {
        JsonTokenType.String => Strings.TypeString, JsonTokenType.Number => Strings.TypeNumber, JsonTokenType.True or JsonTokenType.False => Strings.TypeBool,
        JsonTokenType.StartObject => Strings.TypeObject, JsonTokenType.StartArray => Strings.TypeArray, _ => token.ToString(),
    };

    /// <summary>1-based line and column (in characters) of a byte offset.</summary>
    private static (int Line, int Column) Position(byte[] bytes, int offset)
    {
        var line = 1;
        var lineStart = 0;
        for (var i = 0; i < offset && i < bytes.Length; i++)
        {
            if (bytes[i] == (byte)'\n')
            {
                line++;
                lineStart = i + 1;
            }
        }

        return (line, Encoding.UTF8.GetCharCount(bytes, lineStart, Math.Max(0, Math.Min(offset, bytes.Length) - lineStart)) + 1);
    }

    private static string FirstSentence(string message)
    {
        var cut = message.IndexOf(" LineNumber:", StringComparison.Ordinal);
        return (cut > 0 ? message[..cut] : message).Trim().TrimEnd('.');
    }

    /// <summary>The known name closest to <paramref name="name"/> (edit distance at most a third of its length, and 3), or null.</summary>
    public static string? Nearest(string name, IEnumerable<string> known)
    {
        string? best = null;
        var bestDistance = int.MaxValue;
        foreach (var candidate in known)
        {
            var d = Distance(name, candidate);
            if (d < bestDistance)
            {
                best = candidate;
                bestDistance = d;
            }
        }

        return bestDistance <= Math.Max(2, Math.Min(3, name.Length / 3)) ? best : null;
    }

    /// <summary>Optimal string alignment distance (Levenshtein with adjacent transpositions), case-insensitive.</summary>
    public static int Distance(string a, string b)
    {
        a = a.ToLowerInvariant();
        b = b.ToLowerInvariant();
        var d = new int[a.Length + 1, b.Length + 1];
        for (var i = 0; i <= a.Length; i++) d[i, 0] = i;
        for (var j = 0; j <= b.Length; j++) d[0, j] = j;
        for (var i = 1; i <= a.Length; i++)
        {
            for (var j = 1; j <= b.Length; j++)
            {
                var cost = a[i - 1] == b[j - 1] ? 0 : 1;
                d[i, j] = Math.Min(Math.Min(d[i - 1, j] + 1, d[i, j - 1] + 1), d[i - 1, j - 1] + cost);
                if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1])
                    d[i, j] = Math.Min(d[i, j], d[i - 2, j - 2] + 1);
            }
        }

        return d[a.Length, b.Length];
    }
}
