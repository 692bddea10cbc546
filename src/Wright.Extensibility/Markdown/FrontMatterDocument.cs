namespace Wright.Extensibility.Markdown;

/// <summary>A markdown file with YAML front matter: the simple <c>key: value</c> fields and the body.</summary>
public sealed record FrontMatterDocument(IReadOnlyDictionary<string, string> Fields, string Body)
{
    /// <summary>A field, or null.</summary>
    public string? this[string key] => Fields.TryGetValue(key, out var v) ? v : null;

    /// <summary>A field holding a list (<c>[a, b]</c>, <c>a, b</c> or a YAML block list).</summary>
    public IReadOnlyList<string> List(string key) =>
        this[key] is { Length: > 0 } value
            ? [.. value.Trim('[', ']').Split([',', '\n'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
                .Select(v => v.TrimStart('-').Trim().Trim('"', '\'')).Where(v => v.Length > 0)]
            : [];
}
