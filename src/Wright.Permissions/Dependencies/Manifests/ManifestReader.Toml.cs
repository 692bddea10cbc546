using Tomlyn;
using Tomlyn.Model;
using Wright.Permissions.Dependencies.Recognition;

namespace Wright.Permissions.Dependencies.Manifests;

public static partial class ManifestReader
{
    private static readonly string[] CargoSections = ["dependencies", "dev-dependencies", "build-dependencies"];

    private static TomlTable ParseToml(string text) =>
        TomlSerializer.Deserialize(text, ManifestToml.Default.TomlTable) ?? throw new FormatException("empty TOML document");

    private static TomlTable? Table(TomlTable table, params string[] path)
    {
        var current = table;
        foreach (var key in path)
        {
            if (!current.TryGetValue(key, out var value) || value is not TomlTable next)
                return null;
            current = next;
        }

        return current;
    }

    private static IEnumerable<string> Strings(object? value) => value is TomlArray array ? array.OfType<string>() : [];

    private static string? Text(TomlTable table, string key) => table.TryGetValue(key, out var value) ? value as string : null;

    /// <summary>
    /// pyproject.toml: PEP 621 dependencies and optional dependencies, dependency groups, build requirements, poetry's
    /// dependency tables and sources, uv's dev dependencies, sources and indexes.
    /// </summary>
    private static void PyProject(string text, Action<PackageSpec?> add, Action<RequestKind, string> other)
    {
        var root = ParseToml(text);
        // uv's sources say where a named dependency really comes from.
        var sources = new Dictionary<string, (RequestKind? Kind, string Name)>(StringComparer.Ordinal);
        if (Table(root, "tool", "uv", "sources") is { } uvSources)
        {
            foreach (var (name, value) in uvSources)
            {
                if (value is not TomlTable source)
                    continue;
                var key = PackageNames.Normalize(Ecosystem.PyPI, name);
                if ((Text(source, "git") ?? Text(source, "url")) is { } url)
                    sources[key] = (RequestKind.Url, $"{name}: {url}");
                else if (Text(source, "index") is { } index)
                    sources[key] = (RequestKind.OtherIndex, $"{index}: {name}");
                else
                    sources[key] = (null, name); // path, workspace member
            }
        }

        void Requirement(string requirement)
        {
            var spec = PackageSpecs.Python(requirement);
            if (spec is { Kind: RequestKind.Package } package && sources.TryGetValue(PackageNames.Normalize(Ecosystem.PyPI, package.Name), out var source))
            {
                if (source.Kind is { } kind)
                    other(kind, source.Name);
                return;
            }

            add(spec);
        }

        if (Table(root, "project") is { } project)
        {
            foreach (var requirement in Strings(project.TryGetValue("dependencies", out var d) ? d : null))
                Requirement(requirement);
            if (Table(project, "optional-dependencies") is { } optional)
            {
                foreach (var (_, list) in optional)
                {
                    foreach (var requirement in Strings(list))
                        Requirement(requirement);
                }
            }
        }

        if (Table(root, "dependency-groups") is { } groups)
        {
            foreach (var (_, list) in groups)
            {
                foreach (var requirement in Strings(list))
                    Requirement(requirement);
            }
        }

        if (Table(root, "build-system") is { } build)
        {
            foreach (var requirement in Strings(build.TryGetValue("requires", out var r) ? r : null))
                Requirement(requirement);
        }

        if (Table(root, "tool", "uv") is { } uv)
        {
            foreach (var requirement in Strings(uv.TryGetValue("dev-dependencies", out var dev) ? dev : null))
                Requirement(requirement);
            if (uv.TryGetValue("index", out var indexes) && indexes is TomlTableArray list)
            {
                foreach (var index in list)
                {
                    if (Text(index, "url") is { } url && !InstallCommands.IsPublicIndex(Ecosystem.PyPI, url))
                        other(RequestKind.OtherIndex, url);
                }
            }
        }

        if (Table(root, "tool", "poetry") is { } poetry)
        {
            PoetryTable(Table(poetry, "dependencies"), add, other);
            PoetryTable(Table(poetry, "dev-dependencies"), add, other);
            if (Table(poetry, "group") is { } poetryGroups)
            {
                foreach (var (_, group) in poetryGroups)
                {
                    if (group is TomlTable table)
                        PoetryTable(Table(table, "dependencies"), add, other);
                }
            }

            if (poetry.TryGetValue("source", out var poetrySources) && poetrySources is TomlTableArray entries)
            {
                foreach (var source in entries)
                {
                    if (Text(source, "url") is { } url && !InstallCommands.IsPublicIndex(Ecosystem.PyPI, url))
                        other(RequestKind.OtherIndex, url);
                }
            }
        }
    }

    /// <summary>A poetry (or Pipfile) dependency table: name = "range" or { version, git, path, url, source/index }.</summary>
    private static void PoetryTable(TomlTable? table, Action<PackageSpec?> add, Action<RequestKind, string> other, string sourceKey = "source")
    {
        if (table is null)
            return;
        foreach (var (name, value) in table)
        {
            if (name == "python")
                continue;
            var entries = value is TomlArray array ? array.OfType<TomlTable>().ToList() : value is TomlTable single ? [single] : [];
            if (entries.Count == 0)
            {
                add(PackageSpecs.Python(name));
                continue;
            }

            foreach (var entry in entries)
            {
                if ((Text(entry, "git") ?? Text(entry, "url")) is { } url)
                    other(RequestKind.Url, $"{name}: {url}");
                else if (Text(entry, sourceKey) is { } source)
                    other(RequestKind.OtherIndex, $"{source}: {name}");
                else if (Text(entry, "path") is null && Text(entry, "file") is null)
                    add(PackageSpecs.Python(name));
            }
        }
    }

    private static void Pipfile(string text, Action<PackageSpec?> add, Action<RequestKind, string> other)
    {
        var root = ParseToml(text);
        PoetryTable(Table(root, "packages"), add, other, "index");
        PoetryTable(Table(root, "dev-packages"), add, other, "index");
        if (root.TryGetValue("source", out var sources) && sources is TomlTableArray entries)
        {
            foreach (var source in entries)
            {
                if (Text(source, "url") is { } url && !InstallCommands.IsPublicIndex(Ecosystem.PyPI, url))
                    other(RequestKind.OtherIndex, url);
            }
        }
    }

    /// <summary>Cargo.toml: dependency tables (also per target, of the workspace, and patches) with renames, git, path and registries.</summary>
    private static void CargoToml(string text, Action<PackageSpec?> add, Action<RequestKind, string> other)
    {
        var root = ParseToml(text);
        var tables = new List<TomlTable?>();
        foreach (var section in CargoSections)
        {
            tables.Add(Table(root, section));
            tables.Add(Table(root, "workspace", section));
        }

        if (Table(root, "target") is { } targets)
        {
            foreach (var (_, target) in targets)
            {
                if (target is TomlTable table)
                    tables.AddRange(CargoSections.Select(s => Table(table, s)));
            }
        }

        if (Table(root, "patch") is { } patches)
        {
            foreach (var (_, patch) in patches)
                tables.Add(patch as TomlTable);
        }

        foreach (var table in tables.OfType<TomlTable>())
        {
            foreach (var (key, value) in table)
            {
                if (value is not TomlTable entry)
                {
                    add(PackageSpecs.Cargo(key));
                    continue;
                }

                var name = Text(entry, "package") ?? key;
                if (Text(entry, "git") is { } git)
                    other(RequestKind.Url, $"{name}: {git}");
                else if (Text(entry, "registry") is { } registry)
                    other(RequestKind.OtherIndex, $"{registry}: {name}");
                else if (Text(entry, "registry-index") is { } index)
                    other(RequestKind.OtherIndex, $"{index}: {name}");
                else if (Text(entry, "path") is null && !(entry.TryGetValue("workspace", out var inherited) && inherited is true))
                    add(PackageSpecs.Cargo(name));
            }
        }
    }
}
