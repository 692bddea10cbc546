namespace Wright.Permissions.Dependencies.Registries;

/// <summary>
/// The base addresses Wright asks about packages (configurable under <c>dependencies.registries</c>, e.g. for a mirror
/// or a test registry): the public registries by default.
/// </summary>
public sealed class RegistryEndpoints
{
    /// <summary>The npm registry (package documents at <c>/{name}</c>).</summary>
    public string Npm { get; set; } = "https://registry.npmjs.org";

    /// <summary>npm's download counts (<c>/downloads/point/last-week/{name}</c>).</summary>
    public string NpmDownloads { get; set; } = "https://api.npmjs.org";

    /// <summary>PyPI's JSON API (<c>/pypi/{name}/json</c>).</summary>
    public string PyPI { get; set; } = "https://pypi.org";

    /// <summary>PyPI download counts (pypistats, <c>/api/packages/{name}/recent</c>).</summary>
    public string PyPIStats { get; set; } = "https://pypistats.org";

    /// <summary>crates.io's API (<c>/api/v1/crates/{name}</c>).</summary>
    public string Crates { get; set; } = "https://crates.io";

    /// <summary>The Go module proxy (<c>/{module}/@v/list</c>).</summary>
    public string Go { get; set; } = "https://proxy.golang.org";

    /// <summary>NuGet's search service (<c>/query?q=packageid:{id}</c>).</summary>
    public string NuGet { get; set; } = "https://azuresearch-usnc.nuget.org";

    /// <summary>rubygems.org's API (<c>/api/v1/gems/{name}.json</c>).</summary>
    public string RubyGems { get; set; } = "https://rubygems.org";

    /// <summary>Packagist's API (<c>/packages/{vendor}/{name}.json</c>).</summary>
    public string Packagist { get; set; } = "https://packagist.org";

    /// <summary>Sets the endpoint named by a config key; false for an unknown key.</summary>
    public bool Set(string key, string value)
    {
        ArgumentNullException.ThrowIfNull(key);
        ArgumentNullException.ThrowIfNull(value);
        value = value.TrimEnd('/');
        switch (key)
        {
            case "npm": Npm = value; break;
            case "npm_downloads": NpmDownloads = value; break;
            case "pypi": PyPI = value; break;
            case "pypi_stats": PyPIStats = value; break;
            case "crates": Crates = value; break;
            case "go": Go = value; break;
            case "nuget": NuGet = value; break;
            case "rubygems": RubyGems = value; break;
            case "packagist": Packagist = value; break;
            default: return false;
        }

        return true;
    }

    /// <summary>The main address of an ecosystem's registry (the one that says whether a package exists).</summary>
    public string Of(Ecosystem ecosystem) => ecosystem switch
    {
        Ecosystem.Npm => Npm,
        Ecosystem.PyPI => PyPI,
        Ecosystem.Crates => Crates,
        Ecosystem.Go => Go,
        Ecosystem.NuGet => NuGet,
        Ecosystem.RubyGems => RubyGems,
        _ => Packagist,
    };
}
