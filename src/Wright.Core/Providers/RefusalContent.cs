using Microsoft.Extensions.AI;

namespace Wright.Core.Providers;

/// <summary>
/// The model declined the request: Anthropic's <c>stop_reason: refusal</c> (with <c>stop_details.explanation</c>),
/// OpenAI's <c>refusal</c> content parts (Responses <c>response.refusal.delta</c>, Chat <c>delta.refusal</c>). Providers
/// put it in the update stream, possibly in pieces; the engine streams <see cref="Text"/> as text, ends the run with
/// status <c>refusal</c> and keeps the explanation in the transcript as the assistant's text (never this content).
/// </summary>
public sealed class RefusalContent(string text) : AIContent
{
    /// <summary>The model's or provider's explanation (a piece of it when streamed in deltas); may be empty.</summary>
    public string Text { get; } = text;
}
