namespace Wright.Cli.Permissions;

/// <summary>How much tools may do without asking. The safety work adds ask, accept-edits and auto.</summary>
internal enum PermissionMode
{
    /// <summary>Read-only tools only.</summary>
    Plan,

    /// <summary>Every tool, no asking, no sandbox.</summary>
    Yolo,
}
