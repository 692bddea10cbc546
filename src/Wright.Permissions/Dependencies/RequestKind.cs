namespace Wright.Permissions.Dependencies;

/// <summary>What a new dependency is: a registry package to look up, or something no registry can vouch for.</summary>
public enum RequestKind
{
    /// <summary>A package of the ecosystem's public registry: looked up.</summary>
    Package,

    /// <summary>Installed from a URL or a version-control repository.</summary>
    Url,

    /// <summary>Installed from another registry or package index than the public one (the name is its address).</summary>
    OtherIndex,

    /// <summary>The package name is computed when the command runs (a variable, a substitution).</summary>
    Computed,

    /// <summary>The package names come from input the command reads (xargs, a requirements file on stdin or elsewhere).</summary>
    FromInput,

    /// <summary>A lockfile written by hand (the name is the file): it decides exactly what gets installed.</summary>
    Lockfile,

    /// <summary>A shell command writes a dependency manifest itself (the name is the file).</summary>
    ShellManifestWrite,

    /// <summary>A manifest's new content cannot be read (the name is the file).</summary>
    Unreadable,
}
