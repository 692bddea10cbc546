using System.Text.Json;

namespace Wright.Tests.Providers.Anthropic;

/// <summary>Serves canned HTTP responses and records what the client sent.</summary>
internal sealed class FakeAnthropicHandler(Func<HttpRequestMessage, HttpResponseMessage> respond) : HttpMessageHandler
{
    public HttpRequestMessage? Request { get; private set; }
    public string Body { get; private set; } = "";

    /// <summary>Every request body, in order.</summary>
    public List<string> Bodies { get; } = [];

    public JsonElement Json => JsonDocument.Parse(Body).RootElement;

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        Request = request;
        Body = request.Content is null ? "" : await request.Content.ReadAsStringAsync(cancellationToken);
        Bodies.Add(Body);
        return respond(request);
    }
}
