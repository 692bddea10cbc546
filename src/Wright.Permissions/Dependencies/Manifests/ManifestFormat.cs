namespace Wright.Permissions.Dependencies.Manifests;

/// <summary>How a dependency manifest is written.</summary>
public enum ManifestFormat
{
    /// <summary>package.json.</summary>
    PackageJson,

    /// <summary>requirements*.txt and friends (pip's requirement lines).</summary>
    Requirements,

    /// <summary>pyproject.toml (PEP 621, dependency groups, poetry, uv).</summary>
    PyProject,

    /// <summary>Pipfile.</summary>
    Pipfile,

    /// <summary>Cargo.toml.</summary>
    CargoToml,

    /// <summary>MSBuild project files (*.csproj, Directory.Packages.props, …).</summary>
    MsBuild,

    /// <summary>NuGet's packages.config.</summary>
    PackagesConfig,

    /// <summary>go.mod.</summary>
    GoMod,

    /// <summary>Gemfile.</summary>
    Gemfile,

    /// <summary>composer.json.</summary>
    ComposerJson,

    /// <summary>A lockfile of any ecosystem (package-lock.json, poetry.lock, Cargo.lock, go.sum, …).</summary>
    Lockfile,
}
