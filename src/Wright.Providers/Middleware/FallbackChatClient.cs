using System.Runtime.CompilerServices;
using Microsoft.Extensions.AI;
using Wright.Core.Events;
using Wright.Core.Providers;

namespace Wright.Providers.Middleware;

/// <summary>
/// Sends each request to the first model of an ordered list and, when that model fails for good (each model's own
/// pipeline has already retried: rate limit, quota, 5xx, overloaded, timeouts, cut streams, network), to the next;
/// when the context does not fit, to the next model with a larger window. Before each switch it yields a
/// <see cref="ModelSwitchContent"/> naming both models and the reason, so the engine drops the failed model's partial
/// output and reports the switch; usage is priced by the answering model's own pipeline. Every request starts with
/// the first model again (a quota may come back; the list's order is the person's preference).
/// </summary>
public sealed class FallbackChatClient : IChatClient
{
    private readonly IReadOnlyList<FallbackModel> _models;

    /// <summary>Creates the client; it owns (and disposes) every model's client.</summary>
    public FallbackChatClient(IReadOnlyList<FallbackModel> models)
    {
        ArgumentNullException.ThrowIfNull(models);
        if (models.Count == 0)
            throw new ArgumentException("a fallback list needs at least one model", nameof(models));
        _models = models;
    }

    /// <summary>The models, first the preferred one.</summary>
    public IReadOnlyList<FallbackModel> Models => _models;

    /// <summary>Whether a failure of this kind sends the request to another model.</summary>
    public static bool FallsBack(ErrorKind kind) => kind is ErrorKind.RateLimited or ErrorKind.Quota or ErrorKind.ServerError or ErrorKind.Overloaded
        or ErrorKind.Timeout or ErrorKind.Network or ErrorKind.StreamInterrupted or ErrorKind.ContextOverflow;

    /// <inheritdoc />
    public async Task<ChatResponse> GetResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default)
    {
        var history = messages as IList<ChatMessage> ?? [.. messages];
        var index = 0;
        while (true)
        {
            try
            {
                return await _models[index].Client.GetResponseAsync(history, For(_models[index], options), cancellationToken);
            }
            catch (ProviderException ex) when (Next(index, ex) is { } next)
            {
                index = next;
            }
        }
    }

    /// <inheritdoc />
    public async IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null,
        [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var history = messages as IList<ChatMessage> ?? [.. messages];
        var index = 0;
        while (true)
        {
            var model = _models[index];
            ProviderException? failure = null;
            var enumerator = model.Client.GetStreamingResponseAsync(history, For(model, options), cancellationToken).GetAsyncEnumerator(cancellationToken);
            try
            {
                while (true)
                {
                    try
                    {
                        if (!await enumerator.MoveNextAsync())
                            yield break;
                    }
                    catch (ProviderException ex) when (FallsBack(ex.Kind) && Next(index, ex) is not null)
                    {
                        failure = ex;
                        break;
                    }

                    yield return enumerator.Current;
                }
            }
            finally
            {
                await enumerator.DisposeAsync();
            }

            var next = Next(index, failure!)!.Value;
            yield return new ChatResponseUpdate(ChatRole.Assistant, [new ModelSwitchContent(model.Spec, _models[next].Spec, Reason(failure!))]);
            index = next;
        }
    }

    /// <summary>The next model to ask after <paramref name="index"/> failed with <paramref name="failure"/>; null when none.</summary>
    private int? Next(int index, ProviderException failure)
    {
        if (!FallsBack(failure.Kind))
            return null;
        for (var i = index + 1; i < _models.Count; i++)
        {
            // A context that did not fit goes only to a model with a larger window.
            if (failure.Kind != ErrorKind.ContextOverflow || _models[i].ContextWindow > _models[index].ContextWindow)
                return i;
        }

        return null;
    }

    private static string Reason(ProviderException failure) => failure.Kind == ErrorKind.ContextOverflow
        ? "the context does not fit: " + failure.Message
        : failure.Message;

    private static ChatOptions For(FallbackModel model, ChatOptions? options)
    {
        var copy = options?.Clone() ?? new ChatOptions();
        copy.ModelId = model.ModelId;
        return copy;
    }

    /// <inheritdoc />
    public object? GetService(Type serviceType, object? serviceKey = null) =>
        serviceKey is null && serviceType.IsInstanceOfType(this) ? this : _models[0].Client.GetService(serviceType, serviceKey);

    /// <inheritdoc />
    public void Dispose()
    {
        foreach (var model in _models)
            model.Client.Dispose();
    }
}
