using Microsoft.Extensions.AI;
using Wright.Core.Approvals;
using Wright.Core.Engine;
using Wright.Core.Tools;
using Wright.Permissions;
using Wright.Providers;
using Wright.Providers.Middleware;
using Wright.Sessions.Store;

namespace Wright.Runtime.Composition;

/// <summary>What a session shares with the subagents its <c>task</c> calls run.</summary>
internal sealed class SubagentContext
{
    /// <summary>The parent's current provider (a model switch applies to later subagents).</summary>
    public required Func<ResolvedProvider> Provider { get; init; }

    public required Func<string, string?> Environment { get; init; }

    public required IReadOnlyDictionary<string, ProviderOverride> Providers { get; init; }

    public required HttpClient Http { get; init; }

    public required RetryOptions Retry { get; init; }

    /// <summary>The parent's tools (the subagent gets all but <c>task</c>, or its definition's).</summary>
    public required Func<IReadOnlyList<ITool>> Tools { get; init; }

    /// <summary>The parent's permission engine: taint, rules and mode are shared.</summary>
    public required PermissionEngine Permissions { get; init; }

    public required IRedactor Redactor { get; init; }

    public required string Workspace { get; init; }

    public required string SessionRoot { get; init; }

    /// <summary>The parent's request options (model id, reasoning effort).</summary>
    public required ChatOptions ChatOptions { get; init; }

    /// <summary>Where the child sessions are journaled.</summary>
    public required SessionStore Store { get; init; }

    public required IApprovalPrompt? Approvals { get; init; }

    /// <summary>Shared with the parent, so one resolve-approval operation reaches a subagent's request.</summary>
    public required PendingApprovals PendingApprovals { get; init; }

    public required TimeProvider Time { get; init; }

    /// <summary>The subagent's session hooks (SubagentStop), by the parent's session id.</summary>
    public Func<string, ISessionHooks>? SessionHooks { get; init; }

    /// <summary>The tool hooks (PreToolUse, PostToolUse), by the parent's session id.</summary>
    public Func<string, IToolHooks>? ToolHooks { get; init; }
}
