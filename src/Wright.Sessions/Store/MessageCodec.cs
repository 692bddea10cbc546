using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.AI;

namespace Wright.Sessions.Store;

/// <summary>
/// Turns transcript messages into stored JSON and back, with Microsoft.Extensions.AI's own (source-generated)
/// serialisation, so every content kind (reasoning with signatures, tool calls, results) round-trips. Tool results
/// longer than <see cref="InlineLimit"/> are moved to content-addressed blobs and referenced, so a large output is
/// stored once however many times it appears (message, event, tool-call row).
/// </summary>
internal static class MessageCodec
{
    /// <summary>Results longer than this many characters are stored as blobs.</summary>
    public const int InlineLimit = 2048;

    private const string BlobKey = "$wright_blob";

    /// <summary>Microsoft.Extensions.AI's serialisation options, on one line (its defaults indent).</summary>
    public static readonly JsonSerializerOptions Options = new(AIJsonUtilities.DefaultOptions) { WriteIndented = false };

    public static string Encode(ChatMessage message, Action<string, string> storeBlob)
    {
        if (message.Contents.Any(c => c is FunctionResultContent { Result: string { Length: > InlineLimit } }))
        {
            var copy = message.Clone();
            copy.Contents = [.. message.Contents.Select(c => c is FunctionResultContent { Result: string { Length: > InlineLimit } text } r
                ? new FunctionResultContent(r.CallId, new JsonObject { [BlobKey] = Blob(text, storeBlob) }) { Exception = r.Exception }
                : c)];
            message = copy;
        }

        return JsonSerializer.Serialize(message, Options.GetTypeInfo(typeof(ChatMessage)));
    }

    public static ChatMessage Decode(string json, Func<string, string?> loadBlob)
    {
        var message = (ChatMessage)JsonSerializer.Deserialize(json, Options.GetTypeInfo(typeof(ChatMessage)))!;
        for (var i = 0; i < message.Contents.Count; i++)
        {
            if (message.Contents[i] is FunctionResultContent { Result: JsonElement { ValueKind: JsonValueKind.Object } element } r
                && element.TryGetProperty(BlobKey, out var hash))
            {
                message.Contents[i] = new FunctionResultContent(r.CallId,
                    loadBlob(hash.GetString()!) ?? "[output missing from the session store]") { Exception = r.Exception };
            }
            else if (message.Contents[i] is FunctionResultContent { Result: JsonElement { ValueKind: JsonValueKind.String } s } plain)
            {
                // Keep results as plain strings, as the engine made them.
                message.Contents[i] = new FunctionResultContent(plain.CallId, s.GetString()) { Exception = plain.Exception };
            }
        }

        return message;
    }

    /// <summary>Stores <paramref name="text"/> as a blob (once) and returns its hash.</summary>
    public static string Blob(string text, Action<string, string> storeBlob)
    {
        var hash = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)));
        storeBlob(hash, text);
        return hash;
    }

    /// <summary>The text a message contributes to full-text search (user and assistant words, not tool output).</summary>
    public static string SearchText(ChatMessage message) =>
        message.Role == ChatRole.User || message.Role == ChatRole.Assistant
            ? string.Join("\n", message.Contents.OfType<TextContent>().Select(t => t.Text))
            : "";
}
