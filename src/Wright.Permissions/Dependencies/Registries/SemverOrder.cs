using System.Globalization;

namespace Wright.Permissions.Dependencies.Registries;

/// <summary>Orders Go module versions (<c>v1.2.3</c>, <c>v1.2.3-pre</c>) by semantic version; a pre-release sorts before its release.</summary>
internal sealed class SemverOrder : IComparer<string>
{
    public static SemverOrder Instance { get; } = new();

    public int Compare(string? x, string? y)
    {
        var (a, aPre) = Split(x ?? "");
        var (b, bPre) = Split(y ?? "");
        for (var i = 0; i < 3; i++)
        {
            var c = a[i].CompareTo(b[i]);
            if (c != 0)
                return c;
        }

        return (aPre.Length, bPre.Length) switch
        {
            (0, 0) => 0,
            (0, _) => 1, // a release sorts after its pre-releases
            (_, 0) => -1,
            _ => string.CompareOrdinal(aPre, bPre),
        };
    }

    private static (long[] Numbers, string Pre) Split(string version)
    {
        var text = version.TrimStart('v');
        var plus = text.IndexOf('+', StringComparison.Ordinal);
        if (plus >= 0)
            text = text[..plus];
        var dash = text.IndexOf('-', StringComparison.Ordinal);
        var pre = dash < 0 ? "" : text[(dash + 1)..];
        var core = (dash < 0 ? text : text[..dash]).Split('.');
        var numbers = new long[3];
        for (var i = 0; i < 3 && i < core.Length; i++)
            numbers[i] = long.TryParse(core[i], NumberStyles.None, CultureInfo.InvariantCulture, out var n) ? n : 0;
        return (numbers, pre);
    }
}
