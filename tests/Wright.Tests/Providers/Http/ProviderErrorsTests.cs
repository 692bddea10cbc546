using System.Net;
using System.Net.Http.Headers;
using Wright.Core.Events;
using Wright.Providers.Http;

namespace Wright.Tests.Providers.Http;

public sealed class ProviderErrorsTests
{
    [Theory]
    [InlineData(401, """{"type":"error","error":{"type":"authentication_error","message":"invalid x-api-key"}}""", ErrorKind.Authentication, "invalid x-api-key")]
    [InlineData(404, """{"error":{"message":"The model `gpt-9` does not exist","type":"invalid_request_error","code":"model_not_found"}}""", ErrorKind.NotFound, "gpt-9")]
    [InlineData(429, """{"error":{"message":"Rate limit reached"}}""", ErrorKind.RateLimited, "Rate limit reached")]
    [InlineData(529, """{"type":"error","error":{"type":"overloaded_error","message":"Overloaded"}}""", ErrorKind.Overloaded, "Overloaded")]
    [InlineData(500, "upstream exploded", ErrorKind.ServerError, "upstream exploded")]
    [InlineData(400, """{"error":{"message":"This model's maximum context length is 128000 tokens","code":"context_length_exceeded"}}""", ErrorKind.ContextOverflow, "context window")]
    [InlineData(400, """{"type":"error","error":{"type":"invalid_request_error","message":"prompt is too long: 210000 tokens > 200000 maximum"}}""", ErrorKind.ContextOverflow, "prompt is too long")]
    [InlineData(400, """{"error":{"message":"Invalid value for tools"}}""", ErrorKind.BadRequest, "Invalid value for tools")]
    public void Maps_status_and_body_to_one_clear_line(int status, string body, ErrorKind kind, string expected)
    {
        var ex = ProviderErrors.FromStatus(status, body, "acme");

        Assert.Equal(kind, ex.Kind);
        Assert.Contains(expected, ex.Message);
        Assert.StartsWith(kind == ErrorKind.ContextOverflow ? "the conversation" : "acme", ex.Message);
        Assert.DoesNotContain('\n', ex.Message);
    }

    [Theory]
    // The Responses API's documented error event (top-level code and message).
    [InlineData("""{"type":"error","code":"rate_limit_exceeded","message":"Slow down","param":null,"sequence_number":4}""", ErrorKind.RateLimited, "acme rate limit (rate_limit_exceeded, mid-stream): Slow down")]
    // response.failed without a preceding error event.
    [InlineData("""{"type":"response.failed","response":{"id":"r","status":"failed","error":{"code":"server_error","message":"The model failed to generate a response."}}}""",
        ErrorKind.ServerError, "acme server error (server_error, mid-stream): The model failed to generate a response.")]
    [InlineData("""{"type":"error","error":{"type":"billing_error","message":"Your credit balance is too low"}}""", ErrorKind.Quota, "acme quota or credit exhausted (billing_error, mid-stream): Your credit balance is too low")]
    [InlineData("""{"error":{"code":429,"message":"Rate limit exceeded: free-models-per-min"}}""", ErrorKind.RateLimited, "acme rate limit (429, mid-stream): Rate limit exceeded: free-models-per-min")]
    [InlineData("""{"error":{"message":"This model's maximum context length is 8192 tokens","type":"invalid_request_error"}}""", ErrorKind.ContextOverflow, "the conversation no longer fits")]
    [InlineData("""{"error":"upstream went away"}""", ErrorKind.ServerError, "acme reported an error (mid-stream): upstream went away")]
    public void Mid_stream_error_events_of_every_shape_are_classified(string json, ErrorKind kind, string expected)
    {
        var ex = ProviderErrors.FromStreamEvent(json, "acme");

        Assert.NotNull(ex);
        Assert.Equal(kind, ex.Kind);
        Assert.StartsWith(expected, ex.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("""{"id":"c","object":"chat.completion.chunk","choices":[{"index":0,"delta":{"content":"hi"}}],"error":null}""")]
    [InlineData("""{"type":"response.created","response":{"id":"r","status":"in_progress","error":null}}""")]
    [InlineData("""{"type":"message_delta","delta":{"stop_reason":"end_turn"}}""")]
    [InlineData("not json")]
    public void Ordinary_events_are_not_errors(string json) => Assert.Null(ProviderErrors.FromStreamEvent(json, "acme"));

    [Fact]
    public async Task Reads_retry_after_seconds_and_milliseconds()
    {
        using var seconds = new HttpResponseMessage((HttpStatusCode)429) { Content = new StringContent("{}") };
        seconds.Headers.RetryAfter = new RetryConditionHeaderValue(TimeSpan.FromSeconds(7));
        using var millis = new HttpResponseMessage((HttpStatusCode)429) { Content = new StringContent("{}") };
        millis.Headers.TryAddWithoutValidation("retry-after-ms", "1500");

        Assert.Equal(TimeSpan.FromSeconds(7), (await ProviderErrors.FromResponseAsync(seconds, "p", default)).RetryAfter);
        Assert.Equal(TimeSpan.FromMilliseconds(1500), (await ProviderErrors.FromResponseAsync(millis, "p", default)).RetryAfter);
    }

    [Fact]
    public void Transport_failures_are_network_or_stream_errors()
    {
        var refused = ProviderErrors.FromTransport(new HttpRequestException(HttpRequestError.ConnectionError, "Connection refused"), "ollama", new Uri("http://127.0.0.1:11434/v1"));
        var cut = ProviderErrors.FromTransport(new IOException("The response ended prematurely."), "deepseek", null);

        Assert.Equal(ErrorKind.Network, refused.Kind);
        Assert.Contains("cannot reach ollama at http://127.0.0.1:11434/v1", refused.Message);
        Assert.True(refused.IsTransient);
        Assert.Equal(ErrorKind.StreamInterrupted, cut.Kind);
        Assert.True(cut.IsTransient);
    }

    [Fact]
    public void Long_bodies_are_trimmed()
    {
        var ex = ProviderErrors.FromStatus(500, new string('x', 5000), "p");
        Assert.True(ex.Message.Length < 400);
    }
}
