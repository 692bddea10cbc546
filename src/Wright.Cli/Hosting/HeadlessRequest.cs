namespace Wright.Cli.Hosting;

/// <summary>What the command line asked for, before configuration is applied.</summary>
internal sealed record HeadlessRequest(
    string? Prompt,
    bool PromptFlagGiven,
    string? Model,
    int? MaxTurns,
    string? Cwd,
    string? OutputFormat,
    string? PermissionMode,
    string? Effort,
    decimal? MaxBudgetUsd = null);
