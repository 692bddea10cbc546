using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using Wright.Core.Events;
using Wright.Core.Providers;

namespace Wright.Providers.Http;

/// <summary>Turns HTTP failures of any provider into one-line <see cref="ProviderException"/>s.</summary>
public static class ProviderErrors
{
    private static readonly string[] ContextOverflowMarkers =
    [
        "context_length_exceeded", "maximum context length", "context window", "prompt is too long",
        "too many tokens", "input is too long", "exceeds the context", "context length",
    ];

    /// <summary>Reads an unsuccessful response and maps it.</summary>
    public static async Task<ProviderException> FromResponseAsync(HttpResponseMessage response, string provider, CancellationToken cancellationToken)
    {
        string body;
        try
        {
            body = await response.Content.ReadAsStringAsync(cancellationToken);
        }
        catch (Exception ex) when (ex is HttpRequestException or IOException)
        {
            body = "";
        }

        return FromStatus((int)response.StatusCode, body, provider, RetryAfter(response.Headers));
    }

    /// <summary>Maps a status code and error body.</summary>
    public static ProviderException FromStatus(int status, string body, string provider, TimeSpan? retryAfter = null)
    {
        var detail = ErrorMessage(body);
        var suffix = string.IsNullOrWhiteSpace(detail) ? "" : $": {detail}";
        var lower = (detail + " " + body).ToLowerInvariant();
        return status switch
        {
            401 or 403 => new ProviderException(ErrorKind.Authentication,
                $"{provider} rejected the API key ({status}){suffix}. Check the key variable for {provider}.", status),
            404 => new ProviderException(ErrorKind.NotFound,
                $"{provider} does not know this model or endpoint (404){suffix}. Check the model name and base URL.", status),
            429 when lower.Contains("insufficient_quota", StringComparison.Ordinal) => new ProviderException(ErrorKind.RateLimited,
                $"{provider} quota exhausted (429){suffix}", status),
            429 => new ProviderException(ErrorKind.RateLimited, $"{provider} rate limit (429){suffix}", status, retryAfter),
            529 => new ProviderException(ErrorKind.Overloaded, $"{provider} is overloaded (529){suffix}", status, retryAfter),
            503 when lower.Contains("overload", StringComparison.Ordinal) => new ProviderException(ErrorKind.Overloaded,
                $"{provider} is overloaded (503){suffix}", status, retryAfter),
            >= 500 => new ProviderException(ErrorKind.ServerError, $"{provider} server error ({status}){suffix}", status, retryAfter),
            400 or 413 or 422 when ContextOverflowMarkers.Any(m => lower.Contains(m, StringComparison.Ordinal)) =>
                new ProviderException(ErrorKind.ContextOverflow,
                    $"the conversation no longer fits the model's context window ({status}){suffix}. Start a new session or use a model with a larger window.", status),
            408 => new ProviderException(ErrorKind.Timeout, $"{provider} timed out (408){suffix}", status, retryAfter),
            _ => new ProviderException(ErrorKind.BadRequest, $"{provider} refused the request ({status}){suffix}", status),
        };
    }

    /// <summary>Extracts <c>error.message</c> (OpenAI, Anthropic and most compatible APIs) or <c>message</c>.</summary>
    public static string ErrorMessage(string body)
    {
        if (string.IsNullOrWhiteSpace(body))
            return "";
        try
        {
            using var doc = JsonDocument.Parse(body);
            var root = doc.RootElement;
            if (root.ValueKind == JsonValueKind.Array && root.GetArrayLength() > 0)
                root = root[0];
            if (root.ValueKind != JsonValueKind.Object)
                return Trim(body);
            if (root.TryGetProperty("error", out var error))
            {
                if (error.ValueKind == JsonValueKind.String)
                    return Trim(error.GetString()!);
                if (error.ValueKind == JsonValueKind.Object && error.TryGetProperty("message", out var m) && m.ValueKind == JsonValueKind.String)
                    return Trim(m.GetString()!);
            }

            if (root.TryGetProperty("message", out var message) && message.ValueKind == JsonValueKind.String)
                return Trim(message.GetString()!);
            return Trim(body);
        }
        catch (JsonException)
        {
            return Trim(body);
        }
    }

    /// <summary>Reads <c>retry-after-ms</c>, then <c>Retry-After</c> (seconds or an HTTP date).</summary>
    public static TimeSpan? RetryAfter(HttpResponseHeaders headers)
    {
        if (headers.TryGetValues("retry-after-ms", out var ms)
            && double.TryParse(ms.FirstOrDefault(), NumberStyles.Float, CultureInfo.InvariantCulture, out var millis) && millis >= 0)
            return TimeSpan.FromMilliseconds(millis);
        if (headers.RetryAfter is { } retry)
        {
            if (retry.Delta is { } delta)
                return delta;
            if (retry.Date is { } date)
            {
                var wait = date - DateTimeOffset.UtcNow;
                return wait > TimeSpan.Zero ? wait : TimeSpan.Zero;
            }
        }

        return null;
    }

    /// <summary>Maps a transport failure (no HTTP status).</summary>
    public static ProviderException FromTransport(Exception ex, string provider, Uri? endpoint) => ex switch
    {
        HttpRequestException { HttpRequestError: HttpRequestError.NameResolutionError } =>
            new ProviderException(ErrorKind.Network, $"cannot resolve {endpoint?.Host ?? provider}: {ex.Message}", inner: ex),
        HttpRequestException { HttpRequestError: HttpRequestError.ResponseEnded or HttpRequestError.InvalidResponse } =>
            new ProviderException(ErrorKind.StreamInterrupted, $"the connection to {provider} was cut: {ex.Message}", inner: ex),
        HttpRequestException { HttpRequestError: HttpRequestError.ConnectionError or HttpRequestError.SecureConnectionError or HttpRequestError.ProxyTunnelError } =>
            new ProviderException(ErrorKind.Network, $"cannot reach {provider} at {endpoint}: {ex.Message}", inner: ex),
        HttpRequestException { StatusCode: null, InnerException: IOException } =>
            new ProviderException(ErrorKind.StreamInterrupted, $"the connection to {provider} was cut: {ex.Message}", inner: ex),
        HttpRequestException { StatusCode: null } =>
            new ProviderException(ErrorKind.Network, $"cannot reach {provider} at {endpoint}: {ex.Message}", inner: ex),
        HttpRequestException { StatusCode: HttpStatusCode code } => FromStatus((int)code, ex.Message, provider),
        IOException => new ProviderException(ErrorKind.StreamInterrupted, $"the connection to {provider} was cut: {ex.Message}", inner: ex),
        TimeoutException or TaskCanceledException => new ProviderException(ErrorKind.Timeout, $"{provider} did not answer in time", inner: ex),
        _ => new ProviderException(ErrorKind.Unknown, $"{provider}: {ex.Message}", inner: ex),
    };

    private static string Trim(string text)
    {
        text = text.ReplaceLineEndings(" ").Trim();
        return text.Length > 300 ? text[..300] + "…" : text;
    }
}
