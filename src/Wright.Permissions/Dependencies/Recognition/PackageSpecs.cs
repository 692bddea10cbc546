using System.Text.RegularExpressions;

namespace Wright.Permissions.Dependencies.Recognition;

/// <summary>
/// Reads the package arguments each package manager takes — version specifiers, scopes, extras, aliases, URLs,
/// repository shorthands and local paths — down to the registry name, or says it is a URL, or nothing new.
/// </summary>
internal static partial class PackageSpecs
{
    private static readonly string[] VcsPrefixes = ["git+", "git:", "git@", "hg+", "svn+", "bzr+", "github:", "gitlab:", "bitbucket:", "gist:"];

    /// <summary>Whether a word is a URL or a version-control address.</summary>
    public static bool IsUrl(string word) =>
        word.StartsWith("http://", StringComparison.OrdinalIgnoreCase) || word.StartsWith("https://", StringComparison.OrdinalIgnoreCase)
        || word.StartsWith("ftp://", StringComparison.OrdinalIgnoreCase) || word.StartsWith("ssh://", StringComparison.OrdinalIgnoreCase)
        || VcsPrefixes.Any(p => word.StartsWith(p, StringComparison.OrdinalIgnoreCase));

    /// <summary>Whether a word is a path on disk (relative, absolute, home) or a file: URL.</summary>
    public static bool IsPath(string word) =>
        word.StartsWith('.') || word.StartsWith('/') || word.StartsWith('~') || word.StartsWith("file:", StringComparison.OrdinalIgnoreCase);

    /// <summary>An npm (pnpm, yarn, bun) spec: <c>name</c>, <c>name@range</c>, <c>@scope/name@tag</c>, <c>alias@npm:real@1</c>, URLs, paths.</summary>
    public static PackageSpec? Npm(string word)
    {
        if (word.Length == 0 || IsPath(word) || word.StartsWith("link:", StringComparison.Ordinal) || word.StartsWith("portal:", StringComparison.Ordinal)
            || word.StartsWith("workspace:", StringComparison.Ordinal))
            return PackageSpec.Local;
        if (IsUrl(word))
            return new PackageSpec(RequestKind.Url, word);
        if (word.EndsWith(".tgz", StringComparison.OrdinalIgnoreCase) || word.EndsWith(".tar.gz", StringComparison.OrdinalIgnoreCase) || word.EndsWith(".tar", StringComparison.OrdinalIgnoreCase))
            return PackageSpec.Local; // a tarball on disk
        var at = word.IndexOf('@', 1);
        var name = at < 0 ? word : word[..at];
        var range = at < 0 ? "" : word[(at + 1)..];
        if (range.StartsWith("npm:", StringComparison.Ordinal))
            return Npm(range[4..]); // an alias installs the real package
        if (range.StartsWith("workspace:", StringComparison.Ordinal) || range.StartsWith("file:", StringComparison.Ordinal)
            || range.StartsWith("link:", StringComparison.Ordinal) || range.StartsWith("portal:", StringComparison.Ordinal))
            return PackageSpec.Local;
        if (IsUrl(range))
            return new PackageSpec(RequestKind.Url, word);
        if (!name.StartsWith('@') && name.Contains('/', StringComparison.Ordinal))
            return new PackageSpec(RequestKind.Url, word); // owner/repo: a GitHub repository
        return new PackageSpec(RequestKind.Package, name);
    }

    /// <summary>A package.json dependency: its key and value (a range, a URL, <c>npm:real@1</c>, <c>file:</c>, <c>workspace:</c>).</summary>
    public static PackageSpec? NpmEntry(string key, string value)
    {
        if (value.StartsWith("npm:", StringComparison.Ordinal))
            return Npm(value[4..]);
        if (IsPath(value) || value.StartsWith("workspace:", StringComparison.Ordinal) || value.StartsWith("link:", StringComparison.Ordinal)
            || value.StartsWith("portal:", StringComparison.Ordinal))
            return PackageSpec.Local;
        if (IsUrl(value) || (value.Contains('/', StringComparison.Ordinal) && !value.Contains(' ', StringComparison.Ordinal) && char.IsAsciiLetter(value[0])))
            return new PackageSpec(RequestKind.Url, $"{key}: {value}");
        return new PackageSpec(RequestKind.Package, key);
    }

    /// <summary>
    /// A Python requirement (PEP 508 and pip's forms): <c>name[extra]&gt;=1; marker</c>, <c>name @ url</c>, VCS and
    /// archive URLs, wheels and sdists and folders on disk.
    /// </summary>
    public static PackageSpec? Python(string word)
    {
        var spec = word.Trim();
        if (spec.Length == 0)
            return PackageSpec.Local;
        if (IsUrl(spec))
            return new PackageSpec(RequestKind.Url, spec);
        if (IsPath(spec))
            return PackageSpec.Local;
        var match = PythonName().Match(spec);
        var rest = match.Success ? spec[match.Length..].TrimStart() : "";
        if (rest.StartsWith('@') && IsUrl(rest[1..].Trim()))
            return new PackageSpec(RequestKind.Url, spec); // name @ url
        if (spec.EndsWith(".whl", StringComparison.OrdinalIgnoreCase) || spec.EndsWith(".tar.gz", StringComparison.OrdinalIgnoreCase)
            || spec.EndsWith(".zip", StringComparison.OrdinalIgnoreCase) || spec.EndsWith(".tar.bz2", StringComparison.OrdinalIgnoreCase))
            return PackageSpec.Local; // an archive on disk
        if (!match.Success)
            return spec.Contains('/', StringComparison.Ordinal) ? PackageSpec.Local : new PackageSpec(RequestKind.Package, spec);
        if (rest.StartsWith('/'))
            return PackageSpec.Local;
        if (rest.Length > 0 && !char.IsWhiteSpace(rest[0]) && "[<>=!~;@,(".IndexOf(rest[0], StringComparison.Ordinal) < 0)
            return new PackageSpec(RequestKind.Package, spec); // not a requirement: the whole text is the "name" (and no valid one)
        return new PackageSpec(RequestKind.Package, match.Groups["name"].Value);
    }

    /// <summary>A poetry add argument: <c>name@^1.0</c>, <c>name&gt;=1</c>, <c>name[extra]</c>, URLs, paths.</summary>
    public static PackageSpec? Poetry(string word)
    {
        if (IsUrl(word) || IsPath(word))
            return Python(word);
        var at = word.IndexOf('@', StringComparison.Ordinal);
        if (at > 0 && !IsUrl(word[(at + 1)..].Trim()))
            return Python(word[..at]);
        return Python(word);
    }

    /// <summary>A cargo spec: <c>name</c>, <c>name@version</c>.</summary>
    public static PackageSpec? Cargo(string word)
    {
        if (IsPath(word))
            return PackageSpec.Local;
        if (IsUrl(word))
            return new PackageSpec(RequestKind.Url, word);
        var at = word.IndexOf('@', StringComparison.Ordinal);
        return new PackageSpec(RequestKind.Package, at < 0 ? word : word[..at]);
    }

    /// <summary>
    /// A Go package path with an optional <c>@version</c>. Paths whose first element has no dot are the standard
    /// library or the module's own packages; <c>.</c>, <c>./…</c>, <c>all</c> and <c>@none</c> add nothing.
    /// </summary>
    public static PackageSpec? Go(string word)
    {
        var at = word.IndexOf('@', StringComparison.Ordinal);
        var path = at < 0 ? word : word[..at];
        var version = at < 0 ? "" : word[(at + 1)..];
        if (version == "none" || IsPath(path) || path is "all" or "std" or "cmd" or "tool" || path.Length == 0)
            return PackageSpec.Local;
        var first = path.Split('/')[0];
        if (!first.Contains('.', StringComparison.Ordinal))
            return PackageSpec.Local;
        if (path.Contains("://", StringComparison.Ordinal))
            return new PackageSpec(RequestKind.Url, word);
        return new PackageSpec(RequestKind.Package, path.TrimEnd('/').Replace("/...", "", StringComparison.Ordinal));
    }

    /// <summary>A gem name, optionally <c>name:version</c>; <c>.gem</c> files are local.</summary>
    public static PackageSpec? Gem(string word)
    {
        if (IsPath(word) || word.EndsWith(".gem", StringComparison.OrdinalIgnoreCase))
            return PackageSpec.Local;
        if (IsUrl(word))
            return new PackageSpec(RequestKind.Url, word);
        var colon = word.IndexOf(':', StringComparison.Ordinal);
        return new PackageSpec(RequestKind.Package, colon < 0 ? word : word[..colon]);
    }

    /// <summary>
    /// A composer requirement: <c>vendor/name</c>, <c>vendor/name:^1.0</c>, <c>vendor/name=1.0</c>; platform packages
    /// (<c>php</c>, <c>ext-*</c>, <c>lib-*</c>, <c>composer*</c>) and bare versions add nothing.
    /// </summary>
    public static PackageSpec? Composer(string word)
    {
        var end = word.IndexOfAny([':', '=', ' ']);
        var name = (end < 0 ? word : word[..end]).Trim();
        if (IsUrl(name))
            return new PackageSpec(RequestKind.Url, word);
        if (!name.Contains('/', StringComparison.Ordinal) || IsPath(name))
            return PackageSpec.Local;
        return new PackageSpec(RequestKind.Package, name);
    }

    /// <summary>A NuGet package id (a <c>.nupkg</c> on disk is local).</summary>
    public static PackageSpec? NuGet(string word)
    {
        if (IsPath(word) || word.EndsWith(".nupkg", StringComparison.OrdinalIgnoreCase))
            return PackageSpec.Local;
        if (IsUrl(word))
            return new PackageSpec(RequestKind.Url, word);
        var sep = word.IndexOf("::", StringComparison.Ordinal);
        return new PackageSpec(RequestKind.Package, sep < 0 ? word : word[..sep]);
    }

    /// <summary>A Python project name at the start of a requirement, with optional extras after it.</summary>
    [GeneratedRegex(@"^(?<name>[A-Za-z0-9](?:[A-Za-z0-9._-]*[A-Za-z0-9])?)\s*(?:\[[^\]]*\])?")]
    private static partial Regex PythonName();
}
