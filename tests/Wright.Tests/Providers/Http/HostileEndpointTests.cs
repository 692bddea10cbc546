using System.Net;
using System.Text;
using Microsoft.Extensions.AI;
using Wright.Core.Providers;
using Wright.Providers.Anthropic;
using Wright.Providers.OpenAICompatible;
using Wright.Providers.OpenAIResponses;

namespace Wright.Tests.Providers.Http;

/// <summary>
/// A hostile or broken endpoint that never stops sending — one endless SSE line, or valid events growing one tool
/// call's arguments forever — gets a clear error once the response passes its ceiling, instead of taking all the
/// memory there is; an endless stream of keep-alive comments ends promptly when the run is cancelled.
/// </summary>
public sealed class HostileEndpointTests
{
    private const long Limit = 1024 * 1024;

    /// <summary>A handler whose response body is endless: <paramref name="head"/>, then <paramref name="repeat"/> forever.</summary>
    private sealed class EndlessHandler(string head, string repeat) : HttpMessageHandler
    {
        public long Sent => _body?.Sent ?? 0;

        private EndlessStream? _body;

        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            _body = new EndlessStream(Encoding.UTF8.GetBytes(head), Encoding.UTF8.GetBytes(repeat));
            var response = new HttpResponseMessage(HttpStatusCode.OK) { Content = new StreamContent(_body) };
            response.Content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("text/event-stream");
            return Task.FromResult(response);
        }
    }

    private sealed class EndlessStream(byte[] head, byte[] repeat) : Stream
    {
        public long Sent { get; private set; }

        public override bool CanRead => true;

        public override bool CanSeek => false;

        public override bool CanWrite => false;

        public override long Length => throw new NotSupportedException();

        public override long Position { get => Sent; set => throw new NotSupportedException(); }

        public override int Read(byte[] buffer, int offset, int count)
        {
            var n = 0;
            while (n < count)
            {
                var source = Sent < head.Length ? head : repeat;
                var at = Sent < head.Length ? Sent : (Sent - head.Length) % repeat.Length;
                buffer[offset + n] = source[at];
                n++;
                Sent++;
            }

            return n;
        }

        public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken)
        {
            cancellationToken.ThrowIfCancellationRequested();
            return Task.FromResult(Read(buffer, offset, count));
        }

        public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
        {
            // A trickle, so that cancellation has a moment to land between reads, as on a real socket.
            await Task.Yield();
            cancellationToken.ThrowIfCancellationRequested();
            var array = new byte[buffer.Length];
            var n = Read(array, 0, array.Length);
            array.AsSpan(0, n).CopyTo(buffer.Span);
            return n;
        }

        public override void Flush()
        {
        }

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }

    public static TheoryData<string, string, string> Endless => new()
    {
        { "chat", "data: {\"choices\":[{\"delta\":{\"content\":\"", "aaaaaaaaaaaaaaaa" },
        { "chat", "data: {\"choices\":[{\"index\":0,\"delta\":{\"tool_calls\":[{\"index\":0,\"id\":\"c1\",\"function\":{\"name\":\"shell\",\"arguments\":\"\"}}]}}]}\n\n",
            "data: {\"choices\":[{\"index\":0,\"delta\":{\"tool_calls\":[{\"index\":0,\"function\":{\"arguments\":\"xxxxxxxxxxxxxxxx\"}}]}}]}\n\n" },
        { "responses", "event: response.output_text.delta\ndata: {\"delta\":\"", "bbbbbbbbbbbbbbbb" },
        { "anthropic", "event: message_start\ndata: {\"type\":\"message_start\",\"message\":{\"id\":\"m\",\"model\":\"x\",\"usage\":{\"input_tokens\":1,\"output_tokens\":1}}}\n\nevent: content_block_delta\ndata: ", "{{{{{{{{{{{{{{{{" },
    };

    private static IChatClient Client(string api, HttpMessageHandler handler, long limit) => api switch
    {
        "chat" => new OpenAICompatibleChatClient(new HttpClient(handler), new OpenAICompatibleClientOptions
        {
            BaseUrl = new Uri("http://127.0.0.1:1/v1/"), ApiKey = "k", Model = "m", ProviderName = "hostile", MaxResponseBytes = limit,
        }),
        "responses" => new OpenAIResponsesChatClient(new HttpClient(handler), new OpenAIResponsesClientOptions
        {
            BaseUrl = new Uri("http://127.0.0.1:1/v1/"), ApiKey = "k", Model = "m", ProviderName = "hostile", MaxResponseBytes = limit,
        }),
        _ => new AnthropicChatClient(new HttpClient(handler), new AnthropicClientOptions
        {
            BaseUrl = new Uri("http://127.0.0.1:1/"), ApiKey = "k", Model = "m", ProviderName = "hostile", MaxResponseBytes = limit,
        }),
    };

    [Theory]
    [MemberData(nameof(Endless))]
    public async Task An_endless_line_or_an_endless_tool_call_ends_with_a_clear_error_at_the_ceiling(string api, string head, string repeat)
    {
        var handler = new EndlessHandler(head, repeat);
        using var client = Client(api, handler, Limit);
        // Without a ceiling this reads (and keeps) until the deadline or the memory runs out.
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        deadline.CancelAfter(TimeSpan.FromSeconds(60));
        var error = await Assert.ThrowsAsync<ProviderException>(async () =>
        {
            await foreach (var _ in client.GetStreamingResponseAsync([new ChatMessage(ChatRole.User, "hi")], null, deadline.Token))
            {
            }
        });
        Assert.Contains("exceeded 1 MB", error.Message);
        Assert.Contains("hostile", error.Message);
        Assert.InRange(handler.Sent, Limit, Limit + 256 * 1024);
    }

    [Fact]
    public async Task An_endless_stream_of_keep_alive_comments_ends_promptly_when_cancelled()
    {
        var handler = new EndlessHandler("", ": keep-alive\n\n");
        using var client = Client("chat", handler, long.MaxValue);
        using var cancel = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        cancel.CancelAfter(TimeSpan.FromMilliseconds(300));
        var started = System.Diagnostics.Stopwatch.StartNew();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(async () =>
        {
            await foreach (var _ in client.GetStreamingResponseAsync([new ChatMessage(ChatRole.User, "hi")], null, cancel.Token))
            {
            }
        });
        Assert.True(started.Elapsed < TimeSpan.FromSeconds(20), started.Elapsed.ToString());
    }
}
