using Wright.Core.Engine;
using Wright.Core.Tools;

namespace Wright.Extensibility.Agents;

/// <summary>
/// Creates the child session of a subagent (the host's runtime decides the client, tools, permissions and where it is
/// journaled) and releases it when the <c>task</c> call is done.
/// </summary>
public interface ISubagentFactory
{
    /// <summary>Creates a fresh session; <paramref name="definition"/> is null for the general-purpose agent.</summary>
    AgentSession Create(AgentDefinition? definition);

    /// <summary>
    /// Creates a fresh session for the <c>task</c> call of <paramref name="parent"/> (its session id and call id say
    /// whose child it is).
    /// </summary>
    AgentSession Create(AgentDefinition? definition, ToolContext parent) => Create(definition);

    /// <summary>The child's run ended: releases what was made for it (its model client).</summary>
    ValueTask ReleaseAsync(AgentSession session) => ValueTask.CompletedTask;
}
