namespace Wright.Runtime.Setup;

/// <summary>What was found at a workspace's <c>.wright/setup.sh</c>.</summary>
public enum SetupScriptState
{
    /// <summary>There is none.</summary>
    Absent,

    /// <summary>It cannot be read as a project file is read (a link leading out of the project, a FIFO, a device, too large).</summary>
    Unreadable,

    /// <summary>The person has not trusted it as it is now: it never runs.</summary>
    Untrusted,

    /// <summary>Trusted as it is now: it may run, in the sandbox.</summary>
    Trusted,
}
