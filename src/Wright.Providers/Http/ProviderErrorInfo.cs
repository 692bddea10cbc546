using System.Globalization;
using System.Text.Json;

namespace Wright.Providers.Http;

/// <summary>
/// What a provider said about an error, read from an HTTP error body or a mid-stream error event of any protocol
/// Wright speaks: OpenAI (<c>{"error":{"type","code","message"}}</c>, Responses <c>error</c> and
/// <c>response.failed</c> events), Anthropic (<c>{"type":"error","error":{"type","message"}}</c>), Groq
/// (<c>status_code</c>, <c>failed_generation</c>), OpenRouter (numeric <c>code</c>, <c>metadata.error_type</c>) and
/// Google (<c>status</c> such as <c>RESOURCE_EXHAUSTED</c>, a <c>RetryInfo</c> delay, bodies wrapped in an array).
/// </summary>
internal sealed record ProviderErrorInfo(string? Type, string? Code, int? Status, string Message, TimeSpan? RetryDelay)
{
    /// <summary>Reads an error body or event; null when <paramref name="json"/> is not JSON or carries no error.</summary>
    public static ProviderErrorInfo? Parse(string json)
    {
        if (string.IsNullOrWhiteSpace(json))
            return null;
        try
        {
            using var doc = JsonDocument.Parse(json);
            return From(doc.RootElement);
        }
        catch (JsonException)
        {
            return null;
        }
    }

    /// <summary>Reads an error from a parsed body or event; null when it carries no error.</summary>
    public static ProviderErrorInfo? From(JsonElement root)
    {
        if (root.ValueKind == JsonValueKind.Array && root.GetArrayLength() > 0)
            root = root[0];
        if (root.ValueKind != JsonValueKind.Object)
            return null;

        var type = Str(root, "type");
        JsonElement error;
        if (type == "response.failed" && root.TryGetProperty("response", out var failed) && failed.ValueKind == JsonValueKind.Object
            && failed.TryGetProperty("error", out error) && error.ValueKind == JsonValueKind.Object)
            return FromErrorObject(error, null);
        if (root.TryGetProperty("error", out error))
        {
            if (error.ValueKind == JsonValueKind.Object)
                return FromErrorObject(error, type == "error" ? null : type);
            if (error.ValueKind == JsonValueKind.String)
                return new ProviderErrorInfo(null, null, null, error.GetString()!, null);
        }

        // The Responses API's documented `error` event: {"type":"error","code":…,"message":…}.
        if (type == "error")
            return FromErrorObject(root, null);
        return null;
    }

    private static ProviderErrorInfo FromErrorObject(JsonElement error, string? outerType)
    {
        var type = Str(error, "type");
        if (type == "error")
            type = null;
        string? code = null;
        int? status = null;
        if (error.TryGetProperty("code", out var c))
        {
            if (c.ValueKind == JsonValueKind.String)
                code = c.GetString();
            else if (c.ValueKind == JsonValueKind.Number && c.TryGetInt32(out var n))
                status = n; // OpenRouter and Google put the HTTP status in `code`.
        }

        // Groq's mid-stream errors carry status_code; Google's carry a status name.
        if (error.TryGetProperty("status_code", out var sc) && sc.ValueKind == JsonValueKind.Number && sc.TryGetInt32(out var statusCode))
            status = statusCode;
        type ??= Str(error, "status") ?? outerType;
        if (code is null && error.TryGetProperty("metadata", out var metadata) && Str(metadata, "error_type") is { } metadataType)
            code = metadataType;

        var message = Str(error, "message") ?? "";
        if (Str(error, "failed_generation") is { Length: > 0 } generation)
            message = $"{message} (failed_generation: {generation})";
        return new ProviderErrorInfo(type, code, status, message, RetryInfo(error));
    }

    /// <summary>Google's <c>details[].retryDelay</c> ("34.4s").</summary>
    private static TimeSpan? RetryInfo(JsonElement error)
    {
        if (!error.TryGetProperty("details", out var details) || details.ValueKind != JsonValueKind.Array)
            return null;
        foreach (var detail in details.EnumerateArray())
        {
            if (Str(detail, "retryDelay") is { Length: > 1 } delay && delay.EndsWith('s')
                && double.TryParse(delay[..^1], NumberStyles.Float, CultureInfo.InvariantCulture, out var seconds) && seconds >= 0)
                return TimeSpan.FromSeconds(seconds);
        }

        return null;
    }

    private static string? Str(JsonElement e, string name) =>
        e.ValueKind == JsonValueKind.Object && e.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString() : null;
}
