namespace Wright.Tools.Files;

/// <summary>
/// The text of workspace files as the editor the person works in holds it: a host for an editor (ACP's <c>fs</c>
/// capabilities) supplies it, so the file tools read unsaved buffers and their edits land in them. Only text travels
/// this way, and only for files inside the workspace: every check is made on the disk first, exactly as for a local
/// read or write (the path resolved inside the workspace without links, a regular file, size limits, binary files,
/// read-before-write), and only while no command Wright started is running (<see cref="Shell.CommandActivity"/>),
/// since an editor follows links by path and a sandboxed process could swap one in. Whatever the host does not offer
/// (<see cref="CanRead"/>, <see cref="CanWrite"/>), and every file outside the workspace, stays on the disk.
/// </summary>
public interface IEditorFiles
{
    /// <summary>Whether <see cref="ReadTextAsync"/> is offered.</summary>
    bool CanRead { get; }

    /// <summary>Whether <see cref="WriteTextAsync"/> is offered.</summary>
    bool CanWrite { get; }

    /// <summary>The whole text of the file at <paramref name="path"/> (absolute, inside the workspace) as the editor has it; throws <see cref="EditorFilesException"/>.</summary>
    Task<string> ReadTextAsync(string path, CancellationToken cancellationToken);

    /// <summary>Replaces the text of the file at <paramref name="path"/> (absolute, inside the workspace) in the editor, which saves it; throws <see cref="EditorFilesException"/>.</summary>
    Task WriteTextAsync(string path, string text, CancellationToken cancellationToken);
}
