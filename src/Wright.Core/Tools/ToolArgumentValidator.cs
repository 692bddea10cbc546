using System.Text.Json;

namespace Wright.Core.Tools;

/// <summary>
/// Checks tool arguments against the subset of JSON Schema that tool schemas use (type, properties, required,
/// additionalProperties, enum, items, minimum, maximum). Hand-written: schema libraries on NuGet rely on reflection
/// that NativeAOT cannot keep, and this subset is all the tools need. Messages name the argument and what was wrong.
/// </summary>
public static class ToolArgumentValidator
{
    /// <summary>Returns null when <paramref name="value"/> fits <paramref name="schema"/>, else an error message.</summary>
    public static string? Validate(JsonElement schema, JsonElement value) => Check(schema, value, "");

    private static string? Check(JsonElement schema, JsonElement value, string path)
    {
        if (schema.ValueKind != JsonValueKind.Object)
            return null;

        if (schema.TryGetProperty("type", out var type) && !TypeMatches(type, value))
            return $"{Describe(path)} must be {TypeText(type)}, got {KindText(value)}";

        if (schema.TryGetProperty("enum", out var allowed) && allowed.ValueKind == JsonValueKind.Array
            && !allowed.EnumerateArray().Any(a => JsonElement.DeepEquals(a, value)))
            return $"{Describe(path)} must be one of {allowed.GetRawText()}, got {value.GetRawText()}";

        if (value.ValueKind == JsonValueKind.Number)
        {
            var number = value.GetDouble();
            if (schema.TryGetProperty("minimum", out var min) && min.ValueKind == JsonValueKind.Number && number < min.GetDouble())
                return $"{Describe(path)} must be at least {min.GetRawText()}, got {value.GetRawText()}";
            if (schema.TryGetProperty("maximum", out var max) && max.ValueKind == JsonValueKind.Number && number > max.GetDouble())
                return $"{Describe(path)} must be at most {max.GetRawText()}, got {value.GetRawText()}";
        }

        if (value.ValueKind == JsonValueKind.Object)
            return CheckObject(schema, value, path);

        if (value.ValueKind == JsonValueKind.Array && schema.TryGetProperty("items", out var items))
        {
            var index = 0;
            foreach (var item in value.EnumerateArray())
            {
                if (Check(items, item, $"{path}[{index}]") is { } error)
                    return error;
                index++;
            }
        }

        return null;
    }

    private static string? CheckObject(JsonElement schema, JsonElement value, string path)
    {
        schema.TryGetProperty("properties", out var properties);
        var hasProperties = properties.ValueKind == JsonValueKind.Object;

        if (schema.TryGetProperty("required", out var required) && required.ValueKind == JsonValueKind.Array)
        {
            foreach (var name in required.EnumerateArray())
            {
                var key = name.GetString();
                if (key is not null && (!value.TryGetProperty(key, out var present) || present.ValueKind == JsonValueKind.Null))
                    return $"missing required argument '{Join(path, key)}'";
            }
        }

        var closed = schema.TryGetProperty("additionalProperties", out var additional) && additional.ValueKind == JsonValueKind.False;
        foreach (var property in value.EnumerateObject())
        {
            if (hasProperties && properties.TryGetProperty(property.Name, out var propertySchema))
            {
                // Optional arguments sent as null are treated as absent.
                if (property.Value.ValueKind == JsonValueKind.Null)
                    continue;
                if (Check(propertySchema, property.Value, Join(path, property.Name)) is { } error)
                    return error;
            }
            else if (closed)
            {
                var known = hasProperties ? string.Join(", ", properties.EnumerateObject().Select(p => p.Name)) : "none";
                return $"unknown argument '{Join(path, property.Name)}' (known: {known})";
            }
        }

        return null;
    }

    private static bool TypeMatches(JsonElement type, JsonElement value) => type.ValueKind switch
    {
        JsonValueKind.String => SingleTypeMatches(type.GetString()!, value),
        JsonValueKind.Array => type.EnumerateArray().Any(t => t.ValueKind == JsonValueKind.String && SingleTypeMatches(t.GetString()!, value)),
        _ => true,
    };

    private static bool SingleTypeMatches(string type, JsonElement value) => type switch
    {
        "object" => value.ValueKind == JsonValueKind.Object,
        "array" => value.ValueKind == JsonValueKind.Array,
        "string" => value.ValueKind == JsonValueKind.String,
        "boolean" => value.ValueKind is JsonValueKind.True or JsonValueKind.False,
        "null" => value.ValueKind == JsonValueKind.Null,
        "number" => value.ValueKind == JsonValueKind.Number,
        "integer" => value.ValueKind == JsonValueKind.Number && value.TryGetInt64(out _),
        _ => true,
    };

    private static string TypeText(JsonElement type) => type.ValueKind == JsonValueKind.Array
        ? string.Join(" or ", type.EnumerateArray().Select(t => Article(t.GetString() ?? "?")))
        : Article(type.GetString() ?? "?");

    private static string Article(string type) => type switch
    {
        "object" or "array" or "integer" => "an " + type,
        "null" => "null",
        _ => "a " + type,
    };

    private static string KindText(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.Object => "an object",
        JsonValueKind.Array => "an array",
        JsonValueKind.String => "a string",
        JsonValueKind.Number => value.TryGetInt64(out _) ? "an integer" : "a number",
        JsonValueKind.True or JsonValueKind.False => "a boolean",
        JsonValueKind.Null => "null",
        _ => "nothing",
    };

    private static string Describe(string path) => path.Length == 0 ? "the arguments" : $"argument '{path}'";

    private static string Join(string path, string name) => path.Length == 0 ? name : path + "." + name;
}
