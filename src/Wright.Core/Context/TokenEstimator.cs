using System.Runtime.CompilerServices;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.AI;
using Microsoft.ML.Tokenizers;

namespace Wright.Core.Context;

/// <summary>
/// Estimates how many tokens a transcript takes before it is sent, with OpenAI's o200k encoding (other vendors'
/// tokenizers differ by some percent, which the compaction threshold leaves room for). Counts are cached per message,
/// so each turn only tokenizes the messages added since the last estimate: transcript messages must not be mutated
/// after they were counted (the engine never does; compaction makes new messages). Thread-safe.
/// </summary>
public sealed class TokenEstimator
{
    /// <summary>Tokens added for every message (role and framing).</summary>
    public const int MessageOverhead = 4;

    /// <summary>Tokens counted for an image, file or other binary content, whose real cost the estimator cannot see.</summary>
    public const int AttachmentTokens = 1_000;

    // Loaded on first use only (the vocabulary is a few megabytes), then shared by every estimator.
    private static readonly Lazy<Tokenizer> O200k = new(() => TiktokenTokenizer.CreateForEncoding("o200k_base"));

    private readonly ConditionalWeakTable<ChatMessage, StrongBox<int>> _counts = new();
    private readonly ConditionalWeakTable<AITool, StrongBox<int>> _toolCounts = new();
    private int _tokenized;

    /// <summary>An estimator shared by callers that do not need their own cache.</summary>
    public static TokenEstimator Shared { get; } = new();

    /// <summary>How many messages this estimator has tokenized (cache misses); for tests and diagnostics.</summary>
    public int MessagesTokenized => Volatile.Read(ref _tokenized);

    /// <summary>The o200k token count of <paramref name="text"/>.</summary>
    public static int CountText(string? text) => string.IsNullOrEmpty(text) ? 0 : O200k.Value.CountTokens(text);

    /// <summary>The estimated tokens of a message: its text, reasoning, tool calls and results, plus overhead.</summary>
    public int Count(ChatMessage message)
    {
        ArgumentNullException.ThrowIfNull(message);
        if (_counts.TryGetValue(message, out var cached))
            return cached.Value;
        var count = Compute(message);
        Interlocked.Increment(ref _tokenized);
        _counts.AddOrUpdate(message, new StrongBox<int>(count));
        return count;
    }

    /// <summary>The estimated tokens of a transcript.</summary>
    public int Count(IEnumerable<ChatMessage> messages)
    {
        ArgumentNullException.ThrowIfNull(messages);
        var total = 0;
        foreach (var message in messages)
            total += Count(message);
        return total;
    }

    /// <summary>The estimated tokens of tool declarations (name, description and parameter schema), cached per tool.</summary>
    public int CountTools(IEnumerable<AITool>? tools)
    {
        if (tools is null)
            return 0;
        var total = 0;
        foreach (var tool in tools)
        {
            if (!_toolCounts.TryGetValue(tool, out var cached))
            {
                var schema = tool is AIFunctionDeclaration declaration ? declaration.JsonSchema.GetRawText() : "";
                cached = new StrongBox<int>(MessageOverhead + CountText(tool.Name) + CountText(tool.Description) + CountText(schema));
                _toolCounts.AddOrUpdate(tool, cached);
            }

            total += cached.Value;
        }

        return total;
    }

    /// <summary>
    /// A cheap bound that needs no tokenizer: UTF-8 bytes of every text plus overhead (a token is at least one byte).
    /// When the bound is under a limit the real count is too, so the tokenizer need not even be loaded.
    /// </summary>
    public static int UpperBound(ChatMessage message)
    {
        ArgumentNullException.ThrowIfNull(message);
        long total = MessageOverhead;
        foreach (var content in message.Contents)
        {
            total += content switch
            {
                TextContent t => Bytes(t.Text),
                TextReasoningContent r => Bytes(r.Text),
                FunctionCallContent c => MessageOverhead + Bytes(c.CallId) + Bytes(c.Name) + Bytes(Arguments(c)),
                FunctionResultContent r => MessageOverhead + Bytes(r.CallId) + Bytes(ResultText(r.Result)),
                DataContent or UriContent or HostedFileContent => AttachmentTokens,
                _ => 0,
            };
        }

        return (int)Math.Min(int.MaxValue, total);
    }

    /// <summary>The sum of <see cref="UpperBound(ChatMessage)"/> over messages.</summary>
    public static long UpperBound(IEnumerable<ChatMessage> messages)
    {
        ArgumentNullException.ThrowIfNull(messages);
        long total = 0;
        foreach (var message in messages)
            total += UpperBound(message);
        return total;
    }

    /// <summary>The tokenizer-free bound of <see cref="CountTools"/>.</summary>
    public static long UpperBound(IEnumerable<AITool>? tools)
    {
        long total = 0;
        foreach (var tool in tools ?? [])
        {
            total += MessageOverhead + Bytes(tool.Name) + Bytes(tool.Description)
                + (tool is AIFunctionDeclaration declaration ? Bytes(declaration.JsonSchema.GetRawText()) : 0);
        }

        return total;
    }

    private static int Compute(ChatMessage message)
    {
        var total = MessageOverhead;
        foreach (var content in message.Contents)
        {
            total += content switch
            {
                TextContent t => CountText(t.Text),
                TextReasoningContent r => CountText(r.Text),
                FunctionCallContent c => MessageOverhead + CountText(c.CallId) + CountText(c.Name) + CountText(Arguments(c)),
                FunctionResultContent r => MessageOverhead + CountText(r.CallId) + CountText(ResultText(r.Result)),
                DataContent or UriContent or HostedFileContent => AttachmentTokens,
                _ => 0,
            };
        }

        return total;
    }

    private static int Bytes(string? text) => string.IsNullOrEmpty(text) ? 0 : Encoding.UTF8.GetByteCount(text);

    private static readonly JsonSerializerOptions CompactJson = new(AIJsonUtilities.DefaultOptions) { WriteIndented = false };

    /// <summary>The call's arguments as compact JSON, as a provider would send them.</summary>
    internal static string Arguments(FunctionCallContent call)
    {
        if (call.Arguments is not { Count: > 0 } arguments)
            return "{}";
        try
        {
            return JsonSerializer.Serialize(arguments, CompactJson.GetTypeInfo(typeof(IDictionary<string, object?>)));
        }
        catch (Exception ex) when (ex is NotSupportedException or InvalidOperationException or JsonException)
        {
            // A value the serializer does not know: estimate from its text instead.
            return string.Join(",", arguments.Select(a => $"\"{a.Key}\":{a.Value}"));
        }
    }

    /// <summary>A tool result as the text a provider would send.</summary>
    internal static string ResultText(object? result) => result switch
    {
        null => "",
        string s => s,
        JsonElement e => e.ValueKind == JsonValueKind.String ? e.GetString() ?? "" : e.GetRawText(),
        TextContent t => t.Text,
        IEnumerable<AIContent> contents => string.Join("\n", contents.OfType<TextContent>().Select(t => t.Text)),
        _ => result.ToString() ?? "",
    };
}
