namespace Wright.Tools.Files;

/// <summary>One replacement: exact text, its replacement, and whether every occurrence is replaced.</summary>
public sealed record TextEdit(string OldString, string NewString, bool ReplaceAll);
