using Wright.Core.Approvals;

namespace Wright.Permissions.Trifecta;

/// <summary>
/// The trifecta guard at the network layer: the sandbox's egress proxy asks it about every connection, whatever
/// program opened it (<c>python3 script.py</c> is as much a sink as <c>curl</c>). With untrusted content and a secret
/// in the session nothing leaves; with untrusted content from outside the workspace a person approves each
/// destination while the command runs (for the rest of that command only, never "always"), unless the command itself
/// was approved as egress; when no one can be asked, the request is refused with a reason the program reports back.
/// </summary>
public sealed class EgressGate
{
    private readonly SessionTaint _taint;
    private readonly Func<PermissionMode> _mode;
    private readonly IApprovalPrompt? _prompt;
    private readonly Lock _gate = new();
    private readonly HashSet<string> _approvedCalls = new(StringComparer.Ordinal);
    private readonly Dictionary<string, Task<string?>> _answers = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>Creates the gate over a session's labels; <paramref name="prompt"/> null means no one can be asked.</summary>
    public EgressGate(SessionTaint taint, Func<PermissionMode> mode, IApprovalPrompt? prompt)
    {
        _taint = taint;
        _mode = mode;
        _prompt = prompt;
    }

    /// <summary>
    /// Decides one connection (<paramref name="target"/>: <c>host:port</c> for CONNECT, the URL for plain HTTP); returns
    /// why it is refused, or null to let it through.
    /// </summary>
    public async ValueTask<string?> DecideAsync(string method, string host, int port, string target, CancellationToken cancellationToken)
    {
        if (_mode() == PermissionMode.Yolo)
            return null;
        if (_taint.HoldsUntrustedContent && _taint.HasSecrets)
        {
            return $"blocked by Wright's trifecta guard: the session holds untrusted content (from {_taint.FirstUntrustedSource}) and has read " +
                $"secrets ({_taint.SecretsRead[0]}), so nothing may leave the sandbox (this request: {method} {target}). Start a new session for this.";
        }

        if (!_taint.IsUntrusted)
            return null;
        Task<string?> answer;
        lock (_gate)
        {
            if (_approvedCalls.Count > 0)
                return null;
            if (_prompt is null)
                return CannotAsk(method, target);

            if (!_answers.TryGetValue(host, out answer!))
                _answers[host] = answer = AskAsync(_prompt, method, host, port, target);
        }

        return await answer.WaitAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>A person approved this shell call knowing it reaches the network: its requests pass until it ends.</summary>
    public void ApproveCall(string callId)
    {
        lock (_gate)
            _approvedCalls.Add(callId);
    }

    /// <summary>A shell call ended: its approval and the per-destination answers given while it ran lapse.</summary>
    public void EndCall(string callId)
    {
        lock (_gate)
        {
            _approvedCalls.Remove(callId);
            _answers.Clear();
        }
    }

    private string CannotAsk(string method, string target) =>
        $"blocked by Wright's trifecta guard: the session holds untrusted content (from {_taint.UntrustedSources[0]}), so every " +
        $"request from the sandbox needs a person's approval, and this run cannot ask (this request: {method} {target}).";

    private async Task<string?> AskAsync(IApprovalPrompt prompt, string method, string host, int port, string target)
    {
        var request = new ApprovalRequest("network", $"{method} {target}",
            $"a command in the sandbox is connecting to {host}:{port}, and the session holds untrusted content from " +
            $"{_taint.UntrustedSources[0]}: any program can send data out, so each destination is a person's call (for this command only)",
            MayRemember: false, SuggestedRule: null);
        try
        {
            var answer = await prompt.AskAsync(request, CancellationToken.None).ConfigureAwait(false);
            // A policy that refuses without a person (headless) is no one to ask.
            if (!answer.Allowed && answer.Reason is not null)
                return CannotAsk(method, target);
            return answer.Allowed ? null
                : $"the user declined the connection to {host}:{port}" + (answer.Feedback is { Length: > 0 } feedback ? ": " + feedback : ".");
        }
        catch (OperationCanceledException)
        {
            return $"the connection to {host}:{port} was not approved.";
        }
    }
}
