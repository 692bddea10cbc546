using System.Net.Http.Headers;
using System.Net.ServerSentEvents;
using System.Runtime.CompilerServices;
using Microsoft.Extensions.AI;
using Wright.Core.Events;
using Wright.Core.Providers;
using Wright.Providers.Http;

namespace Wright.Providers.Anthropic;

/// <summary>An <see cref="IChatClient"/> for Anthropic's Messages API (<c>POST /v1/messages</c>), streaming over SSE.</summary>
public sealed class AnthropicChatClient : IChatClient
{
    private const string ApiVersion = "2023-06-01";
    private readonly HttpClient _http;
    private readonly AnthropicClientOptions _options;
    private readonly Uri _endpoint;
    private readonly ChatClientMetadata _metadata;

    /// <summary>Creates the client; <paramref name="httpClient"/> is not disposed by it.</summary>
    public AnthropicChatClient(HttpClient httpClient, AnthropicClientOptions options)
    {
        ArgumentNullException.ThrowIfNull(httpClient);
        ArgumentNullException.ThrowIfNull(options);
        _http = httpClient;
        _options = options;
        _endpoint = MessagesEndpoint(options.BaseUrl);
        _metadata = new ChatClientMetadata(options.ProviderName, options.BaseUrl, options.Model);
    }

    /// <summary>The URL requests are posted to.</summary>
    internal Uri Endpoint => _endpoint;

    /// <inheritdoc />
    public async Task<ChatResponse> GetResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default) =>
        await GetStreamingResponseAsync(messages, options, cancellationToken).ToChatResponseAsync(cancellationToken).ConfigureAwait(false);

    /// <inheritdoc />
    public async IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null,
        [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(messages);
        var body = AnthropicRequestWriter.Write(messages, options, _options, stream: true);
        using var request = new HttpRequestMessage(HttpMethod.Post, _endpoint);
        request.Content = new ByteArrayContent(body);
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        request.Headers.Add("anthropic-version", ApiVersion);
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("text/event-stream"));
        if (!string.IsNullOrEmpty(_options.ApiKey))
            request.Headers.Add("x-api-key", _options.ApiKey);

        HttpResponseMessage response;
        try
        {
            response = await _http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (IsTransport(ex, cancellationToken))
        {
            throw ProviderErrors.FromTransport(ex, _options.ProviderName, _endpoint);
        }

        using (response)
        {
            if (!response.IsSuccessStatusCode)
                throw await ProviderErrors.FromResponseAsync(response, _options.ProviderName, cancellationToken).ConfigureAwait(false);

            Stream stream;
            try
            {
                stream = new Http.BoundedResponseStream(await response.Content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false), _options.MaxResponseBytes, _options.ProviderName);
            }
            catch (Exception ex) when (IsTransport(ex, cancellationToken))
            {
                throw ProviderErrors.FromTransport(ex, _options.ProviderName, _endpoint);
            }

            var state = new AnthropicStreamState(_options.ProviderName, AnthropicRequestWriter.Origin(_options, options));
            await using (stream.ConfigureAwait(false))
            {
                var events = SseParser.Create(stream).EnumerateAsync(cancellationToken).GetAsyncEnumerator(cancellationToken);
                await using (events.ConfigureAwait(false))
                {
                    while (true)
                    {
                        SseItem<string> item;
                        try
                        {
                            if (!await events.MoveNextAsync().ConfigureAwait(false))
                                break;
                            item = events.Current;
                        }
                        catch (Exception ex) when (IsTransport(ex, cancellationToken))
                        {
                            throw ProviderErrors.FromTransport(ex, _options.ProviderName, _endpoint);
                        }

                        cancellationToken.ThrowIfCancellationRequested();
                        foreach (var update in state.Handle(item.EventType, item.Data))
                            yield return update;
                        if (state.Completed)
                            break;
                    }
                }
            }

            if (!state.Completed)
                throw new ProviderException(ErrorKind.StreamInterrupted, $"{_options.ProviderName}: the response stream ended early (no message_stop)");
        }
    }

    /// <inheritdoc />
    public object? GetService(Type serviceType, object? serviceKey = null)
    {
        ArgumentNullException.ThrowIfNull(serviceType);
        if (serviceKey is not null)
            return null;
        if (serviceType == typeof(ChatClientMetadata))
            return _metadata;
        return serviceType.IsInstanceOfType(this) ? this : null;
    }

    /// <summary>Nothing to release: the <see cref="HttpClient"/> belongs to the caller.</summary>
    public void Dispose()
    {
    }

    /// <summary><c>{root}/v1/messages</c>, tolerating a trailing slash and a root that already ends in <c>/v1</c>.</summary>
    internal static Uri MessagesEndpoint(Uri baseUrl)
    {
        ArgumentNullException.ThrowIfNull(baseUrl);
        var root = baseUrl.ToString().TrimEnd('/');
        return root.EndsWith("/v1", StringComparison.OrdinalIgnoreCase) ? new Uri(root + "/messages") : new Uri(root + "/v1/messages");
    }

    /// <summary>Failures of the connection, never the caller's own cancellation.</summary>
    private static bool IsTransport(Exception ex, CancellationToken ct) =>
        ex is HttpRequestException or IOException || (ex is OperationCanceledException && !ct.IsCancellationRequested);
}
