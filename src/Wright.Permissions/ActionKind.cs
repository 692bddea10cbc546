namespace Wright.Permissions;

/// <summary>What a tool call does, for permission purposes.</summary>
public enum ActionKind
{
    /// <summary>Reads files or state.</summary>
    Read,

    /// <summary>Changes files.</summary>
    Edit,

    /// <summary>Runs a shell command.</summary>
    Shell,

    /// <summary>Fetches from the network from Wright's own process.</summary>
    Network,

    /// <summary>Calls a tool of an MCP server.</summary>
    Mcp,

    /// <summary>Anything else (e.g. the todo list).</summary>
    Other,
}
