using System.Globalization;
using System.Text.Json;
using Wright.Mcp.Server.Text;

namespace Wright.Mcp.Server;

/// <summary>
/// Checks a tool call's arguments against the tool's declared input schema, so what the schema promises is what the
/// server enforces: unknown arguments (with <c>additionalProperties: false</c>), missing required ones, wrong JSON
/// types, integers that are not whole or do not fit, values outside <c>enum</c>, <c>minimum</c>, <c>maximum</c> or
/// <c>minLength</c>. Every answer names the argument.
/// </summary>
/// <remarks>
/// Only this subset of JSON Schema is understood, which is all Wright's own tool schemas use; a general validator
/// (NJsonSchema, JsonSchema.Net) relies on reflection that NativeAOT trims away. A keyword outside the subset throws
/// when the schema is checked (<see cref="EnsureSupported"/>), so a schema can never promise more than is enforced.
/// </remarks>
internal static class ToolArgumentValidator
{
    private static readonly HashSet<string> RootKeywords = new(StringComparer.Ordinal) { "type", "properties", "required", "additionalProperties" };
    private static readonly HashSet<string> PropertyKeywords = new(StringComparer.Ordinal) { "type", "description", "enum", "minimum", "maximum", "minLength" };

    /// <summary>Throws when <paramref name="schema"/> uses a keyword this validator does not enforce.</summary>
    public static void EnsureSupported(JsonElement schema)
    {
        foreach (var keyword in schema.EnumerateObject())
        {
            if (!RootKeywords.Contains(keyword.Name))
                throw new ArgumentException($"unsupported schema keyword '{keyword.Name}'", nameof(schema));
        }

        if (!schema.TryGetProperty("properties", out var properties))
            return;
        foreach (var property in properties.EnumerateObject())
        {
            foreach (var keyword in property.Value.EnumerateObject())
            {
                if (!PropertyKeywords.Contains(keyword.Name))
                    throw new ArgumentException($"unsupported schema keyword '{keyword.Name}' in '{property.Name}'", nameof(schema));
            }
        }
    }

    /// <summary>The first way <paramref name="arguments"/> break <paramref name="schema"/>, or null when they conform.</summary>
    public static string? Validate(string tool, JsonElement schema, IReadOnlyDictionary<string, JsonElement> arguments)
    {
        var properties = schema.TryGetProperty("properties", out var p) ? p : default;
        var closed = schema.TryGetProperty("additionalProperties", out var additional) && additional.ValueKind == JsonValueKind.False;
        var names = properties.ValueKind == JsonValueKind.Object ? properties.EnumerateObject().Select(x => x.Name).ToList() : [];
        foreach (var name in arguments.Keys.Order(StringComparer.Ordinal))
        {
            if (closed && !names.Contains(name, StringComparer.Ordinal))
                return Format(ServerStrings.UnknownArgument, tool, name, string.Join(", ", names));
        }

        if (schema.TryGetProperty("required", out var required))
        {
            foreach (var name in required.EnumerateArray().Select(r => r.GetString()!))
            {
                if (!arguments.ContainsKey(name))
                    return Format(ServerStrings.MissingArgument, tool, name);
            }
        }

        foreach (var (name, value) in arguments.OrderBy(a => names.IndexOf(a.Key)))
        {
            if (properties.ValueKind == JsonValueKind.Object && properties.TryGetProperty(name, out var rule) && Check(rule, value) is { } problem)
                return Format(ServerStrings.BadArgument, tool, name, problem);
        }

        return null;
    }

    private static string? Check(JsonElement rule, JsonElement value)
    {
        var type = rule.TryGetProperty("type", out var t) ? t.GetString() : null;
        switch (type)
        {
            case "string":
                if (value.ValueKind != JsonValueKind.String)
                    return Format(ServerStrings.MustBeString, Describe(value));
                if (rule.TryGetProperty("minLength", out var minLength) && value.GetString()!.Length < minLength.GetInt32())
                    return ServerStrings.MustNotBeEmpty;
                break;
            case "integer":
                if (value.ValueKind != JsonValueKind.Number || !IsWhole(value))
                    return Format(ServerStrings.MustBeInteger, Describe(value));
                break;
            case "number":
                if (value.ValueKind != JsonValueKind.Number)
                    return Format(ServerStrings.MustBeNumber, Describe(value));
                break;
            case "boolean":
                if (value.ValueKind is not (JsonValueKind.True or JsonValueKind.False))
                    return Format(ServerStrings.MustBeBoolean, Describe(value));
                break;
            case null:
                break;
            default:
                throw new ArgumentException($"unsupported schema type '{type}'", nameof(rule));
        }

        if (rule.TryGetProperty("enum", out var allowed) && !allowed.EnumerateArray().Any(a => JsonElement.DeepEquals(a, value)))
            return Format(ServerStrings.MustBeOneOf, string.Join(", ", allowed.EnumerateArray().Select(a => a.ToString())), Describe(value));
        if (value.ValueKind == JsonValueKind.Number)
        {
            var number = value.GetDouble();
            if (rule.TryGetProperty("minimum", out var minimum) && number < minimum.GetDouble())
                return Format(ServerStrings.MustBeAtLeast, minimum.GetRawText(), Shorten(value.GetRawText()));
            if (rule.TryGetProperty("maximum", out var maximum) && number > maximum.GetDouble())
                return Format(ServerStrings.MustBeAtMost, maximum.GetRawText(), Shorten(value.GetRawText()));
        }

        return null;
    }

    /// <summary>True for a JSON number with no fractional part (<c>2</c>, <c>2.0</c>, <c>1e3</c>), as JSON Schema counts integers.</summary>
    private static bool IsWhole(JsonElement value) =>
        value.TryGetDecimal(out var exact) ? decimal.Truncate(exact) == exact : double.IsFinite(value.GetDouble()) && Math.Floor(value.GetDouble()) == value.GetDouble();

    private static string Describe(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.String => Format(ServerStrings.TheString, Shorten(value.GetRawText())),
        JsonValueKind.Object => ServerStrings.AnObject,
        JsonValueKind.Array => ServerStrings.AnArray,
        _ => Shorten(value.GetRawText()),
    };

    private static string Shorten(string text) => text.Length <= 80 ? text : text[..77] + "...";

    private static string Format(string format, params object[] args) => string.Format(CultureInfo.InvariantCulture, format, args);
}
