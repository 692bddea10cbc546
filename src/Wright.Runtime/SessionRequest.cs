using Wright.Mcp;

namespace Wright.Runtime;

/// <summary>
/// What a host asks of a new session: where, with which model and permissions, within which limits, and whether it
/// continues a stored one. Everything left null comes from the environment (<c>WRIGHT_*</c>) and the configuration
/// (<c>$WRIGHT_HOME/config.json</c>, then the project's trusted <c>.wright/config.json</c>), in that order of precedence.
/// </summary>
public sealed record SessionRequest
{
    /// <summary>The workspace directory; null: the host's current directory, or the resumed session's own workspace.</summary>
    public string? Workspace { get; init; }

    /// <summary>The model as <c>provider/model</c>.</summary>
    public string? Model { get; init; }

    /// <summary>Models tried in order when a request fails for good or its context does not fit; null: the configured <c>fallback</c>.</summary>
    public IReadOnlyList<string>? Fallback { get; init; }

    /// <summary>plan, ask, accept-edits, auto or yolo; null: the configured mode, else ask for interactive hosts and auto (or plan without a sandbox) for the rest.</summary>
    public string? PermissionMode { get; init; }

    /// <summary>Reasoning effort: low, medium or high.</summary>
    public string? Effort { get; init; }

    /// <summary>At most this many model requests per run.</summary>
    public int? MaxTurns { get; init; }

    /// <summary>Stop a run once its cost reaches this many US dollars.</summary>
    public decimal? MaxBudgetUsd { get; init; }

    /// <summary>Extra allow rules (e.g. <c>shell(npm test)</c>); they never override a deny rule or the trifecta guard.</summary>
    public IReadOnlyList<string> Allow { get; init; } = [];

    /// <summary>Extra ask rules.</summary>
    public IReadOnlyList<string> Ask { get; init; } = [];

    /// <summary>Extra deny rules.</summary>
    public IReadOnlyList<string> Deny { get; init; } = [];

    /// <summary>
    /// The repository whose trust decisions (<c>wright trust</c>) apply to the workspace's project files, when the
    /// workspace is a worktree the host made of it (<c>wright serve</c>'s attempts): a file there is trusted only when
    /// its bytes are what the person trusted at the same path in this repository. Null: the workspace's own.
    /// </summary>
    public string? TrustRoot { get; init; }

    /// <summary>
    /// Where the model's commands run, when the host provides it instead of Wright's bubblewrap sandbox (<c>wright eval
    /// --env docker</c>: <c>docker exec</c> in the task's container). It is used in every permission mode; the host
    /// owns and disposes it. Null: the sandbox.
    /// </summary>
    public Wright.Tools.Shell.ICommandLauncher? CommandLauncher { get; init; }

    /// <summary>Continue the latest session of the workspace.</summary>
    public bool Continue { get; init; }

    /// <summary>Resume this session (id or unique id prefix).</summary>
    public string? Resume { get; init; }

    /// <summary>With <see cref="Continue"/> or <see cref="Resume"/>: branch into a new session (the original stays as it was).</summary>
    public bool Fork { get; init; }

    /// <summary>The model that writes compaction summaries.</summary>
    public string? CompactModel { get; init; }

    /// <summary>MCP servers the host adds to the configured ones (an ACP client's, for example); a name here replaces a configured one.</summary>
    public IReadOnlyList<McpServerConfig> ExtraMcpServers { get; init; } = [];

    /// <summary>
    /// The editor the person works in, when the host has one (an ACP client offering <c>fs</c>): the file tools read
    /// and write the text of workspace files through it, so they see unsaved buffers and their edits land there; every
    /// check (permissions, protected paths, the trifecta guard, links, size limits, checkpoints) is the same as for
    /// the disk. Null: the disk.
    /// </summary>
    public Wright.Tools.Files.IEditorFiles? EditorFiles { get; init; }

    /// <summary>Work in the home directory (or an ancestor of it, or /) without asking (<c>--allow-home-workspace</c>).</summary>
    public bool AllowHomeWorkspace { get; init; }

    /// <summary>
    /// Asks the person whether to work in a workspace that is their home directory or an ancestor of it (workspace,
    /// home); null (headless) refuses unless <see cref="AllowHomeWorkspace"/> or the user config allows it.
    /// </summary>
    public Func<string, string, CancellationToken, Task<bool>>? ConfirmHomeWorkspace { get; init; }

    /// <summary>A person is at hand to approve calls: the default permission mode is ask.</summary>
    public bool Interactive { get; init; }

    /// <summary>
    /// The first prompt, when the host has it before the session exists (headless): a custom command (<c>/name args</c>)
    /// is expanded — its model and allowed tools then apply to the session — and so is an MCP prompt
    /// (<c>/mcp__server__prompt</c>). The result is <see cref="RuntimeSession.Prompt"/>.
    /// </summary>
    public string? Prompt { get; init; }
}
