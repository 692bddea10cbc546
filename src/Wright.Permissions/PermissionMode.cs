namespace Wright.Permissions;

/// <summary>How much tools may do without asking.</summary>
public enum PermissionMode
{
    /// <summary>Read-only tools only.</summary>
    Plan,

    /// <summary>Reads run; edits and shell ask.</summary>
    Ask,

    /// <summary>Reads and edits inside the workspace run; shell asks.</summary>
    AcceptEdits,

    /// <summary>Everything inside the sandbox runs; what leaves it asks (denied when no one can be asked).</summary>
    Auto,

    /// <summary>No sandbox, no asking.</summary>
    Yolo,
}
