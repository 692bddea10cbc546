namespace Wright.Runtime.Configuration;

/// <summary>Where Wright keeps user state: <c>$WRIGHT_HOME</c>, default <c>~/.wright</c>.</summary>
public static class WrightHome
{
    public static string Resolve(Func<string, string?> environment)
    {
        var configured = environment("WRIGHT_HOME");
        if (!string.IsNullOrWhiteSpace(configured))
            return Path.GetFullPath(configured);
        var home = environment("HOME") ?? Environment.GetFolderPath(Environment.SpecialFolder.UserProfile);
        return Path.Combine(home, ".wright");
    }
}
