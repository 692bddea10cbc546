namespace Wright.Core.Context;

/// <summary>The kinds of content a request carries.</summary>
public enum ContextPartKind
{
    /// <summary>The system prompt (instructions, project files, memories, skills).</summary>
    SystemPrompt,

    /// <summary>The tools' names, descriptions and parameter schemas.</summary>
    ToolDefinitions,

    /// <summary>What the user wrote.</summary>
    UserMessages,

    /// <summary>The summary compaction left of earlier turns.</summary>
    Summary,

    /// <summary>The model's answers and reasoning.</summary>
    AssistantMessages,

    /// <summary>The model's tool calls (names and arguments).</summary>
    ToolCalls,

    /// <summary>What the tools returned.</summary>
    ToolResults,
}
