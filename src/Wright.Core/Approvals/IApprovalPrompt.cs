namespace Wright.Permissions;

/// <summary>How a host asks a person (the TUI, an ACP client). Headless runs have none and are denied instead.</summary>
public interface IApprovalPrompt
{
    /// <summary>Asks; the call waits for the answer.</summary>
    ValueTask<ApprovalAnswer> AskAsync(ApprovalRequest request, CancellationToken cancellationToken);
}
