using Wright.Core.Events;

namespace Wright.Core.Engine;

/// <summary>The result of one dispatched tool call, before it is threaded back to the model.</summary>
internal sealed record ToolCallOutcome(string CallId, string Name, ToolCallStatus Status, string Content, long DurationMs)
{
    public string? UntrustedSource { get; init; }

    public Microsoft.Extensions.AI.FunctionResultContent ToContent() => new(CallId, Content);
}
