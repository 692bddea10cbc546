using Wright.Core.Approvals;
using Wright.Core.Events;
using Wright.Core.Tools;
using Wright.Permissions.Rules;

namespace Wright.Permissions;

/// <summary>
/// Decides every tool call: rules (deny &gt; ask &gt; allow), then the mode, then the lethal-trifecta guard — once the
/// session holds untrusted content every sink asks each time (never "always"), and untrusted content plus a secret
/// read blocks egress outright. It is the same for every host: a host only answers the questions it asks
/// (<see cref="DecideAsync"/> returns <see cref="ToolApproval.Ask"/>), and no answer can turn its denials into approvals.
/// </summary>
public sealed class PermissionEngine(PermissionMode mode, RuleSet rules, string workspace, IApprovalPrompt? prompt = null, bool sandboxed = false)
    : IToolPermissions
{
    private volatile PermissionMode _mode = mode;

    /// <summary>The session's labels.</summary>
    public SessionTaint Taint { get; } = new();

    /// <summary>
    /// The mode. Setting it (the set-mode operation) applies to the next decision; the taint and the session's
    /// "always" rules stay, so nothing learnt about the session is lost.
    /// </summary>
    public PermissionMode Mode
    {
        get => _mode;
        set => _mode = value;
    }

    /// <summary>The rules (including this session's "always" answers).</summary>
    public RuleSet Rules => rules;

    /// <summary>
    /// Decides a call and, when a person must decide, asks the prompt given at construction (without one: denies,
    /// saying how to allow it), then records the answer. For callers without the engine's approval protocol (the
    /// session uses <see cref="DecideAsync"/> and <see cref="Resolve"/>).
    /// </summary>
    public async ValueTask<ToolApproval> ApproveAsync(ToolCall call, ITool tool, CancellationToken cancellationToken)
    {
        var decision = await DecideAsync(call, tool, cancellationToken);
        if (decision.Request is not { } request)
            return decision;
        var answer = prompt is null
            ? ApprovalAnswer.Refuse(CannotAsk(request))
            : await prompt.AskAsync(request with { CallId = call.CallId, Arguments = call.Arguments.GetRawText() }, cancellationToken);
        return Resolve(call, request, answer);
    }

    /// <summary>Why a call that needs approval is refused where no one can be asked, and how to allow it.</summary>
    public static string CannotAsk(ApprovalRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        var hint = request.CanRemember ? $" Allow it with --allow '{request.SuggestedRule}' or" : "";
        return $"needs approval ({request.Reason}), and this run cannot ask.{hint} choose another --permission-mode.";
    }

    /// <inheritdoc />
    public ToolApproval Resolve(ToolCall call, ApprovalRequest request, ApprovalAnswer answer)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(answer);
        if (!answer.Allowed)
        {
            return ToolApproval.Deny(answer.Reason ?? (answer.Feedback is { Length: > 0 } feedback
                ? $"the user declined: {feedback}"
                : "the user declined this call."));
        }

        if (answer.Remember && request.CanRemember
            && PermissionRule.Parse(RuleEffect.Allow, request.SuggestedRule!, "this session", out _) is { } sessionRule)
            rules.Add(sessionRule);
        return ToolApproval.Allow;
    }

    /// <inheritdoc />
    public ValueTask<ToolApproval> DecideAsync(ToolCall call, ITool tool, CancellationToken cancellationToken) =>
        ValueTask.FromResult(Decide(call, tool));

    private ToolApproval Decide(ToolCall call, ITool tool)
    {
        var mode = _mode;
        var action = ActionClassifier.Classify(call, tool.Effect, workspace, rules.Home);
        var (effect, rule) = rules.Evaluate(action);
        if (effect == RuleEffect.Deny)
            return ToolApproval.Deny($"blocked by the rule deny {rule!.Text} ({rule.Source}).");
        if (mode == PermissionMode.Yolo)
            return ToolApproval.Allow;

        if (Taint.IsUntrusted && Taint.HasSecrets && action.IsEgress)
        {
            return ToolApproval.Deny($"blocked: this session holds untrusted content (from {Taint.UntrustedSources[0]}) and has read secrets " +
                $"({Taint.SecretsRead[0]}), so nothing may be sent out ({action.Sink}). Start a new session for this.");
        }

        var reasons = new List<string>();
        var mayRemember = true;
        if (action.Sink is { } sink && Taint.IsUntrusted)
        {
            reasons.Add($"the session holds untrusted content from {Taint.UntrustedSources[0]}, and this is a sink: {sink}");
            mayRemember = false;
        }
        else if (action.Sink is { } configSink && !action.IsEgress && !action.SinkOnlyWhenTainted)
        {
            reasons.Add(configSink);
            mayRemember = false;
        }

        if (action.Command is { RulesMayDecide: false } command)
        {
            reasons.AddRange(command.Reasons.Select(r => "the command " + r));
            mayRemember = false;
        }

        if (effect == RuleEffect.Ask)
            reasons.Add($"the rule ask {rule!.Text} ({rule.Source})");

        if (reasons.Count == 0)
        {
            if (effect == RuleEffect.Allow)
                return ToolApproval.Allow;
            if (ModeDefault(action, tool, mode) is { } byMode)
                return byMode;
            reasons.Add(ModeReason(action, mode));
        }

        if (mode == PermissionMode.Plan)
            return ToolApproval.Deny($"plan mode is read-only: {action.Tool} is not allowed ({string.Join("; ", reasons)}).");
        return ToolApproval.Ask(new ApprovalRequest(action.Tool, action.Display, string.Join("; ", reasons), mayRemember, action.SuggestedRule));
    }

    /// <inheritdoc />
    public void Observe(ToolCall call, ToolCallFinished finished)
    {
        if (finished.Status is ToolCallStatus.Denied)
            return;
        if (finished.UntrustedSource is { } source)
            Taint.AddUntrusted(source);
        if (finished.Status != ToolCallStatus.Ok)
            return;
        var action = ActionClassifier.Classify(call, ToolEffect.ReadOnly, workspace, rules.Home);
        if (action.SecretRead is { } secret)
            Taint.AddSecret(secret);
        if (action.Kind == ActionKind.Read && action.OutsideWorkspace)
            Taint.AddUntrusted($"{call.Name} outside the workspace ({string.Join(", ", action.Paths)})");
        if (action.Kind == ActionKind.Mcp)
            Taint.AddUntrusted($"MCP tool {call.Name}");
    }

    private ToolApproval? ModeDefault(ActionProfile action, ITool tool, PermissionMode mode)
    {
        if (action.Kind == ActionKind.Read || (tool.Effect == ToolEffect.ReadOnly && action.Kind is not ActionKind.Network and not ActionKind.Mcp))
            return action.SecretRead is not null && action.OutsideWorkspace && mode is not PermissionMode.Auto ? null : ToolApproval.Allow;
        return mode switch
        {
            PermissionMode.AcceptEdits when action.Kind == ActionKind.Edit && !action.OutsideWorkspace => ToolApproval.Allow,
            PermissionMode.Auto when action.Kind == ActionKind.Edit && !action.OutsideWorkspace => ToolApproval.Allow,
            PermissionMode.Auto when action.Kind == ActionKind.Shell && sandboxed => ToolApproval.Allow,
            PermissionMode.Auto when action.Kind is ActionKind.Network or ActionKind.Other or ActionKind.Mcp => ToolApproval.Allow,
            PermissionMode.Ask or PermissionMode.AcceptEdits when action.Kind is ActionKind.Network or ActionKind.Other => tool.Effect == ToolEffect.ReadOnly ? ToolApproval.Allow : null,
            _ => null,
        };
    }

    private static string ModeReason(ActionProfile action, PermissionMode mode) => action switch
    {
        { Kind: ActionKind.Edit, OutsideWorkspace: true } => "it writes outside the workspace",
        { Kind: ActionKind.Shell } when mode == PermissionMode.Auto => "shell commands need the sandbox, which is not active",
        { Kind: ActionKind.Read, SecretRead: { } secret } => $"it reads a secret outside the workspace ({secret})",
        _ => $"{action.Tool} is not automatic in {ModeName(mode)} mode",
    };

    /// <summary>The mode's name as written on the command line.</summary>
    public static string ModeName(PermissionMode mode) => mode switch
    {
        PermissionMode.AcceptEdits => "accept-edits",
        _ => mode.ToString().ToLowerInvariant(),
    };
}
