using System.Text.Json;
using Microsoft.Extensions.AI;

namespace Wright.Providers.Http;

/// <summary>
/// Which endpoint and model made a <see cref="TextReasoningContent"/>. Reasoning is only ever sent back to the one that
/// made it: an Anthropic thinking signature, OpenAI's encrypted reasoning item or a vendor's <c>reasoning_content</c>
/// means nothing to (or is refused by) any other, and the text is that provider's, not something to hand another
/// vendor after a <c>/model</c> switch or a fallback. Each protocol client stamps the reasoning it streams with its
/// origin (in <see cref="AIContent.AdditionalProperties"/>, so it is stored with the session and survives resume and
/// fork) and writes back only reasoning whose origin is its own; reasoning without an origin is never sent.
/// </summary>
internal static class ReasoningOrigin
{
    /// <summary>The additional-property key of the origin.</summary>
    public const string Key = "wright.reasoning_origin";

    /// <summary>The origin of reasoning made through <paramref name="protocol"/> at <paramref name="baseUrl"/> by <paramref name="model"/>.</summary>
    public static string Of(string protocol, Uri baseUrl, string model) =>
        protocol + " " + baseUrl.ToString().TrimEnd('/') + " " + model;

    /// <summary>Marks <paramref name="content"/> as made by <paramref name="origin"/>; returns it.</summary>
    public static T Stamp<T>(T content, string origin)
        where T : AIContent
    {
        (content.AdditionalProperties ??= [])[Key] = origin;
        return content;
    }

    /// <summary>Whether <paramref name="content"/> was made by <paramref name="origin"/> (after a round trip through the store too).</summary>
    public static bool IsFrom(AIContent content, string origin) => Property(content, Key) == origin;

    /// <summary>A string additional property, whether it is still a string or came back from the store as JSON.</summary>
    public static string? Property(AIContent content, string key) =>
        content.AdditionalProperties?.TryGetValue(key, out var value) == true
            ? value switch
            {
                string s => s,
                JsonElement { ValueKind: JsonValueKind.String } e => e.GetString(),
                _ => null,
            }
            : null;
}
