namespace Wright.Extensibility.Commands;

/// <summary>A markdown prompt template that becomes a slash command.</summary>
public sealed record CustomCommand(string Name, string Description, string Template, string? Model, IReadOnlyList<string> AllowedTools,
    string? ArgumentHint, string Source, bool Trusted);
