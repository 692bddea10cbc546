namespace Wright.Permissions.Dependencies;

/// <summary>
/// The dependency check's verdict on one tool call: the worst of its packages' verdicts, and the message for each
/// outcome (refused, the reason to ask, refused for want of a person).
/// </summary>
public sealed record DependencyVerdict(IReadOnlyList<PackageVerdict> Packages, string Action, Text.DependencyText Text, string UserConfig)
{
    /// <summary>The worst verdict.</summary>
    public VerdictKind Kind => Packages.Count == 0 ? VerdictKind.Allowed : Packages.Max(p => p.Kind);

    /// <summary>Why the call is refused (for <see cref="VerdictKind.Blocked"/>): the missing packages, with suggestions.</summary>
    public string Refusal => Text.Blocked(Action, Packages.Where(p => p.Kind == VerdictKind.Blocked).Select(p => p.Evidence));

    /// <summary>Why a person is asked (for <see cref="VerdictKind.Ask"/>): the evidence on each doubtful package.</summary>
    public string Reason => Text.AskReason(Packages.Where(p => p.Kind == VerdictKind.Ask).Select(p => p.Evidence));

    /// <summary>Why the call is refused where no one can be asked.</summary>
    public string CannotAsk => Text.CannotAsk(Packages.Where(p => p.Kind == VerdictKind.Ask).Select(p => p.Evidence), UserConfig);
}
