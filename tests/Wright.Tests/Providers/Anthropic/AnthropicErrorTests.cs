using System.Net;
using System.Text;
using Microsoft.Extensions.AI;
using Wright.Core.Events;
using Wright.Core.Providers;
using static Wright.Tests.Providers.Anthropic.AnthropicTestHarness;

namespace Wright.Tests.Providers.Anthropic;

/// <summary>HTTP and transport failures become <see cref="ProviderException"/>s of the right kind.</summary>
public sealed class AnthropicErrorTests
{
    private static HttpResponseMessage Error(int status, string type, string message, Action<HttpResponseMessage>? headers = null)
    {
        var response = new HttpResponseMessage((HttpStatusCode)status)
        {
            Content = new StringContent($$$"""{"type":"error","error":{"type":"{{{type}}}","message":"{{{message}}}"}}""", Encoding.UTF8, "application/json"),
        };
        headers?.Invoke(response);
        return response;
    }

    [Fact]
    public async Task Rate_limit_429_carries_retry_after()
    {
        var (client, _) = Create(_ => Error(429, "rate_limit_error", "Number of request tokens has exceeded your per-minute rate limit",
            r => r.Headers.Add("retry-after", "7")));
        var ex = await Assert.ThrowsAsync<ProviderException>(() => CollectAsync(client));
        Assert.Equal(ErrorKind.RateLimited, ex.Kind);
        Assert.Equal(429, ex.StatusCode);
        Assert.Equal(TimeSpan.FromSeconds(7), ex.RetryAfter);
        Assert.Contains("per-minute rate limit", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Overloaded_529()
    {
        var (client, _) = Create(_ => Error(529, "overloaded_error", "Overloaded"));
        var ex = await Assert.ThrowsAsync<ProviderException>(() => CollectAsync(client));
        Assert.Equal(ErrorKind.Overloaded, ex.Kind);
        Assert.Equal(529, ex.StatusCode);
        Assert.True(ex.IsTransient);
    }

    [Fact]
    public async Task Unauthorized_401()
    {
        var (client, _) = Create(_ => Error(401, "authentication_error", "invalid x-api-key"));
        var ex = await Assert.ThrowsAsync<ProviderException>(() => CollectAsync(client));
        Assert.Equal(ErrorKind.Authentication, ex.Kind);
        Assert.Contains("invalid x-api-key", ex.Message, StringComparison.Ordinal);
        Assert.False(ex.IsTransient);
    }

    [Fact]
    public async Task Prompt_too_long_400_is_ContextOverflow()
    {
        var (client, _) = Create(_ => Error(400, "invalid_request_error", "prompt is too long: 215000 tokens > 200000 maximum"));
        var ex = await Assert.ThrowsAsync<ProviderException>(() => CollectAsync(client));
        Assert.Equal(ErrorKind.ContextOverflow, ex.Kind);
        Assert.Equal(400, ex.StatusCode);
    }

    [Fact]
    public async Task Other_400_is_BadRequest()
    {
        var (client, _) = Create(_ => Error(400, "invalid_request_error", "messages: roles must alternate"));
        var ex = await Assert.ThrowsAsync<ProviderException>(() => CollectAsync(client));
        Assert.Equal(ErrorKind.BadRequest, ex.Kind);
        Assert.Contains("roles must alternate", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Connection_failure_is_Network()
    {
        var (client, _) = Create(_ => throw new HttpRequestException(HttpRequestError.ConnectionError, "Connection refused"));
        var ex = await Assert.ThrowsAsync<ProviderException>(() => CollectAsync(client));
        Assert.Equal(ErrorKind.Network, ex.Kind);
        Assert.Contains("api.anthropic.com", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Http_timeout_is_Timeout_not_cancellation()
    {
        var (client, _) = Create(_ => throw new TaskCanceledException("The request was canceled due to the configured HttpClient.Timeout"));
        var ex = await Assert.ThrowsAsync<ProviderException>(() => CollectAsync(client));
        Assert.Equal(ErrorKind.Timeout, ex.Kind);
    }

    [Fact]
    public async Task Metadata_names_the_provider_and_model()
    {
        var (client, _) = Create(_ => Sse(""));
        var metadata = client.GetService<ChatClientMetadata>();
        Assert.Equal("anthropic", metadata?.ProviderName);
        Assert.Equal("claude-test", metadata?.DefaultModelId);
        Assert.Same(client, client.GetService<IChatClient>());
        await Task.CompletedTask;
    }
}
