namespace Wright.Tools.Files;

/// <summary>Why a file operation was refused or failed (see <see cref="UnsafePathException"/>).</summary>
public enum PathProblem
{
    /// <summary>Another system error.</summary>
    Other,

    /// <summary>The file (or a folder on the way) does not exist.</summary>
    NotFound,

    /// <summary>A directory where a file was expected.</summary>
    IsDirectory,

    /// <summary>A file where a folder was expected.</summary>
    NotDirectory,

    /// <summary>A symbolic link where a write (or a no-follow open) needs a real file or folder.</summary>
    Link,

    /// <summary>The path leads outside the workspace (through a link or '..').</summary>
    Outside,

    /// <summary>A FIFO, socket or device where a regular file was expected.</summary>
    NotRegular,

    /// <summary>Permission denied.</summary>
    Denied,
}
