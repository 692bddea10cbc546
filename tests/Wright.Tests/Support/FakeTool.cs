using System.Text.Json;
using Wright.Core.Tools;

namespace Wright.Tests.Support;

/// <summary>A tool whose behaviour is a delegate.</summary>
public sealed class FakeTool(string name, ToolEffect effect, Func<JsonElement, CancellationToken, Task<ToolResult>> run,
    string schema = """{"type":"object","properties":{"x":{"type":"string"}},"additionalProperties":false}""") : ITool
{
    public string Name => name;

    public string Description => "test tool " + name;

    public JsonElement ParametersSchema { get; } = ToolRegistry.Schema(schema);

    public ToolEffect Effect => effect;

    public List<JsonElement> Calls { get; } = [];

    public Task<ToolResult> InvokeAsync(JsonElement arguments, ToolContext context, CancellationToken cancellationToken)
    {
        lock (Calls)
            Calls.Add(arguments.Clone());
        return run(arguments, cancellationToken);
    }
}
