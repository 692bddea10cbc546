namespace Wright.Permissions.Dependencies.Manifests;

/// <summary>Recognises dependency manifests and lockfiles by name.</summary>
public static class ManifestFiles
{
    private static readonly Dictionary<string, ManifestKind> Exact = new(StringComparer.Ordinal)
    {
        ["package.json"] = new(Ecosystem.Npm, ManifestFormat.PackageJson),
        ["pyproject.toml"] = new(Ecosystem.PyPI, ManifestFormat.PyProject),
        ["Pipfile"] = new(Ecosystem.PyPI, ManifestFormat.Pipfile),
        ["Cargo.toml"] = new(Ecosystem.Crates, ManifestFormat.CargoToml),
        ["go.mod"] = new(Ecosystem.Go, ManifestFormat.GoMod),
        ["Gemfile"] = new(Ecosystem.RubyGems, ManifestFormat.Gemfile),
        ["gems.rb"] = new(Ecosystem.RubyGems, ManifestFormat.Gemfile),
        ["composer.json"] = new(Ecosystem.Packagist, ManifestFormat.ComposerJson),
        ["packages.config"] = new(Ecosystem.NuGet, ManifestFormat.PackagesConfig),
        ["Directory.Packages.props"] = new(Ecosystem.NuGet, ManifestFormat.MsBuild),
        ["Directory.Build.props"] = new(Ecosystem.NuGet, ManifestFormat.MsBuild),
        ["Directory.Build.targets"] = new(Ecosystem.NuGet, ManifestFormat.MsBuild),
        ["package-lock.json"] = new(Ecosystem.Npm, ManifestFormat.Lockfile),
        ["npm-shrinkwrap.json"] = new(Ecosystem.Npm, ManifestFormat.Lockfile),
        ["yarn.lock"] = new(Ecosystem.Npm, ManifestFormat.Lockfile),
        ["pnpm-lock.yaml"] = new(Ecosystem.Npm, ManifestFormat.Lockfile),
        ["bun.lock"] = new(Ecosystem.Npm, ManifestFormat.Lockfile),
        ["bun.lockb"] = new(Ecosystem.Npm, ManifestFormat.Lockfile),
        ["poetry.lock"] = new(Ecosystem.PyPI, ManifestFormat.Lockfile),
        ["uv.lock"] = new(Ecosystem.PyPI, ManifestFormat.Lockfile),
        ["Pipfile.lock"] = new(Ecosystem.PyPI, ManifestFormat.Lockfile),
        ["pdm.lock"] = new(Ecosystem.PyPI, ManifestFormat.Lockfile),
        ["pylock.toml"] = new(Ecosystem.PyPI, ManifestFormat.Lockfile),
        ["Cargo.lock"] = new(Ecosystem.Crates, ManifestFormat.Lockfile),
        ["go.sum"] = new(Ecosystem.Go, ManifestFormat.Lockfile),
        ["packages.lock.json"] = new(Ecosystem.NuGet, ManifestFormat.Lockfile),
        ["Gemfile.lock"] = new(Ecosystem.RubyGems, ManifestFormat.Lockfile),
        ["gems.locked"] = new(Ecosystem.RubyGems, ManifestFormat.Lockfile),
        ["composer.lock"] = new(Ecosystem.Packagist, ManifestFormat.Lockfile),
    };

    /// <summary>
    /// What the file at <paramref name="path"/> is, by its name: the manifests and lockfiles above, MSBuild projects
    /// (<c>*.csproj</c>, <c>*.fsproj</c>, <c>*.vbproj</c>), <c>requirements*.txt</c> / <c>requirements*.in</c>, any
    /// <c>.txt</c> in a <c>requirements</c> folder, <c>pylock.*.toml</c>; null for anything else.
    /// </summary>
    public static ManifestKind? Classify(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        var name = Path.GetFileName(path);
        if (Exact.TryGetValue(name, out var kind))
            return kind;
        if (name.EndsWith(".csproj", StringComparison.OrdinalIgnoreCase) || name.EndsWith(".fsproj", StringComparison.OrdinalIgnoreCase)
            || name.EndsWith(".vbproj", StringComparison.OrdinalIgnoreCase))
            return new ManifestKind(Ecosystem.NuGet, ManifestFormat.MsBuild);
        if (name.StartsWith("requirements", StringComparison.OrdinalIgnoreCase)
            && (name.EndsWith(".txt", StringComparison.OrdinalIgnoreCase) || name.EndsWith(".in", StringComparison.OrdinalIgnoreCase)))
            return new ManifestKind(Ecosystem.PyPI, ManifestFormat.Requirements);
        if (name.EndsWith(".txt", StringComparison.OrdinalIgnoreCase) && Path.GetFileName(Path.GetDirectoryName(path) ?? "") is { } folder
            && folder.Equals("requirements", StringComparison.OrdinalIgnoreCase))
            return new ManifestKind(Ecosystem.PyPI, ManifestFormat.Requirements);
        if (name.StartsWith("pylock.", StringComparison.Ordinal) && name.EndsWith(".toml", StringComparison.Ordinal))
            return new ManifestKind(Ecosystem.PyPI, ManifestFormat.Lockfile);
        return null;
    }
}
