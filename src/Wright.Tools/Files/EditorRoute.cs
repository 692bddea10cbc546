using Wright.Tools.Shell;

namespace Wright.Tools.Files;

/// <summary>
/// When a file tool goes through the editor (<see cref="IEditorFiles"/>) rather than the disk: the host offers the
/// side it needs, the file is inside the workspace, and no command Wright started is running (the returned quiet
/// lease keeps new ones from starting until it is disposed, after the editor has answered).
/// </summary>
internal static class EditorRoute
{
    /// <summary>The lease when the editor is to be used for <paramref name="full"/>, else null; <paramref name="note"/> says why not when the editor would have been used.</summary>
    public static IDisposable? Enter(IEditorFiles? editor, bool read, bool write, string full, string workspace, out string? note) =>
        Enter(editor, read, write, workspace, WorkspaceFs.Relative(full, workspace) is { Length: > 0 }, out note);

    /// <summary>The lease when the editor is to be used for files inside <paramref name="workspace"/> (<paramref name="inside"/>), else null.</summary>
    public static IDisposable? Enter(IEditorFiles? editor, bool read, bool write, string workspace, bool inside, out string? note)
    {
        note = null;
        if (editor is null || !((read && editor.CanRead) || (write && editor.CanWrite)) || !inside)
            return null;
        if (CommandActivity.TryQuiet(workspace) is { } quiet)
            return quiet;
        note = "[the editor was not used: a command Wright started is still running, so " +
            (write && editor.CanWrite ? "the change was made on the disk directly]" : "this is the text on the disk]");
        return null;
    }

    /// <summary>Appends a note to a tool's result text.</summary>
    public static string With(string text, string? note) => note is null ? text : text + "\n" + note;
}
