using System.ClientModel.Primitives;

namespace Wright.Providers.OpenAISdk;

/// <summary>
/// An OpenAI SDK pipeline policy that puts an <see cref="ErrorScanningStream"/> around every successful
/// <c>text/event-stream</c> response, so mid-stream error events of Chat Completions and the Responses API surface as
/// classified provider errors.
/// </summary>
internal sealed class StreamErrorPolicy(string provider) : PipelinePolicy
{
    public override void Process(PipelineMessage message, IReadOnlyList<PipelinePolicy> pipeline, int currentIndex)
    {
        ProcessNext(message, pipeline, currentIndex);
        Wrap(message);
    }

    public override async ValueTask ProcessAsync(PipelineMessage message, IReadOnlyList<PipelinePolicy> pipeline, int currentIndex)
    {
        await ProcessNextAsync(message, pipeline, currentIndex).ConfigureAwait(false);
        Wrap(message);
    }

    private void Wrap(PipelineMessage message)
    {
        if (message.Response is not { IsError: false, ContentStream: { } stream } response)
            return;
        if (!response.Headers.TryGetValue("Content-Type", out var type) || type?.Contains("text/event-stream", StringComparison.OrdinalIgnoreCase) != true)
            return;
        response.ContentStream = new ErrorScanningStream(stream, provider);
    }
}
