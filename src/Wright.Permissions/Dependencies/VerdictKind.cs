namespace Wright.Permissions.Dependencies;

/// <summary>What the dependency check decides about a package (ordered: a call takes its worst package's verdict).</summary>
public enum VerdictKind
{
    /// <summary>Nothing against it: it may be installed.</summary>
    Allowed,

    /// <summary>A person must look at the evidence first (denied where no one can be asked).</summary>
    Ask,

    /// <summary>It does not exist: refused in every mode.</summary>
    Blocked,
}
