using System.Runtime.CompilerServices;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Logging;
using Wright.Core.Approvals;
using Wright.Core.Context;
using Wright.Core.Engine;
using Wright.Core.Events;
using Wright.Extensibility.Commands;
using Wright.Mcp;
using Wright.Permissions;
using Wright.Permissions.Rules;
using Wright.Providers;
using Wright.Providers.Middleware;
using Wright.Runtime.Configuration;
using Wright.Sessions.Store;
using Wright.Tools;

namespace Wright.Runtime;

/// <summary>
/// A running session and everything it owns (store, HTTP client, model clients, MCP servers, sandbox), made by
/// <see cref="WrightRuntime.StartAsync"/>. Hosts drive it with operations — <see cref="RunAsync"/> (a prompt),
/// <see cref="Cancel"/>, <see cref="ResolveApproval"/>, <see cref="SetModel"/>, <see cref="SetMode"/>,
/// <see cref="SetEffort"/>, <see cref="CompactAsync"/>, <see cref="RewindAsync"/>, <see cref="RunShellCommandAsync"/>,
/// <see cref="AddContext"/>, or any of them as a <see cref="Protocol.SessionOperation"/> through
/// <see cref="SubmitAsync"/> — and render the events. Each operation is acknowledged by an event (also journaled, and
/// added to the stream of a run in progress). Disposing it releases what it owns in reverse order of creation.
/// </summary>
public sealed partial class RuntimeSession : IAsyncDisposable
{
    private readonly Stack<object> _owned = new();
    private readonly Lock _gate = new();
    private CancellationTokenSource? _run;

    internal RuntimeSession()
    {
    }

    /// <summary>The engine session.</summary>
    internal AgentSession Session { get; init; } = null!;

    /// <summary>The session id.</summary>
    public string Id => Session.Id;

    /// <summary>The session store (shared with the subagents' sessions).</summary>
    public required SessionStore Store { get; init; }

    /// <summary>The first prompt after custom-command and MCP-prompt expansion (empty when the request had none).</summary>
    public required string Prompt { get; init; }

    /// <summary><c>$WRIGHT_HOME</c>.</summary>
    public required string Home { get; init; }

    /// <summary>The canonical workspace.</summary>
    public required string Workspace { get; init; }

    /// <summary>What the session had cost before this process took it up (a resumed session).</summary>
    public required decimal PriorCostUsd { get; init; }

    /// <summary>The run budget in US dollars, when one is set: every model the session switches to must have a price.</summary>
    public decimal? MaxBudgetUsd { get; init; }

    /// <summary>Whether requests before this process took the session up had no known price (its cost is then unknown).</summary>
    public bool PriorCostUnknown { get; init; }

    /// <summary>The session's cost after <paramref name="run"/>: null (unknown) when any of its requests had no price.</summary>
    public decimal? CostAfter(RunFinished run)
    {
        ArgumentNullException.ThrowIfNull(run);
        var runUnknown = run.CostUsd is null && run.Usage != TokenUsage.Zero;
        return PriorCostUnknown || runUnknown ? null : PriorCostUsd + (run.CostUsd ?? 0);
    }

    /// <summary>The custom slash commands of the user and the (trusted) project.</summary>
    public required CommandCatalog Commands { get; init; }

    /// <summary>The skills of the user and the (trusted) project, which the model loads with the <c>skill</c> tool.</summary>
    public IReadOnlyCollection<Wright.Extensibility.Skills.Skill> Skills { get; init; } = [];

    /// <summary>The model's provider, endpoint and catalog entry (prices, window).</summary>
    public ResolvedProvider Provider { get; private set; } = null!;

    /// <summary>The model spec the next request goes to.</summary>
    public string Model => Provider.Spec;

    /// <summary>The permission mode.</summary>
    public PermissionMode Mode => Permissions.Mode;

    /// <summary>The reasoning effort (low, medium, high), or null for the provider's default.</summary>
    public string? Effort => ChatOptions.Reasoning?.Effort is { } effort ? EffortName(effort) : null;

    /// <summary>Whether bubblewrap works here.</summary>
    public required bool SandboxAvailable { get; init; }

    /// <summary>Whether the model's shell commands run in the sandbox now (available, and the mode is not yolo).</summary>
    public bool Sandboxed => SandboxAvailable && Mode != PermissionMode.Yolo;

    /// <summary>The current model's context window in tokens.</summary>
    public int ContextWindow => Compaction.ContextWindow;

    /// <summary>The transcript as the model sees it.</summary>
    public IReadOnlyList<ChatMessage> Messages => Session.Messages;

    /// <summary>Approval requests (this session's and its subagents') waiting for <see cref="ResolveApproval"/>.</summary>
    public PendingApprovals PendingApprovals => Session.PendingApprovals;

    /// <summary>Whether a run is in progress.</summary>
    public bool IsRunning => Session.IsRunning;

    /// <summary>What fills the context the next request would carry (tokens by kind, the largest items).</summary>
    public ContextUsage MeasureContext() => Session.MeasureContext();

    internal WrightConfig Config { get; init; } = null!;

    internal PermissionEngine Permissions { get; init; } = null!;

    internal ToolOptions ToolOptions { get; init; } = null!;

    internal HttpClient Http { get; init; } = null!;

    internal RetryOptions Retry { get; init; } = null!;

    internal ChatOptions ChatOptions { get; init; } = null!;

    internal CompactionOptions Compaction { get; init; } = null!;

    internal McpHub Mcp { get; init; } = null!;

    internal RuntimeHost Host { get; init; } = null!;

    /// <summary>The host's environment with the stored provider keys under it (what resolving a model reads).</summary>
    internal Func<string, string?> Environment { get; init; } = null!;

    internal Sandboxing.SandboxSwitch Sandbox { get; init; } = null!;

    internal ILogger Logger { get; init; } = null!;

    internal Wright.Core.Tools.IRedactor? Redactor { get; init; }

    /// <summary>The model client the session talks through now.</summary>
    internal IChatClient Client { get; private set; } = null!;

    internal void UseProvider(ResolvedProvider provider, IChatClient client)
    {
        Provider = provider;
        Client = client;
    }

    /// <summary>
    /// Runs one prompt to completion (the submit-prompt operation); the last event is always <see cref="RunFinished"/>.
    /// <see cref="Cancel"/> or <paramref name="cancellationToken"/> ends it with status <c>cancelled</c>.
    /// </summary>
    public IAsyncEnumerable<AgentEvent> RunAsync(string prompt, CancellationToken cancellationToken = default) =>
        RunAsync(prompt, [], cancellationToken);

    /// <summary>Runs one prompt with attachments (images) in its user message; see <see cref="RunAsync(string, CancellationToken)"/>.</summary>
    public async IAsyncEnumerable<AgentEvent> RunAsync(string prompt, IReadOnlyList<AIContent> attachments,
        [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        using var run = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        lock (_gate)
            _run = run;
        Logger.LogDebug("run started in session {SessionId}", Id);
        try
        {
            await foreach (var item in Session.RunAsync(prompt, attachments, run.Token))
            {
                if (item is RunFinished finished)
                    Logger.LogDebug("run finished in session {SessionId}: {Status} after {Turns} turns", Id, finished.Status, finished.Turns);
                yield return item;
            }
        }
        finally
        {
            lock (_gate)
                _run = null;
        }
    }

    /// <summary>
    /// Runs a custom command's prompt with its front matter in force for this run only: its <c>model</c> answers and its
    /// <c>allowed-tools</c> (of a trusted command) are allowed without asking; both are undone when the run ends (so
    /// enumerate the result). Throws <see cref="ConfigException"/> for a bad rule or model at once, before anything runs.
    /// </summary>
    public IAsyncEnumerable<AgentEvent> RunCommandAsync(ExpandedCommand command, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(command);
        var granted = new List<PermissionRule>();
        foreach (var text in command.AllowRules)
        {
            granted.Add(PermissionRule.Parse(RuleEffect.Allow, text, "/" + command.Command.Name, out var error)
                ?? throw new ConfigException($"/{command.Command.Name}: {error}"));
        }

        var previous = (Provider, Client);
        if (command.Model is { } model)
        {
            ResolvedProvider provider;
            try
            {
                provider = Composition.SessionComposer.ResolveModel(model, Environment, Config);
            }
            catch (ConfigException ex)
            {
                throw new ConfigException($"/{command.Command.Name}: {ex.Message}");
            }

            UseModel(provider, ChatClientFactory.Create(provider, Http, Retry), record: false);
        }

        foreach (var rule in granted)
            Permissions.Rules.Add(rule);
        return RunThenUndoAsync(command.Prompt, granted, previous, cancellationToken);
    }

    private async IAsyncEnumerable<AgentEvent> RunThenUndoAsync(string prompt, List<PermissionRule> granted,
        (ResolvedProvider Provider, IChatClient Client) previous, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        try
        {
            await foreach (var item in RunAsync(prompt, cancellationToken))
                yield return item;
        }
        finally
        {
            foreach (var rule in granted)
                Permissions.Rules.Remove(rule);
            if (!ReferenceEquals(previous.Client, Client))
            {
                // The command's own client served this run only.
                var temporary = Client;
                UseModel(previous.Provider, previous.Client, record: false);
                temporary.Dispose();
            }
        }
    }

    /// <summary>Cancels the run in progress, if any (the interrupt operation): it ends with status <c>cancelled</c>.</summary>
    public void Cancel()
    {
        lock (_gate)
            _run?.Cancel();
    }

    /// <summary>
    /// Answers a waiting approval request (the resolve-approval operation; <paramref name="sessionId"/> names a
    /// subagent's session when the request came from one). The answer is applied through the permission engine, which
    /// records an "always" only where the request allows it. False when no such request waits.
    /// </summary>
    public bool ResolveApproval(string callId, ApprovalAnswer answer, string? sessionId = null) => Session.ResolveApproval(callId, answer, sessionId);

    /// <summary>Takes ownership of <paramref name="resource"/> (disposed with the session).</summary>
    internal T Own<T>(T resource) where T : class
    {
        _owned.Push(resource);
        return resource;
    }

    internal void OwnAll(IEnumerable<object> resources)
    {
        foreach (var resource in resources)
            _owned.Push(resource);
    }

    /// <summary>Ends the session: cancels a run in progress and releases everything it owns.</summary>
    public async ValueTask DisposeAsync()
    {
        Cancel();
        Telemetry.RuntimeTelemetry.Flush();
        while (_owned.TryPop(out var resource))
        {
            switch (resource)
            {
                case IAsyncDisposable asyncDisposable:
                    await asyncDisposable.DisposeAsync();
                    break;
                case IDisposable disposable:
                    disposable.Dispose();
                    break;
            }
        }
    }
}
