namespace Wright.Tools.Search;

/// <summary>A file or folder found by the walker.</summary>
public sealed record WalkEntry(string Path, bool IsDirectory, long Size, DateTime ModifiedUtc, int Depth);
