using System.Net.ServerSentEvents;
using System.Runtime.CompilerServices;
using Microsoft.Extensions.AI;
using Wright.Core.Events;
using Wright.Core.Providers;
using Wright.Providers.Http;

namespace Wright.Providers.OpenAIResponses;

/// <summary>
/// An <see cref="IChatClient"/> for OpenAI's Responses API (<c>POST {base}/responses</c>), streaming over SSE.
/// Wright's own rather than the OpenAI SDK (2.14) through Microsoft.Extensions.AI.OpenAI because NativeAOT could not
/// trim the SDK: its model-reader context roots every API family (Realtime, Assistants, Evals, Audio, VectorStores,
/// FineTuning, Containers, Images…), 6.8 MB of the 43.0 MB binary (22%, bench/size.sh), of which Responses and Chat
/// were 2.3 MB; without the SDK the binary is 38.5 MB (README, Benchmarks). JSON is written with Utf8JsonWriter and
/// read with JsonDocument.
/// </summary>
public sealed partial class OpenAIResponsesChatClient : IChatClient
{
    private readonly HttpClient _http;
    private readonly OpenAIResponsesClientOptions _options;
    private readonly Uri _endpoint;
    private readonly ChatClientMetadata _metadata;

    /// <summary>Creates the client; <paramref name="httpClient"/> is shared and not disposed here.</summary>
    public OpenAIResponsesChatClient(HttpClient httpClient, OpenAIResponsesClientOptions options)
    {
        ArgumentNullException.ThrowIfNull(httpClient);
        ArgumentNullException.ThrowIfNull(options);
        _http = httpClient;
        _options = options;
        _endpoint = new Uri(options.BaseUrl.ToString().TrimEnd('/') + "/responses");
        _metadata = new ChatClientMetadata(options.ProviderName, options.BaseUrl, options.Model);
    }

    /// <inheritdoc />
    public async Task<ChatResponse> GetResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default) =>
        await GetStreamingResponseAsync(messages, options, cancellationToken).ToChatResponseAsync(cancellationToken).ConfigureAwait(false);

    /// <inheritdoc />
    public async IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null,
        [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(messages);
        using var request = EventStreamRequest.Create(_endpoint, BuildRequest(messages, options), _options.ApiKey, _options.Headers);

        using var response = await _http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken).ConfigureAwait(false);
        if (!response.IsSuccessStatusCode)
            throw await ProviderErrors.FromResponseAsync(response, _options.ProviderName, cancellationToken).ConfigureAwait(false);

        var stream = new Http.BoundedResponseStream(await response.Content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false), _options.MaxResponseBytes, _options.ProviderName);
        await using (stream.ConfigureAwait(false))
        {
            var state = new OpenAIResponsesStreamState(_options.ProviderName, Origin(options?.ModelId ?? _options.Model));
            await foreach (var item in SseParser.Create(stream).EnumerateAsync(cancellationToken).ConfigureAwait(false))
            {
                foreach (var update in state.Handle(item.EventType, item.Data))
                    yield return update;
                if (state.Completed)
                    break;
            }

            if (!state.Completed)
                throw new ProviderException(ErrorKind.StreamInterrupted, $"the response stream from {_options.ProviderName} ended before the response was complete");
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
}
