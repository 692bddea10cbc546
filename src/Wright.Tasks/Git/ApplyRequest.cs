namespace Wright.Tasks.Git;

/// <summary>How to apply an attempt: <c>merge</c> into <see cref="Into"/> (default: the task's base), <c>patch</c>, or <c>push</c> to <see cref="Remote"/>'s branch <see cref="Into"/>.</summary>
public sealed record ApplyRequest(string Method, string? Into, string? Remote);
