using System.Text.Json;
using Microsoft.Extensions.AI;

namespace Wright.Core.Tools;

/// <summary>The tools a session offers, by name, and their declarations for the model.</summary>
public sealed class ToolRegistry
{
    private readonly Dictionary<string, ITool> _tools = new(StringComparer.Ordinal);
    private readonly List<AITool> _declarations = [];

    /// <summary>Creates a registry from tools; names must be unique.</summary>
    public ToolRegistry(IEnumerable<ITool> tools)
    {
        foreach (var tool in tools)
        {
            if (!_tools.TryAdd(tool.Name, tool))
                throw new ArgumentException($"Two tools are named '{tool.Name}'.", nameof(tools));
            _declarations.Add(AIFunctionFactory.CreateDeclaration(tool.Name, tool.Description, tool.ParametersSchema));
        }
    }

    /// <summary>The tool names, in registration order.</summary>
    public IReadOnlyList<string> Names => [.. _tools.Keys];

    /// <summary>Declarations (schemas only; the engine runs the tools itself).</summary>
    public IList<AITool> Declarations => _declarations;

    /// <summary>Finds a tool.</summary>
    public bool TryGet(string name, out ITool tool) => _tools.TryGetValue(name, out tool!);

    /// <summary>Parses a schema literal once at start-up.</summary>
    public static JsonElement Schema(string json)
    {
        using var document = JsonDocument.Parse(json);
        return document.RootElement.Clone();
    }
}
