namespace Wright.Permissions.Dependencies.Popularity;

/// <summary>
/// Finds the popular package a name could be mistaken for: one or two edits away (insertions, deletions,
/// substitutions, swapped neighbours — two only for long names), the same letters with other separators
/// (<c>-</c>, <c>_</c>, <c>.</c>), a language affix added or dropped (<c>python-</c>, <c>py</c>, <c>-js</c>,
/// <c>node-</c>, …), the same name under another npm scope, the same Go repository name under another owner.
/// </summary>
public static class Confusables
{
    private static readonly string[] Prefixes = ["python-", "python3-", "py-", "py", "node-", "js-", "rust-", "go-", "golang-", "php-", "ruby-", "dotnet-", "lib"];

    private static readonly string[] Suffixes = ["-python", "-python3", "-py", "py", "-js", "js", ".js", "-node", "-rs", "-rust", "-go", "-golang", "-php", "-ruby", "-rb", "-dotnet", ".net", "-lib", "lib"];

    /// <summary>The popular package <paramref name="name"/> is a near-twin of, and how; null when it is none (or popular itself).</summary>
    public static Twin? NearTwin(Ecosystem ecosystem, string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        var list = PopularPackages.Of(ecosystem);
        if (list.Contains(name))
            return null;
        var form = list.Compare(name);
        Twin? best = null;
        foreach (var (popular, popularForm) in list.Forms)
        {
            if (Relation(ecosystem, form, popularForm) is not { } relation)
                continue;
            if (best is null || relation.Distance < best.Distance)
                best = relation with { Popular = popular };
            if (best.Distance == 0)
                break;
        }

        return best;
    }

    /// <summary>Popular names close to <paramref name="name"/>, closest (then most popular) first: the "did you mean" of a missing name.</summary>
    public static IReadOnlyList<string> Suggestions(Ecosystem ecosystem, string name, int count = 3)
    {
        ArgumentNullException.ThrowIfNull(name);
        var list = PopularPackages.Of(ecosystem);
        var form = list.Compare(name);
        var limit = Math.Max(2, Bare(ecosystem, form).Length / 3);
        return [.. list.Forms
            .Select((entry, rank) => (entry.Name, Rank: rank, Distance: Relation(ecosystem, form, entry.Form)?.Distance ?? Distance(Bare(ecosystem, form), Bare(ecosystem, entry.Form), limit)))
            .Where(c => c.Distance <= limit && c.Name != name)
            .OrderBy(c => c.Distance).ThenBy(c => c.Rank)
            .Take(count)
            .Select(c => c.Name)];
    }

    /// <summary>How a candidate relates to a popular name (both in compared form), or null.</summary>
    private static Twin? Relation(Ecosystem ecosystem, string candidate, string popular)
    {
        if (candidate == popular)
            return null;
        if (Strip(candidate) == Strip(popular))
            return new Twin("", TwinKind.Separators, 0);
        foreach (var prefix in Prefixes)
        {
            if (candidate == prefix + popular || popular == prefix + candidate)
                return new Twin("", TwinKind.Affix, 0) { Affix = prefix };
        }

        foreach (var suffix in Suffixes)
        {
            if (candidate == popular + suffix || popular == candidate + suffix)
                return new Twin("", TwinKind.Affix, 0) { Affix = suffix };
        }

        var length = Bare(ecosystem, popular).Length;
        var max = length switch { < 4 => 0, < 9 => 1, _ => 2 };
        if (max > 0 && Math.Abs(candidate.Length - popular.Length) <= max && Distance(candidate, popular, max) is var distance && distance <= max)
            return new Twin("", TwinKind.Edits, distance);

        if (ecosystem == Ecosystem.Npm && candidate.StartsWith('@') && candidate.IndexOf('/', StringComparison.Ordinal) is var slash and > 0)
        {
            var bare = candidate[(slash + 1)..];
            var popularBare = popular.StartsWith('@') && popular.IndexOf('/', StringComparison.Ordinal) is var s and > 0 ? popular[(s + 1)..] : popular;
            if (bare == popularBare && bare.Length >= 3 && (!popular.StartsWith('@') || bare.Length >= 5))
                return new Twin("", TwinKind.OtherScope, 1);
        }

        if (ecosystem == Ecosystem.Go)
        {
            var a = candidate.Split('/');
            var b = popular.Split('/');
            if (a.Length == b.Length && a.Length >= 3 && a[0] == b[0] && a[^1] == b[^1] && a[^1].Length >= 3 && a[1] != b[1])
                return new Twin("", TwinKind.OtherOwner, 1);
        }

        return null;
    }

    /// <summary>The part of a name that carries its meaning: after an npm scope, the last elements of a Go path.</summary>
    private static string Bare(Ecosystem ecosystem, string form) => ecosystem switch
    {
        Ecosystem.Npm when form.StartsWith('@') && form.IndexOf('/', StringComparison.Ordinal) is var slash and > 0 => form[(slash + 1)..],
        Ecosystem.Go => string.Join('/', form.Split('/').Skip(1)),
        _ => form,
    };

    private static string Strip(string name) => new([.. name.Where(c => c is not ('-' or '_' or '.'))]);

    /// <summary>Optimal string alignment distance (Damerau–Levenshtein with adjacent swaps), stopping early past <paramref name="limit"/>.</summary>
    internal static int Distance(string a, string b, int limit)
    {
        if (Math.Abs(a.Length - b.Length) > limit)
            return limit + 1;
        var d = new int[a.Length + 1, b.Length + 1];
        for (var i = 0; i <= a.Length; i++)
            d[i, 0] = i;
        for (var j = 0; j <= b.Length; j++)
            d[0, j] = j;
        for (var i = 1; i <= a.Length; i++)
        {
            var rowMin = int.MaxValue;
            for (var j = 1; j <= b.Length; j++)
            {
                var cost = a[i - 1] == b[j - 1] ? 0 : 1;
                var value = Math.Min(Math.Min(d[i - 1, j] + 1, d[i, j - 1] + 1), d[i - 1, j - 1] + cost);
                if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1])
                    value = Math.Min(value, d[i - 2, j - 2] + 1);
                d[i, j] = value;
                rowMin = Math.Min(rowMin, value);
            }

            if (rowMin > limit)
                return limit + 1;
        }

        return d[a.Length, b.Length];
    }
}
