namespace Wright.Permissions.Shell;

/// <summary>A redirection: operator (e.g. <c>&gt;</c>, <c>&gt;&gt;</c>, <c>&lt;</c>, <c>2&gt;&amp;</c>) and its target.</summary>
public sealed record Redirection(string Operator, string Target, bool TargetIsDynamic)
{
    /// <summary>Whether the redirection writes to a file (not a duplication of a descriptor, not input).</summary>
    public bool Writes => Operator.Contains('>', StringComparison.Ordinal) && !Operator.EndsWith('&') && !IsDescriptorTarget;

    private bool IsDescriptorTarget => Operator.EndsWith(">&", StringComparison.Ordinal) && Target.All(char.IsAsciiDigit);
}
