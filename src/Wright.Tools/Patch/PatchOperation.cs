namespace Wright.Tools.Patch;

/// <summary>One file operation of a patch (Codex calls it a hunk); <see cref="Line"/> is its header's line in the patch.</summary>
public abstract record PatchOperation(string Path, int Line);

/// <summary><c>*** Add File</c>: the whole new content.</summary>
public sealed record AddFile(string Path, string Content, int Line = 0) : PatchOperation(Path, Line);

/// <summary><c>*** Delete File</c>.</summary>
public sealed record DeleteFile(string Path, int Line = 0) : PatchOperation(Path, Line);

/// <summary><c>*** Update File</c>, optionally <c>*** Move to</c>, with its chunks.</summary>
public sealed record UpdateFile(string Path, string? MoveTo, IReadOnlyList<PatchChunk> Chunks, int Line = 0) : PatchOperation(Path, Line);

/// <summary>
/// A chunk: optional <c>@@ context</c> line that narrows the search, the old and new lines, whether it is anchored at
/// the end of the file, and its lines in order as written (<c>' '</c> context, <c>'-'</c> removed, <c>'+'</c> added) —
/// only '-' and '+' lines change the file; a context line keeps the file's own bytes.
/// </summary>
public sealed record PatchChunk(string? Context, IReadOnlyList<string> OldLines, IReadOnlyList<string> NewLines, bool EndOfFile,
    IReadOnlyList<(char Kind, string Text)> Lines);
