namespace Wright.Permissions.Dependencies;

/// <summary>
/// A package name pattern of the configuration: <c>ecosystem:name</c> or a bare name (any ecosystem), where <c>*</c>
/// matches any run of characters (<c>npm:@acme/*</c>, <c>pypi:acme-*</c>, <c>go:git.acme.corp/*</c>). Names are
/// compared as their registry compares them.
/// </summary>
public sealed record PackagePattern(Ecosystem? Ecosystem, string Pattern, string Source)
{
    /// <summary>Reads a pattern; null when its ecosystem prefix is unknown or the name is empty.</summary>
    public static PackagePattern? Parse(string text, string source)
    {
        ArgumentNullException.ThrowIfNull(text);
        text = text.Trim();
        var colon = text.IndexOf(':', StringComparison.Ordinal);
        Ecosystem? ecosystem = null;
        if (colon > 0 && PackageNames.FromKey(text[..colon]) is { } known)
        {
            ecosystem = known;
            text = text[(colon + 1)..];
        }
        else if (colon > 0 && !text.Contains('/', StringComparison.Ordinal))
        {
            return null;
        }

        return text.Length == 0 ? null : new PackagePattern(ecosystem, text, source);
    }

    /// <summary>Whether a package matches.</summary>
    public bool Matches(Ecosystem ecosystem, string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        if (Ecosystem is { } own && own != ecosystem)
            return false;
        var parts = Pattern.Split('*').Select(p => PackageNames.Normalize(ecosystem, p)).ToArray();
        var value = PackageNames.Normalize(ecosystem, name);
        if (parts.Length == 1)
            return value == parts[0];
        if (!value.StartsWith(parts[0], StringComparison.Ordinal) || !value.EndsWith(parts[^1], StringComparison.Ordinal)
            || value.Length < parts[0].Length + parts[^1].Length)
            return false;
        var at = parts[0].Length;
        foreach (var part in parts[1..^1])
        {
            var found = value.IndexOf(part, at, StringComparison.Ordinal);
            if (found < 0 || found + part.Length > value.Length - parts[^1].Length)
                return false;
            at = found + part.Length;
        }

        return true;
    }
}
