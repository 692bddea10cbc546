using Wright.Core.Approvals;
using Wright.Permissions;

namespace Wright.Tests.Safety;

/// <summary>An approval prompt that records what it was asked and gives one fixed answer.</summary>
public sealed class RecordingPrompt(ApprovalAnswer answer) : IApprovalPrompt
{
    public List<ApprovalRequest> Requests { get; } = [];

    public ValueTask<ApprovalAnswer> AskAsync(ApprovalRequest request, CancellationToken cancellationToken)
    {
        Requests.Add(request);
        return ValueTask.FromResult(answer);
    }
}
