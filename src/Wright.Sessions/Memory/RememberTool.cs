using System.Text.Json;
using Wright.Core.Tools;
using Wright.Sessions.Store;

namespace Wright.Sessions.Memory;

/// <summary>
/// <c>remember {text, scope}</c>: keeps a fact for later sessions, for this project (default) or for the user
/// everywhere. Memories are put into future system prompts, so the permission layer treats this as a sink (a tainted
/// session cannot write one unapproved) and the host shows every memory written.
/// </summary>
public sealed class RememberTool(SessionStore store, string workspace) : ITool
{
    /// <summary>Longest memory accepted, in characters.</summary>
    public const int MaxLength = 1000;

    /// <inheritdoc />
    public string Name => "remember";

    /// <inheritdoc />
    public string Description =>
        "Remember a durable fact for future sessions (a user preference, a project convention, a hard-won lesson); shown to the user. " +
        "scope 'project' (default) applies to this repository, 'user' everywhere. Keep it one short sentence; never store secrets.";

    /// <inheritdoc />
    public JsonElement ParametersSchema { get; } = ToolRegistry.Schema("""
        {"type":"object","properties":{"text":{"type":"string"},"scope":{"type":"string","enum":["project","user"]}},
        "required":["text"],"additionalProperties":false}
        """);

    /// <inheritdoc />
    public ToolEffect Effect => ToolEffect.Mutating;

    /// <inheritdoc />
    public Task<ToolResult> InvokeAsync(JsonElement arguments, ToolContext context, CancellationToken cancellationToken)
    {
        var text = arguments.GetProperty("text").GetString()!.Trim();
        if (text.Length == 0)
            return Task.FromResult(ToolResult.Error("Error: nothing to remember (text is empty)."));
        if (text.Length > MaxLength)
            return Task.FromResult(ToolResult.Error($"Error: a memory is at most {MaxLength} characters; this one has {text.Length}. Keep one short fact."));
        var user = arguments.TryGetProperty("scope", out var scope) && scope.GetString() == "user";
        var memory = store.Remember(text, user ? null : workspace);
        return Task.FromResult(ToolResult.Ok($"Remembered ({memory.Scope}, memory {memory.Id}): {text}"));
    }
}
