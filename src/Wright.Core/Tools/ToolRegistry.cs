using System.Text.Json;
using Microsoft.Extensions.AI;

namespace Wright.Core.Tools;

/// <summary>
/// The tools a session offers, by name, and their declarations for the model. A group of tools (an MCP server's) can be
/// replaced while the session runs; readers always see one whole snapshot, and the next model request offers the new one.
/// </summary>
public sealed class ToolRegistry
{
    private readonly Lock _lock = new();
    private Snapshot _current;

    /// <summary>Creates a registry from tools; names must be unique.</summary>
    public ToolRegistry(IEnumerable<ITool> tools) => _current = Snapshot.Of(tools);

    /// <summary>The tool names, in registration order.</summary>
    public IReadOnlyList<string> Names => [.. _current.Tools.Keys];

    /// <summary>Declarations (schemas only; the engine runs the tools itself).</summary>
    public IList<AITool> Declarations => _current.Declarations;

    /// <summary>Finds a tool.</summary>
    public bool TryGet(string name, out ITool tool) => _current.Tools.TryGetValue(name, out tool!);

    /// <summary>
    /// Removes the tools <paramref name="remove"/> picks and adds <paramref name="add"/> (appended, in order). A new tool
    /// whose name is taken by a tool that stays is left out, so a server cannot shadow a built-in tool.
    /// </summary>
    public void Replace(Func<ITool, bool> remove, IEnumerable<ITool> add)
    {
        lock (_lock)
        {
            var kept = _current.Tools.Values.Where(t => !remove(t)).ToList();
            var names = kept.Select(t => t.Name).ToHashSet(StringComparer.Ordinal);
            kept.AddRange(add.Where(t => names.Add(t.Name)));
            _current = Snapshot.Of(kept);
        }
    }

    /// <summary>Parses a schema literal once at start-up.</summary>
    public static JsonElement Schema(string json)
    {
        using var document = JsonDocument.Parse(json);
        return document.RootElement.Clone();
    }

    private sealed record Snapshot(Dictionary<string, ITool> Tools, List<AITool> Declarations)
    {
        public static Snapshot Of(IEnumerable<ITool> tools)
        {
            var byName = new Dictionary<string, ITool>(StringComparer.Ordinal);
            var declarations = new List<AITool>();
            foreach (var tool in tools)
            {
                if (!byName.TryAdd(tool.Name, tool))
                    throw new ArgumentException($"Two tools are named '{tool.Name}'.", nameof(tools));
                declarations.Add(AIFunctionFactory.CreateDeclaration(tool.Name, tool.Description, tool.ParametersSchema));
            }

            return new Snapshot(byName, declarations);
        }
    }
}
