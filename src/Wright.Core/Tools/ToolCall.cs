using System.Text.Json;

namespace Wright.Core.Tools;

/// <summary>A call the model asked for, with parsed arguments.</summary>
public sealed record ToolCall(string CallId, string Name, JsonElement Arguments);
