using System.Collections.Frozen;
using System.Globalization;

namespace Wright.Permissions.Dependencies.Popularity;

/// <summary>
/// The packages people install most, per ecosystem, shipped with Wright as data (<c>Popularity/Data/*.txt</c>; each
/// file's first line says where it came from): npm's 2,000 most downloaded packages and PyPI's 2,000 most downloaded
/// projects, from download counts of 2026-12-01, and hand-curated lists of widely used crates, Go modules, NuGet
/// packages, gems and Composer packages. They are the neighbours a made-up or typo-squatted name is compared with, and
/// a listed name needs no look-up. Nothing is fetched at run time.
/// </summary>
public static class PopularPackages
{
    private static readonly Lazy<FrozenDictionary<Ecosystem, PopularList>> Lists = new(Load);

    /// <summary>The list of an ecosystem.</summary>
    public static PopularList Of(Ecosystem ecosystem) => Lists.Value[ecosystem];

    private static FrozenDictionary<Ecosystem, PopularList> Load()
    {
        var lists = new Dictionary<Ecosystem, PopularList>();
        foreach (var ecosystem in Enum.GetValues<Ecosystem>())
        {
            var resource = $"Wright.Permissions.Dependencies.Popularity.{PackageNames.Key(ecosystem)}.txt";
            using var stream = typeof(PopularPackages).Assembly.GetManifestResourceStream(resource)
                ?? throw new InvalidOperationException($"missing resource {resource}");
            using var reader = new StreamReader(stream);
            var entries = new List<(string Name, long Weight)>();
            while (reader.ReadLine() is { } line)
            {
                if (line.Length == 0 || line.StartsWith('#'))
                    continue;
                var tab = line.IndexOf('\t', StringComparison.Ordinal);
                var name = tab < 0 ? line : line[..tab];
                // Weight: downloads a month, or a rank (smaller is more popular), or the order in a curated list.
                var weight = tab < 0 || !long.TryParse(line[(tab + 1)..], NumberStyles.None, CultureInfo.InvariantCulture, out var n) ? entries.Count + 1 : n;
                entries.Add((name, ecosystem == Ecosystem.Npm ? -weight : weight));
            }

            lists[ecosystem] = new PopularList(ecosystem, entries);
        }

        return lists.ToFrozenDictionary();
    }
}
