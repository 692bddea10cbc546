using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Wright.Cli.Hosting;
using Wright.Cli.Text;
using Wright.Runtime.Configuration;

namespace Wright.Cli.Commands;

/// <summary>
/// <c>wright config</c> shows every value set in the user and project config (and the environment variables that
/// override them), each with where it comes from; <c>wright config set KEY VALUE</c> writes one into the user config
/// (or, with <c>--project</c>, the project's), typed and checked against the keys Wright reads.
/// </summary>
internal static class ConfigCommand
{
    private static readonly CultureInfo Inv = CultureInfo.InvariantCulture;

    /// <summary>Environment variables that override a config key.</summary>
    private static readonly (string Variable, string Key)[] Overrides =
    [
        ("WRIGHT_MODEL", "model"), ("WRIGHT_PERMISSION_MODE", "permission_mode"), ("WRIGHT_EFFORT", "effort"),
        ("WRIGHT_MAX_TURNS", "max_turns"), ("WRIGHT_COMPACT_MODEL", "compaction.model"), ("WRIGHT_LANG", "language"),
    ];

    public static Command Create(Option<string?> cwd)
    {
        var show = new Command("config", Strings.ConfigDescription) { cwd };
        show.SetAction(result => Show(result.GetValue(cwd), Console.Out, Console.Error));

        var key = new Argument<string>("key") { Description = Strings.ConfigKeyArgument };
        var value = new Argument<string>("value") { Description = Strings.ConfigValueArgument };
        var project = new Option<bool>("--project") { Description = Strings.ConfigProjectOption };
        var set = new Command("set", Strings.ConfigSetDescription) { key, value, project, cwd };
        set.SetAction(result => Set(result.GetValue(key)!, result.GetValue(value)!, result.GetValue(project), result.GetValue(cwd), Console.Out, Console.Error));
        var get = new Command("get", Strings.ConfigGetDescription) { key, cwd };
        get.SetAction(result => Get(result.GetValue(key)!, result.GetValue(cwd), Console.Out, Console.Error));
        show.Add(set);
        show.Add(get);
        return show;
    }

    private static List<(string Key, string Value, string Source)> Values(string? cwd)
    {
        var home = WrightHome.Resolve(Environment.GetEnvironmentVariable);
        var workspace = Path.GetFullPath(cwd ?? Directory.GetCurrentDirectory());
        var values = new Dictionary<string, (string Value, string Source)>(StringComparer.Ordinal);
        var files = new List<string> { Path.Combine(home, ConfigLoader.FileName) };
        if (Directory.Exists(workspace) && ConfigLoader.FindProjectConfig(workspace) is { } projectFile && projectFile != files[0])
            files.Add(projectFile);
        foreach (var file in files.Where(File.Exists))
        {
            var bytes = File.ReadAllBytes(file);
            ConfigSchema.Check(file, bytes);
            using var doc = JsonDocument.Parse(bytes, new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true });
            Flatten(doc.RootElement, "", (k, v) => values[k] = (v, file));
        }

        foreach (var (variable, key) in Overrides)
            if (Environment.GetEnvironmentVariable(variable) is { Length: > 0 } set)
                values[key] = (set, "$" + variable);
        return values.OrderBy(v => v.Key, StringComparer.Ordinal).Select(v => (v.Key, v.Value.Value, v.Value.Source)).ToList();
    }

    private static void Flatten(JsonElement e, string prefix, Action<string, string> add)
    {
        if (e.ValueKind == JsonValueKind.Object && !(prefix.EndsWith("headers", StringComparison.Ordinal) || prefix == "hooks"))
        {
            foreach (var p in e.EnumerateObject())
                Flatten(p.Value, prefix.Length == 0 ? p.Name : prefix + "." + p.Name, add);
        }
        else if (prefix.EndsWith("headers", StringComparison.Ordinal))
        {
            add(prefix, "{…}");   // header values may hold credentials
        }
        else if (prefix.Length > 0 && prefix != "$schema")
        {
            add(prefix, e.ValueKind == JsonValueKind.String ? e.GetString()! : e.GetRawText().ReplaceLineEndings(" "));
        }
    }

    private static int Show(string? cwd, TextWriter stdout, TextWriter stderr) => Guard(stderr, () =>
    {
        var home = WrightHome.Resolve(Environment.GetEnvironmentVariable);
        var values = Values(cwd);
        if (values.Count == 0)
        {
            stderr.WriteLine(string.Format(Inv, Strings.ConfigEmpty, Path.Combine(home, ConfigLoader.FileName)));
            return ExitCodes.Success;
        }

        var width = Math.Min(40, values.Max(v => v.Key.Length));
        foreach (var (key, value, source) in values)
            stdout.WriteLine(string.Format(Inv, "{0} = {1}  ({2})", key.PadRight(width), value, source));
        return ExitCodes.Success;
    });

    private static int Get(string key, string? cwd, TextWriter stdout, TextWriter stderr) => Guard(stderr, () =>
    {
        var found = Values(cwd).FirstOrDefault(v => v.Key == key);
        if (found.Key is null)
        {
            stderr.WriteLine(string.Format(Inv, Strings.ConfigNotSet, key));
            return ExitCodes.Error;
        }

        stdout.WriteLine(found.Value);
        return ExitCodes.Success;
    });

    private static int Set(string key, string text, bool project, string? cwd, TextWriter stdout, TextWriter stderr) => Guard(stderr, () =>
    {
        var type = ConfigSchema.TypeOf(key);
        if (type is null)
        {
            var nearest = ConfigSchema.Nearest(key, ConfigSchema.KnownKeys());
            stderr.WriteLine(Strings.ErrorPrefix + (nearest is null
                ? string.Format(Inv, Strings.ConfigUnknownKey, key)
                : string.Format(Inv, Strings.ConfigUnknownKeyNearest, key, nearest)));
            return ExitCodes.Usage;
        }

        JsonNode? value = type switch
        {
            "int" => int.TryParse(text, NumberStyles.Integer, Inv, out var i) ? JsonValue.Create(i) : null,
            "number" => decimal.TryParse(text, NumberStyles.Float, Inv, out var d) ? JsonValue.Create(d) : null,
            "bool" => text is "true" or "false" ? JsonValue.Create(text == "true") : null,
            "array" => new JsonArray(text.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Select(s => (JsonNode?)JsonValue.Create(s)).ToArray()),
            _ => JsonValue.Create(text),
        };
        if (value is null)
        {
            stderr.WriteLine(Strings.ErrorPrefix + string.Format(Inv, Strings.ConfigBadValue, key, text, type));
            return ExitCodes.Usage;
        }

        var home = WrightHome.Resolve(Environment.GetEnvironmentVariable);
        var file = project
            ? Path.Combine(Path.GetFullPath(cwd ?? Directory.GetCurrentDirectory()), ".wright", ConfigLoader.FileName)
            : Path.Combine(home, ConfigLoader.FileName);
        if (OperatingSystem.IsWindows())
            throw new PlatformNotSupportedException();
        var parts = key.Split('.');
        ConfigFileEditor.Update(file, root =>
        {
            var node = root;
            foreach (var part in parts[..^1])
            {
                if (node[part] is not JsonObject child)
                {
                    child = new JsonObject();
                    node[part] = child;
                }

                node = child;
            }

            node[parts[^1]] = value;
        }, project ? ConfigFileEditor.SharedMode : ConfigFileEditor.PrivateMode);
        stdout.WriteLine(string.Format(Inv, Strings.ConfigSet, key, value.ToJsonString(), file));
        return ExitCodes.Success;
    });

    private static int Guard(TextWriter stderr, Func<int> action)
    {
        try
        {
            return action();
        }
        catch (ConfigException ex)
        {
            stderr.WriteLine(Strings.ErrorPrefix + ex.Message);
            return ExitCodes.Usage;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or JsonException)
        {
            stderr.WriteLine(Strings.ErrorPrefix + ex.Message.ReplaceLineEndings(" "));
            return ExitCodes.Error;
        }
    }
}
