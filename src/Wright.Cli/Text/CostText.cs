using System.Globalization;

namespace Wright.Cli.Text;

/// <summary>Cost for people: an unknown cost is said to be unknown, never shown as $0.0000.</summary>
internal static class CostText
{
    /// <summary>
    /// <c>$0.0123</c>; <paramref name="unknown"/> when usage was reported but none of it had a price; <c>$0.0123 + ?</c>
    /// when only part of it had one.
    /// </summary>
    public static string Format(decimal pricedUsd, bool unpricedUsage, string? unknown = null)
    {
        var priced = "$" + pricedUsd.ToString("0.0000", CultureInfo.InvariantCulture);
        if (!unpricedUsage)
            return priced;
        return pricedUsd == 0 ? unknown ?? Strings.CostUnknown : priced + Strings.CostPlusUnknown;
    }
}
