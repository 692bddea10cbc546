using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using Wright.Core.Events;
using Wright.Core.Providers;

namespace Wright.Providers.Http;

/// <summary>
/// Turns failures of any provider — HTTP error responses, mid-stream error events, transport errors — into one-line
/// <see cref="ProviderException"/>s whose kind decides whether a retry may help.
/// </summary>
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

    /// <summary>Maps a status code and error body (an HTTP error response).</summary>
    public static ProviderException FromStatus(int status, string body, string provider, TimeSpan? retryAfter = null)
    {
        var info = ProviderErrorInfo.Parse(body);
        var message = info is null ? Trim(body) : Trim(info.Message.Length > 0 ? info.Message : body);
        return Classify(status, info?.Type, info?.Code, message, provider, retryAfter ?? info?.RetryDelay, midStream: false);
    }

    /// <summary>
    /// Maps an error event that arrived inside a 200 response stream (OpenAI Chat and compatible <c>data: {"error":…}</c>,
    /// Responses <c>error</c>/<c>response.failed</c>, Anthropic <c>event: error</c>); null when <paramref name="json"/> is
    /// no error. Classified by the provider's error type and code exactly as an HTTP error would be, not by where in
    /// the stream it came.
    /// </summary>
    public static ProviderException? FromStreamEvent(string json, string provider)
    {
        if (ProviderErrorInfo.Parse(json) is not { } info)
            return null;
        return Classify(info.Status, info.Type, info.Code, Trim(info.Message.Length > 0 ? info.Message : json), provider, info.RetryDelay, midStream: true);
    }

    /// <summary>One classification for every protocol: the provider's error type and code first, then the status.</summary>
    internal static ProviderException Classify(int? status, string? type, string? code, string message, string provider, TimeSpan? retryAfter, bool midStream)
    {
        bool Is(params string[] names) => names.Any(n => string.Equals(n, type, StringComparison.OrdinalIgnoreCase) || string.Equals(n, code, StringComparison.OrdinalIgnoreCase));
        var lower = message.ToLowerInvariant();
        var suffix = message.Length == 0 ? "" : $": {message}";
        // Advice follows the provider's words as a new sentence, without doubling their final stop.
        var then = message.Length > 0 && message[^1] is '.' or '!' or '?' or '…' ? " " : ". ";
        var where = string.Join(", ", new[] { status?.ToString(CultureInfo.InvariantCulture), status is null ? code ?? type : null, midStream ? "mid-stream" : null }.Where(p => p is not null));
        var tag = where.Length == 0 ? "" : $" ({where})";

        if (Is("insufficient_quota", "billing_error", "insufficient_balance", "insufficient_credits", "payment_required", "billing_hard_limit_reached", "billing_not_active")
            || status == 402)
            return new ProviderException(ErrorKind.Quota, $"{provider} quota or credit exhausted{tag}{suffix}{then}Check the plan and billing of this key; retrying will not help.", status);
        if (Is("authentication_error", "invalid_api_key", "UNAUTHENTICATED") || status == 401)
            return new ProviderException(ErrorKind.Authentication, $"{provider} rejected the API key{tag}{suffix}{then}Check the key variable for {provider}.", status);
        if (Is("permission_error", "permission_denied", "PERMISSION_DENIED") || status == 403)
            return new ProviderException(ErrorKind.Permission, $"{provider} denied access{tag}{suffix}{then}Check that this key may use this model.", status);
        if (Is("not_found_error", "model_not_found", "NOT_FOUND") || status == 404)
            return new ProviderException(ErrorKind.NotFound, $"{provider} does not know this model or endpoint{tag}{suffix}{then}Check the model name and base URL.", status);
        if (Is("context_length_exceeded", "request_too_large", "string_above_max_length") || status == 413
            || ((Is("invalid_request_error", "INVALID_ARGUMENT") || status is 400 or 422) && ContextOverflowMarkers.Any(m => lower.Contains(m, StringComparison.Ordinal))))
            return new ProviderException(ErrorKind.ContextOverflow,
                $"the conversation no longer fits the model's context window{tag}{suffix}{then}Start a new session or use a model with a larger window.", status);
        if (Is("rate_limit_error", "rate_limit_exceeded", "RESOURCE_EXHAUSTED") || status == 429)
            return new ProviderException(ErrorKind.RateLimited, $"{provider} rate limit{tag}{suffix}", status, retryAfter);
        if (Is("overloaded_error", "overloaded", "UNAVAILABLE") || status == 529 || (status == 503 && lower.Contains("overload", StringComparison.Ordinal)))
            return new ProviderException(ErrorKind.Overloaded, $"{provider} is overloaded{tag}{suffix}", status, retryAfter);
        if (Is("timeout_error", "DEADLINE_EXCEEDED") || status == 408)
            return new ProviderException(ErrorKind.Timeout, $"{provider} timed out{tag}{suffix}", status, retryAfter);
        if (Is("invalid_request_error", "INVALID_ARGUMENT", "FAILED_PRECONDITION", "tool_use_failed", "unsupported_parameter", "unsupported_value", "invalid_prompt")
            || status is >= 400 and < 500)
            return new ProviderException(ErrorKind.BadRequest, $"{provider} refused the request{tag}{suffix}", status);
        if (Is("api_error", "server_error", "internal_error", "INTERNAL") || status >= 500)
            return new ProviderException(ErrorKind.ServerError, $"{provider} server error{tag}{suffix}", status, retryAfter);

        // An error event of a shape no known provider uses: read the words, else treat it as the server's fault.
        var kind = lower.Contains("overload", StringComparison.Ordinal) ? ErrorKind.Overloaded
            : lower.Contains("rate limit", StringComparison.Ordinal) ? ErrorKind.RateLimited
            : ContextOverflowMarkers.Any(m => lower.Contains(m, StringComparison.Ordinal)) ? ErrorKind.ContextOverflow
            : ErrorKind.ServerError;
        return new ProviderException(kind, $"{provider} reported an error{tag}{suffix}", status, retryAfter);
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
