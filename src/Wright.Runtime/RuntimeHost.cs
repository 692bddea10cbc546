using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Wright.Core.Approvals;

namespace Wright.Runtime;

/// <summary>
/// What a host brings to a session: its environment, where start-up warnings go, who answers approvals, and its
/// logging. One host usually passes the same instance to every session it starts.
/// </summary>
public sealed class RuntimeHost
{
    /// <summary>Reads an environment variable (tests and servers pass their own).</summary>
    public Func<string, string?> Environment { get; init; } = System.Environment.GetEnvironmentVariable;

    /// <summary>The host's current directory (the default workspace).</summary>
    public string CurrentDirectory { get; init; } = Directory.GetCurrentDirectory();

    /// <summary>Start-up warnings and notices (untrusted project config ignored, an MCP server down, the yolo banner).</summary>
    public TextWriter Diagnostics { get; init; } = TextWriter.Null;

    /// <summary>
    /// Answers approval requests: the terminal's dialog, <see cref="Approvals.DenyingApprovals"/> for headless runs, an ACP
    /// client, an <see cref="Approvals.ApprovalQueue"/>. Null: requests wait for <see cref="RuntimeSession.ResolveApproval"/>.
    /// </summary>
    public IApprovalPrompt? Approvals { get; init; }

    /// <summary>Answers MCP servers' elicitation requests (a form for the person); null declines them (headless).</summary>
    public Wright.Mcp.Elicitation.IMcpElicitor? Elicitor { get; init; }

    /// <summary>Logging (off by default).</summary>
    public ILoggerFactory LoggerFactory { get; init; } = NullLoggerFactory.Instance;

    /// <summary>The clock.</summary>
    public TimeProvider Time { get; init; } = TimeProvider.System;
}
