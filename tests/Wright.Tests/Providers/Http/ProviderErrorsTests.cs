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
