namespace Wright.Permissions.Rules;

/// <summary>What a rule says. Precedence: deny over ask over allow.</summary>
public enum RuleEffect
{
    /// <summary>Run without asking.</summary>
    Allow,

    /// <summary>Always ask a person.</summary>
    Ask,

    /// <summary>Never run.</summary>
    Deny,
}
