using System.Text.Json.Nodes;

namespace Wright.Acp.Rpc;

/// <summary>A request's result, and what to send once the answer is written (e.g. updates that must follow it).</summary>
internal sealed record RpcAnswer(JsonNode? Result, Func<Task>? After = null);
