namespace Wright.Tools.Patch;

/// <summary>One file operation of a patch.</summary>
public abstract record PatchOperation(string Path);

/// <summary><c>*** Add File</c>: the whole new content.</summary>
public sealed record AddFile(string Path, string Content) : PatchOperation(Path);

/// <summary><c>*** Delete File</c>.</summary>
public sealed record DeleteFile(string Path) : PatchOperation(Path);

/// <summary><c>*** Update File</c>, optionally <c>*** Move to</c>, with its chunks.</summary>
public sealed record UpdateFile(string Path, string? MoveTo, IReadOnlyList<PatchChunk> Chunks) : PatchOperation(Path);

/// <summary>
/// A hunk: optional <c>@@ context</c> line that narrows the search, the old and new lines, and whether it is anchored at
/// the end of the file.
/// </summary>
public sealed record PatchChunk(string? Context, IReadOnlyList<string> OldLines, IReadOnlyList<string> NewLines, bool EndOfFile);
