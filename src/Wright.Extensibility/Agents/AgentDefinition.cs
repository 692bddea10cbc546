namespace Wright.Extensibility.Agents;

/// <summary>A subagent definition: a markdown file with name, description, tools and model; its body is the system prompt.</summary>
public sealed record AgentDefinition(string Name, string Description, IReadOnlyList<string> Tools, string? Model, string SystemPrompt, string Source);
