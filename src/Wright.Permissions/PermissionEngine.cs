using System.Collections.Concurrent;
using Wright.Core.Approvals;
using Wright.Core.Events;
using Wright.Core.Tools;
using Wright.Permissions.Dependencies;
using Wright.Permissions.Rules;
using Wright.Permissions.Secrets;
using Wright.Permissions.Trifecta;

namespace Wright.Permissions;

/// <summary>
/// Decides every tool call: rules (deny &gt; ask &gt; allow), then the mode, then the lethal-trifecta guard — once the
/// session holds untrusted content every sink asks each time (never "always"), and untrusted content plus a secret
/// read blocks egress outright. Writes to protected locations (git metadata, hooks, CI, agent and editor settings) ask
/// in every mode but yolo. The same labels decide the sandbox's network at its proxy (<see cref="Egress"/>). It is the
/// same for every host: a host only answers the questions it asks (<see cref="DecideAsync"/> returns
/// <see cref="ToolApproval.Ask"/>), and no answer can turn its denials into approvals; calls that need a person are
/// denied with a clear message when no one can be asked (<see cref="CannotAsk"/>). New dependencies go past the
/// slopsquatting guard (<see cref="Dependencies"/>) in every mode, yolo included: a package that does not exist is
/// refused, a doubtful one is shown to a person (refused where no one can be asked).
/// </summary>
public sealed class PermissionEngine : IToolPermissions
{
    private volatile PermissionMode _mode;
    // Shell calls whose approval also approves their network requests at the egress proxy, by call id, until answered.
    private readonly ConcurrentDictionary<string, bool> _egressAsked = new(StringComparer.Ordinal);
    private readonly RuleSet _rules;
    private readonly string _workspace;
    private readonly IApprovalPrompt? _prompt;
    private readonly bool _sandboxed;
    private readonly string? _wrightHome;

    /// <summary>
    /// Creates the engine. <paramref name="workspaceTrusted"/>: the workspace is a project the user trusts (its files,
    /// instruction files and command output are then not counted as untrusted content); <paramref name="wrightHome"/>:
    /// Wright's own home, protected from the agent's writes like the workspace's <c>.wright</c>.
    /// </summary>
    public PermissionEngine(PermissionMode mode, RuleSet rules, string workspace, IApprovalPrompt? prompt = null, bool sandboxed = false,
        bool workspaceTrusted = false, string? wrightHome = null)
    {
        ArgumentNullException.ThrowIfNull(rules);
        _mode = mode;
        _rules = rules;
        _workspace = workspace;
        _prompt = prompt;
        _sandboxed = sandboxed;
        _wrightHome = wrightHome;
        if (!workspaceTrusted)
            Taint.MarkWorkspaceUntrusted($"the files of {workspace}, which is not a trusted project");
        Egress = new EgressGate(Taint, () => _mode, prompt);
    }

    /// <summary>The session's labels.</summary>
    public SessionTaint Taint { get; } = new();

    /// <summary>The trifecta guard for the sandbox's egress proxy, over this engine's labels.</summary>
    public EgressGate Egress { get; }

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
    public RuleSet Rules => _rules;

    /// <summary>The slopsquatting guard that judges new dependencies (null: none).</summary>
    public DependencyGuard? Dependencies { get; init; }

    /// <summary>
    /// Decides a call and, when a person must decide, asks the prompt given at construction (without one: denies,
    /// saying how to allow it), then records the answer. For callers without the engine's approval protocol (the
    /// session uses <see cref="DecideAsync"/> and <see cref="Resolve"/>).
    /// </summary>
    public async ValueTask<ToolApproval> ApproveAsync(ToolCall call, ITool tool, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(call);
        var decision = await DecideAsync(call, tool, cancellationToken);
        if (decision.Request is not { } request)
            return decision;
        var answer = _prompt is null
            ? ApprovalAnswer.Refuse(CannotAsk(request))
            : await _prompt.AskAsync(request with { CallId = call.CallId, Arguments = call.Arguments.GetRawText() }, cancellationToken);
        return Resolve(call, request, answer);
    }

    /// <summary>Why a call that needs approval is refused where no one can be asked, and how to allow it.</summary>
    public static string CannotAsk(ApprovalRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (request.UnattendedRefusal is { } refusal)
            return refusal;
        if (request.ProtectedReason is { } why)
            return $"blocked: {why.Replace("it writes ", "this call writes ", StringComparison.Ordinal)}, which Wright changes only with a person's approval, and this run cannot ask (in every mode but yolo).";
        var hint = request.CanRemember ? $" Allow it with --allow '{request.SuggestedRule}' or" : "";
        return $"needs approval ({request.Reason}), and this run cannot ask.{hint} choose another --permission-mode.";
    }

    /// <inheritdoc />
    public ToolApproval Resolve(ToolCall call, ApprovalRequest request, ApprovalAnswer answer)
    {
        ArgumentNullException.ThrowIfNull(call);
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(answer);
        var egress = _egressAsked.TryRemove(call.CallId, out _);
        if (!answer.Allowed)
        {
            return ToolApproval.Deny(answer.Reason ?? (answer.Feedback is { Length: > 0 } feedback
                ? $"the user declined: {feedback}"
                : "the user declined this call."));
        }

        if (egress)
            Egress.ApproveCall(call.CallId);
        if (answer.Remember && request.CanRemember
            && PermissionRule.Parse(RuleEffect.Allow, request.SuggestedRule!, "this session", out _) is { } sessionRule)
            _rules.Add(sessionRule);
        return ToolApproval.Allow;
    }

    /// <inheritdoc />
    public async ValueTask<ToolApproval> DecideAsync(ToolCall call, ITool tool, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(call);
        ArgumentNullException.ThrowIfNull(tool);
        var mode = _mode;
        var action = ActionClassifier.Classify(call, tool.Effect, _workspace, _rules.Home, _wrightHome);
        var (effect, rule) = _rules.Evaluate(action);
        // The guard judges what the call would add, unless the call is refused anyway (then no name is sent anywhere).
        // Names go to the registries only while the session holds no untrusted content from outside (a name can carry
        // data out before anyone approved it; yolo gives that protection up); otherwise only cached answers count.
        var dependencies = effect == RuleEffect.Deny || mode == PermissionMode.Plan || Exfiltration(action, mode) || Dependencies is not { } guard
            ? null
            : await guard.AssessAsync(call, tool, _workspace, mayLookUp: mode == PermissionMode.Yolo || !Taint.IsUntrusted, cancellationToken);
        return Decide(call, tool, mode, action, (effect, rule), dependencies);
    }

    /// <summary>Whether the trifecta guard refuses this egress outright (untrusted content and secrets in the session).</summary>
    private bool Exfiltration(ActionProfile action, PermissionMode mode) =>
        mode != PermissionMode.Yolo && action.IsEgress && action.Sink is not null && Taint.HoldsUntrustedContent && Taint.HasSecrets;

    private ToolApproval Decide(ToolCall call, ITool tool, PermissionMode mode, ActionProfile action, (RuleEffect? Effect, PermissionRule? Rule) ruling,
        DependencyVerdict? dependencies)
    {
        var (effect, rule) = ruling;
        if (effect == RuleEffect.Deny)
            return ToolApproval.Deny($"blocked by the rule deny {rule!.Text} ({rule.Source}).");
        if (dependencies is { Kind: VerdictKind.Blocked })
            return ToolApproval.Deny(dependencies.Refusal);
        var doubtful = dependencies is { Kind: VerdictKind.Ask } ? dependencies : null;
        if (mode == PermissionMode.Yolo)
        {
            // Nothing else asks in yolo, but a doubtful dependency still needs a person (refused where there is none).
            return doubtful is null
                ? ToolApproval.Allow
                : ToolApproval.Ask(new ApprovalRequest(action.Tool, action.Display, doubtful.Reason, false, null) { UnattendedRefusal = doubtful.CannotAsk });
        }

        var untrusted = Taint.FirstUntrustedSource;
        if (Exfiltration(action, mode) && action.Sink is { } exfil)
        {
            return ToolApproval.Deny($"blocked: this session holds untrusted content (from {untrusted}) and has read secrets " +
                $"({Taint.SecretsRead[0]}), so nothing may be sent out ({exfil}). Start a new session for this.");
        }

        var reasons = new List<string>();
        var mayRemember = true;
        var egressApproval = false;
        void Add(string reason)
        {
            reasons.Add(reason);
            mayRemember = false;
        }

        if (action.IsEgress && Taint.HoldsUntrustedContent && Taint.HasSecrets)
        {
            Add($"the session holds untrusted content from {untrusted} and has read secrets ({Taint.SecretsRead[0]}), so every request is a person's call");
            egressApproval = true;
        }
        else if (action.IsEgress && action.Sink is { } sink && Taint.IsUntrusted)
        {
            Add($"the session holds untrusted content from {Taint.UntrustedSources[0]}, and this is a sink: {sink}");
            egressApproval = true;
        }

        // What the workspace's own untrusted files say may persist in the workspace (it could ship that itself), not
        // beyond it; content from outside may persist nowhere unapproved.
        if (action.PersistentSink is { } persistent && (Taint.IsUntrusted || (Taint.HasUntrustedWorkspace && action.PersistsBeyondWorkspace)))
            Add($"the session holds untrusted content from {(Taint.IsUntrusted ? Taint.UntrustedSources[0] : untrusted)}, and this is a sink: it {persistent}");
        if (action.Protected is { } protectedWhy)
            Add(protectedWhy);
        if (action.Kind == ActionKind.Shell && !_sandboxed && Taint.IsUntrusted)
        {
            Add($"the session holds untrusted content from {Taint.UntrustedSources[0]}, and without a sandbox any program this command starts can send data out");
            egressApproval = true;
        }

        foreach (var r in action.Command?.Reasons ?? [])
            Add("the command " + r);
        if (doubtful is not null)
            Add(doubtful.Reason);

        if (effect == RuleEffect.Ask)
            reasons.Add($"the rule ask {rule!.Text} ({rule.Source})");

        if (reasons.Count == 0)
        {
            if (ModeDefault(action, tool, mode) is { } byMode)
                return byMode;
            // An allow rule names the program, not what its options do: a file written through an option, or an
            // option hidden behind a glob, is shown to a person.
            var ruled = action.Command?.RuleReasons ?? [];
            if (effect == RuleEffect.Allow && ruled.Count == 0)
                return ToolApproval.Allow;
            if (effect != RuleEffect.Allow)
                reasons.Add(ModeReason(action, mode));
            foreach (var r in ruled)
                Add("the command " + r);
        }

        if (mode == PermissionMode.Plan)
            return ToolApproval.Deny($"plan mode is read-only: {action.Tool} is not allowed ({string.Join("; ", reasons)}).");
        if (egressApproval && action.Kind == ActionKind.Shell)
            _egressAsked[call.CallId] = true;
        return ToolApproval.Ask(new ApprovalRequest(action.Tool, action.Display, string.Join("; ", reasons), mayRemember, action.SuggestedRule)
        {
            ProtectedReason = action.Protected,
            UnattendedRefusal = doubtful?.CannotAsk,
        });
    }

    /// <inheritdoc />
    public void Observe(ToolCall call, ToolCallFinished finished)
    {
        ArgumentNullException.ThrowIfNull(call);
        ArgumentNullException.ThrowIfNull(finished);
        if (call.Name == "shell")
            Egress.EndCall(call.CallId);
        if (finished.Status is ToolCallStatus.Denied)
            return;
        if (finished.UntrustedSource is { } source)
            Taint.AddUntrusted(source);
        if (finished.Status != ToolCallStatus.Ok)
            return;
        var action = ActionClassifier.Classify(call, ToolEffect.ReadOnly, _workspace, _rules.Home, _wrightHome);
        if (action.SecretRead is { } secret)
            Taint.AddSecret(secret);
        else if (action.Kind is ActionKind.Shell or ActionKind.Read && SecretOutput.Find(finished.Result) is { } shown)
            Taint.AddSecret($"{shown} (in the output of {call.Name})");
        if (action.Kind == ActionKind.Read && action.OutsideWorkspace)
            Taint.AddUntrusted($"{call.Name} outside the workspace ({string.Join(", ", action.Paths)})");
        if (action.ThirdPartyRead is { } package)
            Taint.AddUntrusted($"{call.Name} of third-party package files ({package})");
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
            PermissionMode.Auto when action.Kind == ActionKind.Shell && _sandboxed => ToolApproval.Allow,
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
