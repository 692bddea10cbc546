using System.Text.Json;
using System.Text.RegularExpressions;
using Wright.Permissions.Dependencies.Recognition;

namespace Wright.Permissions.Dependencies.Manifests;

/// <summary>
/// Reads the dependencies a manifest declares — registry packages, and what comes from URLs, repositories or other
/// indexes — with the same spec rules as the install commands. Local paths and workspace members are not
/// dependencies. Lockfiles are not read here (see <see cref="PresentPackages"/>).
/// </summary>
public static partial class ManifestReader
{
    private static readonly string[] NpmSections = ["dependencies", "devDependencies", "optionalDependencies", "peerDependencies"];

    /// <summary>
    /// The dependencies <paramref name="text"/> declares as a manifest of <paramref name="kind"/>, each with
    /// <paramref name="origin"/>; null when the text cannot be read as one (then nothing in it can be checked).
    /// </summary>
    public static IReadOnlyList<DependencyRequest>? Read(ManifestKind kind, string text, string origin)
    {
        ArgumentNullException.ThrowIfNull(kind);
        ArgumentNullException.ThrowIfNull(text);
        var found = new List<DependencyRequest>();
        void Add(RequestKind requestKind, string name) => found.Add(new DependencyRequest(kind.Ecosystem, name, requestKind, origin));
        void AddSpec(PackageSpec? spec)
        {
            if (spec is { } s)
                Add(s.Kind, s.Name);
        }

        try
        {
            switch (kind.Format)
            {
                case ManifestFormat.PackageJson:
                    PackageJson(text, AddSpec);
                    break;
                case ManifestFormat.Requirements:
                    Requirements(text, AddSpec, Add);
                    break;
                case ManifestFormat.PyProject:
                    PyProject(text, AddSpec, Add);
                    break;
                case ManifestFormat.Pipfile:
                    Pipfile(text, AddSpec, Add);
                    break;
                case ManifestFormat.CargoToml:
                    CargoToml(text, AddSpec, Add);
                    break;
                case ManifestFormat.MsBuild or ManifestFormat.PackagesConfig:
                    MsBuild(text, AddSpec, Add);
                    break;
                case ManifestFormat.GoMod:
                    GoMod(text, AddSpec);
                    break;
                case ManifestFormat.Gemfile:
                    Gemfile(text, AddSpec, Add);
                    break;
                case ManifestFormat.ComposerJson:
                    ComposerJson(text, AddSpec, Add);
                    break;
                default:
                    return null;
            }
        }
        catch (Exception ex) when (ex is JsonException or FormatException or System.Xml.XmlException or InvalidCastException or Tomlyn.TomlException
            or InvalidOperationException or KeyNotFoundException)
        {
            return null;
        }

        return [.. found.DistinctBy(r => r.Key)];
    }

    private static readonly JsonDocumentOptions JsonOptions = new() { MaxDepth = 64 };

    private static void PackageJson(string text, Action<PackageSpec?> add)
    {
        using var doc = JsonDocument.Parse(text, JsonOptions);
        if (doc.RootElement.ValueKind != JsonValueKind.Object)
            throw new FormatException("package.json must hold an object");
        foreach (var section in NpmSections)
        {
            if (!doc.RootElement.TryGetProperty(section, out var deps) || deps.ValueKind != JsonValueKind.Object)
                continue;
            foreach (var dep in deps.EnumerateObject())
                add(PackageSpecs.NpmEntry(dep.Name, dep.Value.ValueKind == JsonValueKind.String ? dep.Value.GetString() ?? "" : ""));
        }
    }

    private static void ComposerJson(string text, Action<PackageSpec?> add, Action<RequestKind, string> other)
    {
        using var doc = JsonDocument.Parse(text, JsonOptions);
        var root = doc.RootElement;
        if (root.ValueKind != JsonValueKind.Object)
            throw new FormatException("composer.json must hold an object");
        foreach (var section in new[] { "require", "require-dev" })
        {
            if (root.TryGetProperty(section, out var deps) && deps.ValueKind == JsonValueKind.Object)
            {
                foreach (var dep in deps.EnumerateObject())
                    add(PackageSpecs.Composer(dep.Name));
            }
        }

        if (root.TryGetProperty("repositories", out var repositories) && repositories.ValueKind is JsonValueKind.Array or JsonValueKind.Object)
        {
            var entries = repositories.ValueKind == JsonValueKind.Array ? repositories.EnumerateArray().ToList() : [.. repositories.EnumerateObject().Select(p => p.Value)];
            foreach (var repository in entries.Where(e => e.ValueKind == JsonValueKind.Object))
            {
                var type = repository.TryGetProperty("type", out var t) && t.ValueKind == JsonValueKind.String ? t.GetString() : null;
                var url = repository.TryGetProperty("url", out var u) && u.ValueKind == JsonValueKind.String ? u.GetString() : null;
                if (type == "path" || (url is not null && InstallCommands.IsPublicIndex(Ecosystem.Packagist, url)))
                    continue;
                other(RequestKind.OtherIndex, url ?? $"{type} repository");
            }
        }
    }

    /// <summary>pip requirement lines: continuations, comments, <c>-e</c>, <c>-r</c>, index options, per-line <c>--hash</c>.</summary>
    private static void Requirements(string text, Action<PackageSpec?> add, Action<RequestKind, string> other)
    {
        var joined = text.Replace("\r\n", "\n", StringComparison.Ordinal).Replace("\\\n", " ", StringComparison.Ordinal);
        foreach (var raw in joined.Split('\n'))
        {
            var line = Comment().Replace(raw, "").Trim();
            if (line.Length == 0)
                continue;
            if (line.StartsWith('-'))
            {
                var (option, value) = SplitOption(line);
                switch (option)
                {
                    case "-e" or "--editable":
                        add(PackageSpecs.Python(value));
                        break;
                    case "-r" or "--requirement" or "-c" or "--constraint":
                        if (PackageSpecs.IsUrl(value))
                            other(RequestKind.Url, value);
                        else if (option is "-r" or "--requirement" && ManifestFiles.Classify(value) is null)
                            other(RequestKind.FromInput, value);
                        break;
                    case "-i" or "--index-url" or "--extra-index-url" or "-f" or "--find-links":
                        if (PackageSpecs.IsUrl(value) && !InstallCommands.IsPublicIndex(Ecosystem.PyPI, value))
                            other(RequestKind.OtherIndex, value);
                        break;
                }

                continue;
            }

            var options = line.IndexOf(" --", StringComparison.Ordinal);
            add(PackageSpecs.Python(options < 0 ? line : line[..options]));
        }
    }

    private static (string Option, string Value) SplitOption(string line)
    {
        var eq = line.IndexOf('=', StringComparison.Ordinal);
        var space = line.IndexOfAny([' ', '\t']);
        if (eq > 0 && (space < 0 || eq < space) && line.StartsWith("--", StringComparison.Ordinal))
            return (line[..eq], line[(eq + 1)..].Trim());
        if (space > 0)
            return (line[..space], line[(space + 1)..].Trim());
        return line.Length > 2 && !line.StartsWith("--", StringComparison.Ordinal) ? (line[..2], line[2..].Trim()) : (line, "");
    }

    /// <summary>go.mod: <c>require</c> lines and blocks, and <c>replace</c> targets that are modules (not folders).</summary>
    private static void GoMod(string text, Action<PackageSpec?> add)
    {
        string? block = null;
        foreach (var raw in text.Replace("\r\n", "\n", StringComparison.Ordinal).Split('\n'))
        {
            var comment = raw.IndexOf("//", StringComparison.Ordinal);
            var line = (comment < 0 ? raw : raw[..comment]).Trim();
            if (line.Length == 0)
                continue;
            if (block is not null)
            {
                if (line == ")")
                {
                    block = null;
                    continue;
                }

                GoDirective(block, line, add);
                continue;
            }

            var parts = line.Split([' ', '\t'], 2, StringSplitOptions.RemoveEmptyEntries);
            if (parts.Length == 2 && parts[1] == "(")
                block = parts[0];
            else if (parts.Length == 2)
                GoDirective(parts[0], parts[1], add);
        }
    }

    private static void GoDirective(string directive, string rest, Action<PackageSpec?> add)
    {
        var fields = rest.Split([' ', '\t'], StringSplitOptions.RemoveEmptyEntries).Select(f => f.Trim('"')).ToArray();
        if (directive == "require" && fields.Length >= 1)
        {
            add(PackageSpecs.Go(fields[0]));
        }
        else if (directive == "replace")
        {
            var arrow = Array.IndexOf(fields, "=>");
            if (arrow >= 0 && arrow + 1 < fields.Length)
                add(PackageSpecs.Go(fields[arrow + 1]));
        }
    }

    /// <summary>Gemfile: <c>gem "name", …</c> with <c>git:</c>/<c>github:</c>/<c>path:</c>/<c>source:</c>, and <c>source</c> lines and blocks.</summary>
    private static void Gemfile(string text, Action<PackageSpec?> add, Action<RequestKind, string> other)
    {
        var sources = new Stack<string?>();
        foreach (var raw in text.Replace("\r\n", "\n", StringComparison.Ordinal).Split('\n'))
        {
            var line = raw.Trim();
            if (line.Length == 0 || line.StartsWith('#'))
                continue;
            if (SourceLine().Match(line) is { Success: true } source)
            {
                var url = source.Groups["url"].Value;
                var isPublic = InstallCommands.IsPublicIndex(Ecosystem.RubyGems, url);
                if (line.EndsWith(" do", StringComparison.Ordinal) || line.EndsWith("do |", StringComparison.Ordinal))
                    sources.Push(isPublic ? null : url);
                else if (!isPublic)
                    other(RequestKind.OtherIndex, url);
                continue;
            }

            if (line.EndsWith(" do", StringComparison.Ordinal) || line.Contains(" do |", StringComparison.Ordinal))
            {
                sources.Push(sources.Count > 0 ? sources.Peek() : null);
                continue;
            }

            if (line == "end")
            {
                if (sources.Count > 0)
                    sources.Pop();
                continue;
            }

            if (GemLine().Match(line) is not { Success: true } gem)
                continue;
            var name = gem.Groups["name"].Value;
            var options = gem.Groups["rest"].Value;
            if (GemOption().Match(options) is { Success: true } option)
            {
                var key = option.Groups["key"].Value;
                var value = option.Groups["value"].Value;
                switch (key)
                {
                    case "git" or "github" or "gist" or "bitbucket":
                        other(RequestKind.Url, $"{name}: {value}");
                        continue;
                    case "path":
                        continue;
                    case "source" when !InstallCommands.IsPublicIndex(Ecosystem.RubyGems, value):
                        other(RequestKind.OtherIndex, $"{value}: {name}");
                        continue;
                }
            }

            if (sources.Count > 0 && sources.Peek() is { } blockSource)
                other(RequestKind.OtherIndex, $"{blockSource}: {name}");
            else
                add(PackageSpecs.Gem(name));
        }
    }

    [GeneratedRegex(@"(^|\s)#.*$")]
    private static partial Regex Comment();

    [GeneratedRegex(@"^source\s*\(?\s*[""'](?<url>[^""']+)[""']")]
    private static partial Regex SourceLine();

    [GeneratedRegex(@"^gem\s*\(?\s*[""'](?<name>[^""']+)[""'](?<rest>.*)$")]
    private static partial Regex GemLine();

    [GeneratedRegex(@":?(?<key>git|github|gist|bitbucket|path|source)\s*(?::|=>)\s*[""'](?<value>[^""']+)[""']")]
    private static partial Regex GemOption();
}
