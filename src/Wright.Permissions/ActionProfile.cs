using Wright.Permissions.Shell;

namespace Wright.Permissions;

/// <summary>A tool call as the permission layer sees it.</summary>
public sealed record ActionProfile(string Tool, ActionKind Kind, string Display)
{
    /// <summary>Absolute paths the call reads or writes.</summary>
    public IReadOnlyList<string> Paths { get; init; } = [];

    /// <summary>The shell command's assessment, for shell calls.</summary>
    public CommandAssessment? Command { get; init; }

    /// <summary>The host a network call goes to.</summary>
    public string? Host { get; init; }

    /// <summary>Why this call is a sink (sends data out, or writes agent/editor/git configuration), or null.</summary>
    public string? Sink { get; init; }

    /// <summary>Whether the sink is network egress (as opposed to a configuration write).</summary>
    public bool IsEgress { get; init; }

    /// <summary>
    /// A sink only for a tainted session: harmless on its own, but what it writes outlives the session (e.g. a memory
    /// that later system prompts carry), so untrusted content must not reach it unapproved.
    /// </summary>
    public bool SinkOnlyWhenTainted { get; init; }

    /// <summary>What secret the call reads, or null.</summary>
    public string? SecretRead { get; init; }

    /// <summary>Whether any path lies outside the workspace.</summary>
    public bool OutsideWorkspace { get; init; }

    /// <summary>The rule a person may choose to remember for this call.</summary>
    public string? SuggestedRule { get; init; }
}
