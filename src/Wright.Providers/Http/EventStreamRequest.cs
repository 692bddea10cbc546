using System.Net.Http.Headers;

namespace Wright.Providers.Http;

/// <summary>The request of the OpenAI-style protocols (Responses and Chat Completions): a JSON body POSTed for an SSE stream.</summary>
internal static class EventStreamRequest
{
    /// <summary>POSTs <paramref name="body"/> (JSON), accepting <c>text/event-stream</c>, with the bearer key when there is one and the provider's extra headers.</summary>
    public static HttpRequestMessage Create(Uri endpoint, byte[] body, string? apiKey, IReadOnlyDictionary<string, string>? headers)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, endpoint) { Content = new ByteArrayContent(body) };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        request.Headers.Accept.ParseAdd("text/event-stream");
        if (!string.IsNullOrEmpty(apiKey))
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", apiKey);
        foreach (var (name, value) in headers ?? new Dictionary<string, string>())
            request.Headers.TryAddWithoutValidation(name, value);
        return request;
    }
}
