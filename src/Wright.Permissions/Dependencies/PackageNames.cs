namespace Wright.Permissions.Dependencies;

/// <summary>How each registry compares names, and the ecosystems' config keys.</summary>
public static class PackageNames
{
    /// <summary>
    /// The name as the registry compares it: PyPI folds case and runs of <c>- _ .</c> (PEP 503); crates.io folds case
    /// and <c>-</c>/<c>_</c>; NuGet, RubyGems and Packagist fold case; npm and Go compare exactly.
    /// </summary>
    public static string Normalize(Ecosystem ecosystem, string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        switch (ecosystem)
        {
            case Ecosystem.PyPI:
                var builder = new System.Text.StringBuilder(name.Length);
                foreach (var c in name.ToLowerInvariant())
                {
                    if (c is '-' or '_' or '.')
                    {
                        if (builder.Length == 0 || builder[^1] != '-')
                            builder.Append('-');
                    }
                    else
                    {
                        builder.Append(c);
                    }
                }

                return builder.ToString();
            case Ecosystem.Crates:
                return name.ToLowerInvariant().Replace('_', '-');
            case Ecosystem.NuGet or Ecosystem.RubyGems or Ecosystem.Packagist:
                return name.ToLowerInvariant();
            default:
                return name;
        }
    }

    /// <summary>The ecosystem's config key (<c>npm</c>, <c>pypi</c>, <c>crates</c>, <c>go</c>, <c>nuget</c>, <c>rubygems</c>, <c>packagist</c>).</summary>
    public static string Key(Ecosystem ecosystem) => ecosystem switch
    {
        Ecosystem.Npm => "npm",
        Ecosystem.PyPI => "pypi",
        Ecosystem.Crates => "crates",
        Ecosystem.Go => "go",
        Ecosystem.NuGet => "nuget",
        Ecosystem.RubyGems => "rubygems",
        _ => "packagist",
    };

    /// <summary>The ecosystem of a config key, or null.</summary>
    public static Ecosystem? FromKey(string key) => key.ToLowerInvariant() switch
    {
        "npm" => Ecosystem.Npm,
        "pypi" => Ecosystem.PyPI,
        "crates" or "cargo" => Ecosystem.Crates,
        "go" => Ecosystem.Go,
        "nuget" => Ecosystem.NuGet,
        "rubygems" or "gem" => Ecosystem.RubyGems,
        "packagist" or "composer" => Ecosystem.Packagist,
        _ => null,
    };
}
