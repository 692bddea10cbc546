using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Wright.Acp.Text;

namespace Wright.Acp.Rpc;

/// <summary>Reads a request's parameters, answering a missing or mistyped one with an invalid-params error that names it.</summary>
internal static class Params
{
    public static JsonObject Object(JsonNode? node, string method) =>
        node as JsonObject ?? throw Bad(method, Strings.ParamsNotObject);

    public static string String(JsonObject p, string name, string method) =>
        OptionalString(p, name, method) ?? throw Bad(method, Format(Strings.ParamMissing, name));

    public static string? OptionalString(JsonObject p, string name, string method)
    {
        if (!p.TryGetPropertyValue(name, out var value) || value is null)
            return null;
        return value is JsonValue v && v.GetValueKind() == JsonValueKind.String
            ? v.GetValue<string>()
            : throw Bad(method, Format(Strings.ParamNotString, name));
    }

    public static JsonArray Array(JsonObject p, string name, string method, bool required)
    {
        if (!p.TryGetPropertyValue(name, out var value) || value is null)
            return required ? throw Bad(method, Format(Strings.ParamMissing, name)) : [];
        return value as JsonArray ?? throw Bad(method, Format(Strings.ParamNotArray, name));
    }

    public static bool Flag(JsonNode? node, params string[] path)
    {
        foreach (var name in path)
            node = node is JsonObject o && o.TryGetPropertyValue(name, out var next) ? next : null;
        return node is JsonValue v && v.GetValueKind() == JsonValueKind.True;
    }

    public static JsonRpcException Bad(string method, string what) =>
        new(JsonRpcException.InvalidParams, method + ": " + what);

    public static string Format(string format, params object?[] args) => string.Format(CultureInfo.InvariantCulture, format, args);
}
