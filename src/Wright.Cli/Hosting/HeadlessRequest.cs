using Wright.Runtime;

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
    decimal? MaxBudgetUsd = null)
{
    /// <summary><c>wright "prompt"</c>: the interactive session's first prompt, sent as if typed.</summary>
    public string? InitialPrompt { get; init; }

    /// <summary><c>wright exec -o FILE</c>: also write the final answer to this file.</summary>
    public string? LastMessageFile { get; init; }

    /// <summary>--include-partial-messages: stream-json carries Wright's fine events too.</summary>
    public bool IncludePartialMessages { get; init; }

    /// <summary>--input-format stream-json: user messages arrive on stdin as JSON lines, one run each.</summary>
    public bool StreamJsonInput { get; init; }

    /// <summary>--allow rules.</summary>
    public IReadOnlyList<string> Allow { get; init; } = [];

    /// <summary>--ask rules.</summary>
    public IReadOnlyList<string> Ask { get; init; } = [];

    /// <summary>--deny rules.</summary>
    public IReadOnlyList<string> Deny { get; init; } = [];

    /// <summary>-c: continue the latest session of the workspace.</summary>
    public bool Continue { get; init; }

    /// <summary>-r: the session id (or unique prefix) to resume.</summary>
    public string? Resume { get; init; }

    /// <summary>--compact-model: the model that writes compaction summaries.</summary>
    public string? CompactModel { get; init; }

    /// <summary>--fallback: models tried in order when a request fails for good (empty: the configured list).</summary>
    public IReadOnlyList<string> Fallback { get; init; } = [];

    /// <summary>--architect: architect/editor mode, the architect's model (the editor's, when absent, from <c>models.editor</c>).</summary>
    public string? Architect { get; init; }

    /// <summary>--editor: architect/editor mode, the editor's model (the architect's, when absent, from <c>models.architect</c>).</summary>
    public string? Editor { get; init; }

    /// <summary>--fork: continue in a new session branched from the resumed one.</summary>
    public bool Fork { get; init; }

    /// <summary>--allow-home-workspace: work in the home directory (or an ancestor of it) without asking.</summary>
    public bool AllowHomeWorkspace { get; init; }

    /// <summary>
    /// Asks the person whether to work in a workspace that is their home directory or an ancestor of it (workspace,
    /// home); null (headless) refuses unless <see cref="AllowHomeWorkspace"/> or the user config allows it.
    /// </summary>
    public Func<string, string, CancellationToken, Task<bool>>? ConfirmHomeWorkspace { get; init; }

    /// <summary>What the runtime is asked for; <paramref name="prompt"/> is the headless prompt to expand (null for the TUI).</summary>
    public SessionRequest ToSessionRequest(bool interactive, string? prompt = null) => new()
    {
        Workspace = Cwd,
        Model = Model,
        PermissionMode = PermissionMode,
        Effort = Effort,
        MaxTurns = MaxTurns,
        MaxBudgetUsd = MaxBudgetUsd,
        Allow = Allow,
        Ask = Ask,
        Deny = Deny,
        Continue = Continue,
        Resume = Resume,
        Fork = Fork,
        CompactModel = CompactModel,
        Fallback = Fallback.Count > 0 ? Fallback : null,
        Interactive = interactive,
        AllowHomeWorkspace = AllowHomeWorkspace,
        ConfirmHomeWorkspace = ConfirmHomeWorkspace,
        Prompt = prompt,
    };
}
