using System.Text;
using System.Text.Json;
using Wright.Core.Tools;
using Wright.Sessions.Store;

namespace Wright.Sessions.Memory;

/// <summary><c>recall {query}</c>: full-text search over memories and past sessions' conversations.</summary>
public sealed class RecallTool(SessionStore store) : ITool
{
    /// <inheritdoc />
    public string Name => "recall";

    /// <inheritdoc />
    public string Description =>
        "Search memories and past sessions (what the user asked, what was answered) by words; results cite the session and turn.";

    /// <inheritdoc />
    public JsonElement ParametersSchema { get; } = ToolRegistry.Schema("""
        {"type":"object","properties":{"query":{"type":"string"},"limit":{"type":"integer","minimum":1,"maximum":50}},
        "required":["query"],"additionalProperties":false}
        """);

    /// <inheritdoc />
    public ToolEffect Effect => ToolEffect.ReadOnly;

    /// <inheritdoc />
    public Task<ToolResult> InvokeAsync(JsonElement arguments, ToolContext context, CancellationToken cancellationToken)
    {
        var query = arguments.GetProperty("query").GetString()!;
        var limit = arguments.TryGetProperty("limit", out var l) ? l.GetInt32() : 10;
        var hits = store.Search(query, limit).Where(h => h.SessionId != context.SessionId).ToList();
        if (hits.Count == 0)
            return Task.FromResult(ToolResult.Ok($"No memories or past sessions match '{query}'."));
        var text = new StringBuilder();
        foreach (var hit in hits)
            text.Append(hit.Reference).Append(" [").Append(hit.Kind).Append("]: ").AppendLine(hit.Snippet.ReplaceLineEndings(" "));
        return Task.FromResult(ToolResult.Ok(text.ToString().TrimEnd()));
    }
}
