using Wright.Core.Engine;

namespace Wright.Extensibility.Agents;

/// <summary>Creates a child session for a subagent (the host decides the client, tools and permissions).</summary>
public interface ISubagentFactory
{
    /// <summary>Creates a fresh session; <paramref name="definition"/> is null for the general-purpose agent.</summary>
    AgentSession Create(AgentDefinition? definition);
}
