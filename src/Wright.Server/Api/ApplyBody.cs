namespace Wright.Server.Api;

/// <summary>How to apply an attempt: <c>merge</c> (default) into <c>into</c>, <c>patch</c>, or <c>push</c> to <c>remote</c>.</summary>
public sealed record ApplyBody
{
    public string? Method { get; init; }

    public string? Into { get; init; }

    public string? Remote { get; init; }
}
