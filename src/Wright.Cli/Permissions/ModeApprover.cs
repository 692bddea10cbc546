using System.Globalization;
using Wright.Cli.Text;
using Wright.Core.Tools;

namespace Wright.Cli.Permissions;

/// <summary>Approves tool calls by permission mode.</summary>
internal sealed class ModeApprover(PermissionMode mode) : IToolApprover
{
    public ValueTask<ToolApproval> ApproveAsync(ToolCall call, ITool tool, CancellationToken cancellationToken) =>
        ValueTask.FromResult(mode == PermissionMode.Yolo || tool.Effect == ToolEffect.ReadOnly
            ? ToolApproval.Allow
            : ToolApproval.Deny(string.Format(CultureInfo.InvariantCulture, Strings.ToolDenied, tool.Name)));
}
