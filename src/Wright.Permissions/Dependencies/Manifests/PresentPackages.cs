using System.Text.RegularExpressions;
using Wright.Permissions.Protection;
using Wright.Permissions.Shell;

namespace Wright.Permissions.Dependencies.Manifests;

/// <summary>
/// Whether a package an install names is already part of the project: declared in a manifest or pinned in a lockfile
/// of the directory the install runs in or of a folder above it, up to the workspace root. Such an install adds nothing
/// new. Files are read without following links or blocking, and only inside the workspace; anything unreadable counts
/// as absent, so a doubt means a check. (New manifest entries are checked when a file tool writes them and a shell
/// command that writes a manifest asks; a manifest rewritten by a program's own code is beyond what Wright can see.)
/// </summary>
public static partial class PresentPackages
{
    private const int MaxBytes = 32 * 1024 * 1024;

    /// <summary>Whether <paramref name="request"/> (a registry package) is already present for an install in its directory.</summary>
    public static bool IsPresent(DependencyRequest request, string workspace, Func<string, string?>? read = null)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (request.Kind != RequestKind.Package || request.Directory is not { } start || !Paths.IsInside(start, workspace))
            return false;
        read ??= path => SafeRead.Text(path, MaxBytes);
        var wanted = PackageNames.Normalize(request.Ecosystem, request.Name);
        for (var dir = start; dir is not null && Paths.IsInside(dir, workspace); dir = Path.GetDirectoryName(dir))
        {
            if (InDirectory(request.Ecosystem, request.Name, wanted, dir, read))
                return true;
            if (dir == workspace)
                break;
        }

        return false;
    }

    private static bool InDirectory(Ecosystem ecosystem, string name, string wanted, string dir, Func<string, string?> read)
    {
        bool Declared(string file)
        {
            var path = Path.Combine(dir, file);
            return ManifestFiles.Classify(path) is { IsLockfile: false } kind && read(path) is { } text
                && ManifestReader.Read(kind, text, file) is { } declared
                && declared.Any(d => d.Kind == RequestKind.Package && Matches(ecosystem, PackageNames.Normalize(ecosystem, d.Name), wanted));
        }

        bool Locked(string file, Func<string, bool> contains) => read(Path.Combine(dir, file)) is { } text && contains(text);

        switch (ecosystem)
        {
            case Ecosystem.Npm:
                return Declared("package.json")
                    || Locked("package-lock.json", t => t.Contains($"\"node_modules/{name}\"", StringComparison.Ordinal) || t.Contains($"/node_modules/{name}\"", StringComparison.Ordinal))
                    || Locked("npm-shrinkwrap.json", t => t.Contains($"\"node_modules/{name}\"", StringComparison.Ordinal))
                    || Locked("yarn.lock", t => Line(t, $"\"{name}@") || Line(t, $"{name}@"))
                    || Locked("pnpm-lock.yaml", t => t.Contains($"/{name}@", StringComparison.Ordinal) || t.Contains($" {name}@", StringComparison.Ordinal)
                        || t.Contains($"'{name}@", StringComparison.Ordinal) || t.Contains($"\n      {name}:", StringComparison.Ordinal)
                        || t.Contains($"\n  {name}@", StringComparison.Ordinal))
                    || Locked("bun.lock", t => t.Contains($"\"{name}\": [\"{name}@", StringComparison.Ordinal));
            case Ecosystem.PyPI:
                bool PythonLock(string text) => TomlNames().Matches(text).Any(m => PackageNames.Normalize(Ecosystem.PyPI, m.Groups["name"].Value) == wanted);
                return Files(dir).Any(f => ManifestFiles.Classify(Path.Combine(dir, f)) is { Format: ManifestFormat.Requirements } && Declared(f))
                    || Declared("pyproject.toml") || Declared("Pipfile")
                    || Locked("poetry.lock", PythonLock) || Locked("uv.lock", PythonLock) || Locked("pdm.lock", PythonLock)
                    || Locked("Pipfile.lock", t => JsonKeys().Matches(t).Any(m => PackageNames.Normalize(Ecosystem.PyPI, m.Groups["name"].Value) == wanted));
            case Ecosystem.Crates:
                return Declared("Cargo.toml")
                    || Locked("Cargo.lock", t => TomlNames().Matches(t).Any(m => PackageNames.Normalize(Ecosystem.Crates, m.Groups["name"].Value) == wanted));
            case Ecosystem.Go:
                return Declared("go.mod")
                    || Locked("go.sum", t => t.Split('\n').Any(l => l.Split(' ')[0] is { Length: > 0 } module && Matches(Ecosystem.Go, module, wanted)));
            case Ecosystem.NuGet:
                return Files(dir).Any(f => ManifestFiles.Classify(Path.Combine(dir, f)) is { Ecosystem: Ecosystem.NuGet, IsLockfile: false } && Declared(f))
                    || Locked("packages.lock.json", t => t.Contains($"\"{name}\":", StringComparison.OrdinalIgnoreCase));
            case Ecosystem.RubyGems:
                return Declared("Gemfile") || Declared("gems.rb")
                    || Locked("Gemfile.lock", t => Line(t, $"    {name} (") || Line(t, $"    {name}\n"));
            default:
                return Declared("composer.json")
                    || Locked("composer.lock", t => t.Contains($"\"name\": \"{name}\"", StringComparison.OrdinalIgnoreCase));
        }
    }

    /// <summary>Whether a declared name covers the wanted one: equal, or (Go) a module that contains the wanted package path.</summary>
    private static bool Matches(Ecosystem ecosystem, string declared, string wanted) =>
        declared == wanted || (ecosystem == Ecosystem.Go && wanted.StartsWith(declared + "/", StringComparison.Ordinal));

    private static bool Line(string text, string start) =>
        text.StartsWith(start, StringComparison.Ordinal) || text.Contains("\n" + start, StringComparison.Ordinal);

    private static IEnumerable<string> Files(string dir)
    {
        try
        {
            return Directory.EnumerateFiles(dir).Select(Path.GetFileName).OfType<string>().Take(2000).ToList();
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return [];
        }
    }

    [GeneratedRegex(@"(?m)^name\s*=\s*""(?<name>[^""]+)""")]
    private static partial Regex TomlNames();

    [GeneratedRegex(@"(?m)^\s{8}""(?<name>[^""]+)"":\s*\{")]
    private static partial Regex JsonKeys();
}
