namespace Wright.Permissions.Dependencies;

/// <summary>A package registry and the names it holds.</summary>
public enum Ecosystem
{
    /// <summary>The npm registry (npm, pnpm, yarn, bun).</summary>
    Npm,

    /// <summary>The Python Package Index (pip, uv, poetry, pipx).</summary>
    PyPI,

    /// <summary>crates.io (cargo).</summary>
    Crates,

    /// <summary>Go modules through the module proxy.</summary>
    Go,

    /// <summary>nuget.org (dotnet, nuget).</summary>
    NuGet,

    /// <summary>rubygems.org (gem, bundle).</summary>
    RubyGems,

    /// <summary>Packagist (composer).</summary>
    Packagist,
}
