using System.Net;
using System.Text;
using Wright.Core.Events;
using Wright.Core.Providers;
using Wright.Tests.Support;
using static Wright.Tests.Providers.Streams.StreamReplay;

namespace Wright.Tests.Providers.Streams;

/// <summary>
/// Recorded provider errors, mid-stream and as HTTP bodies, on every protocol Wright speaks: classified by the
/// provider's error type and code, retried only when sending again may help, and reported in the provider's words.
/// </summary>
public sealed class StreamErrorTests
{
    [Theory]
    // OpenAI Responses through the OpenAI SDK: an `error` event (insufficient_quota) then `response.failed`.
    [InlineData("openai", "openai-responses/insufficient-quota.sse", ErrorKind.Quota, 1,
        "openai quota or credit exhausted (insufficient_quota, mid-stream): You exceeded your current quota, please check your plan and billing details.")]
    // Chat Completions through the OpenAI SDK: `data: {"error":…}` after three text chunks.
    [InlineData("openai-chat", "openai-chat/server-error-midstream.sse", ErrorKind.ServerError, 3,
        "openai-chat server error (server_error, mid-stream): The server had an error while processing your request. Sorry about that!")]
    // Groq: `event: error` with a 400-class tool_use_failed; never retried as a server error.
    [InlineData("groq", "groq/tool-use-failed.sse", ErrorKind.BadRequest, 1,
        "groq refused the request (400, mid-stream): Failed to call a function. Please adjust your prompt. See 'failed_generation' for more details. (failed_generation: Tool use failed: JSON does not match the expected schema for tool calls)")]
    // OpenRouter: an error object beside finish_reason "error" in a chunk of a 200 stream.
    [InlineData("openrouter", "openrouter/midstream-error.sse", ErrorKind.ServerError, 3,
        "openrouter server error (server_error, mid-stream): Provider disconnected unexpectedly")]
    // Anthropic Messages: `event: error` overloaded_error mid-stream is transient.
    [InlineData("anthropic", "anthropic/overloaded-midstream.sse", ErrorKind.Overloaded, 3,
        "anthropic is overloaded (overloaded_error, mid-stream): Overloaded")]
    [InlineData("anthropic", "anthropic/api-error-midstream.sse", ErrorKind.ServerError, 3,
        "anthropic server error (api_error, mid-stream): Internal server error")]
    public async Task Mid_stream_error_events_are_classified_by_type_and_code(string provider, string fixture, ErrorKind kind, int requests, string message)
    {
        var handler = Sse(fixture);
        var (_, error) = await StreamAsync(Client(provider, handler));

        Assert.NotNull(error);
        Assert.Equal(kind, error.Kind);
        Assert.StartsWith(message, error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain('\n', error.Message);
        Assert.Equal(requests, handler.Requests.Count);
    }

    [Theory]
    [InlineData("openai", 429, "openai-responses/insufficient-quota-429.json", ErrorKind.Quota, 1, "openai quota or credit exhausted (429): You exceeded your current quota")]
    [InlineData("openai", 401, "openai-responses/invalid-api-key-401.json", ErrorKind.Authentication, 1, "openai rejected the API key (401): Incorrect API key provided")]
    [InlineData("openai-chat", 400, "openai-chat/context-length-exceeded-400.json", ErrorKind.ContextOverflow, 1, "(400): This model's maximum context length is 128000 tokens")]
    [InlineData("openai-chat", 400, "openai-chat/unsupported-parameter-400.json", ErrorKind.BadRequest, 1, "openai-chat refused the request (400): Unsupported parameter: 'max_tokens'")]
    [InlineData("anthropic", 400, "anthropic/prompt-too-long-400.json", ErrorKind.ContextOverflow, 1, "(400): prompt is too long: 210000 tokens > 200000 maximum")]
    [InlineData("deepseek", 402, "deepseek/insufficient-balance-402.json", ErrorKind.Quota, 1, "deepseek quota or credit exhausted (402): Insufficient Balance")]
    [InlineData("openrouter", 402, "openrouter/insufficient-credits-402.json", ErrorKind.Quota, 1, "openrouter quota or credit exhausted (402): Insufficient credits")]
    [InlineData("openai", 500, "openai-chat/server-error-500.json", ErrorKind.ServerError, 3, "openai server error (500): The server had an error while processing your request.")]
    [InlineData("anthropic", 529, "anthropic/overloaded-529.json", ErrorKind.Overloaded, 3, "anthropic is overloaded (529): Overloaded")]
    [InlineData("anthropic", 403, "anthropic/permission-403.json", ErrorKind.Permission, 1, "anthropic denied access (403): Your API key does not have permission to use the specified resource.")]
    public async Task Http_error_bodies_are_classified_and_only_transient_ones_retried(string provider, int status, string fixture, ErrorKind kind,
        int requests, string message)
    {
        var handler = Status(status, fixture);
        var (_, error) = await StreamAsync(Client(provider, handler));

        Assert.NotNull(error);
        Assert.Equal(kind, error.Kind);
        Assert.Contains(message, error.Message, StringComparison.Ordinal);
        Assert.Equal(requests, handler.Requests.Count);
        Assert.Equal(requests > 1, error.IsTransient);
    }

    [Theory]
    [InlineData("openai")]
    [InlineData("openai-chat")]
    [InlineData("deepseek")]
    [InlineData("anthropic")]
    public async Task A_rate_limit_honours_retry_after_and_then_succeeds(string provider)
    {
        var fixture = provider == "anthropic" ? "anthropic/refusal.sse" : provider == "openai" ? "openai-responses/refusal.sse" : "openai-chat/refusal.sse";
        var handler = new ReplayHandler(i =>
        {
            if (i > 0)
                return new HttpResponseMessage(HttpStatusCode.OK) { Content = new StringContent(ReplayHandler.Fixture("Streams/" + fixture), Encoding.UTF8, "text/event-stream") };
            var limited = new HttpResponseMessage((HttpStatusCode)429)
            {
                Content = new StringContent(ReplayHandler.Fixture("Streams/openai-responses/rate-limit-429.json"), Encoding.UTF8, "application/json"),
            };
            limited.Headers.TryAddWithoutValidation("retry-after-ms", "30");
            return limited;
        });
        var (updates, error) = await StreamAsync(Client(provider, handler));

        Assert.Null(error);
        var notice = Assert.IsType<RetryNoticeContent>(updates[0].Contents.Single());
        Assert.Equal(TimeSpan.FromMilliseconds(30), notice.Delay);
        Assert.Contains("Rate limit reached for gpt-4o in organization org-wright on requests per min (RPM)", notice.Reason, StringComparison.Ordinal);
        Assert.Equal(2, handler.Requests.Count);
    }

    [Fact]
    public async Task A_google_quota_429_carries_its_retry_delay_and_is_not_waited_for_beyond_the_cap()
    {
        var handler = Status(429, "gemini/resource-exhausted-429.json");
        var (_, error) = await StreamAsync(Client("gemini", handler));

        Assert.NotNull(error);
        Assert.Equal(ErrorKind.RateLimited, error.Kind);
        Assert.Equal(TimeSpan.FromSeconds(34.4), error.RetryAfter);
        Assert.Contains("gemini rate limit (429): You exceeded your current quota, please check your plan.", error.Message, StringComparison.Ordinal);
        Assert.Single(handler.Requests);
    }

    [Fact]
    public async Task An_error_event_split_across_many_reads_is_still_found()
    {
        var bytes = Encoding.UTF8.GetBytes(ReplayHandler.Fixture("Streams/openai-responses/insufficient-quota.sse").ReplaceLineEndings("\r\n"));
        var handler = new ReplayHandler(_ => new HttpResponseMessage(HttpStatusCode.OK)
        {
            Content = new StreamContent(new TrickleStream(bytes)) { Headers = { { "Content-Type", "text/event-stream" } } },
        });
        var (_, error) = await StreamAsync(Client("openai", handler));

        Assert.NotNull(error);
        Assert.Equal(ErrorKind.Quota, error.Kind);
        Assert.Single(handler.Requests);
    }

    [Fact]
    public async Task The_run_reports_the_providers_words_once_and_ends_in_error()
    {
        var handler = Sse("openai-responses/insufficient-quota.sse");
        var events = await RunAsync(Client("openai", handler));

        var error = Assert.Single(events.OfType<ErrorOccurred>());
        Assert.Equal(ErrorKind.Quota, error.Kind);
        Assert.Contains("You exceeded your current quota", error.Message, StringComparison.Ordinal);
        Assert.Empty(events.OfType<RetryScheduled>());
        Assert.Equal(RunStatus.Error, Assert.IsType<RunFinished>(events[^1]).Status);
    }

    /// <summary>Returns a few bytes per read, as a slow network would.</summary>
    private sealed class TrickleStream(byte[] data) : MemoryStream(data)
    {
        public override int Read(byte[] buffer, int offset, int count) => base.Read(buffer, offset, Math.Min(count, 3));

        public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) =>
            base.ReadAsync(buffer[..Math.Min(buffer.Length, 3)], cancellationToken);

        public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
            base.ReadAsync(buffer, offset, Math.Min(count, 3), cancellationToken);
    }
}
