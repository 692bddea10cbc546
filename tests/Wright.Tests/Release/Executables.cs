namespace Wright.Tests.Release;

/// <summary>Finds a program by absolute path in the system's directories (never the current directory).</summary>
public static class Executables
{
    public static string Find(string name) =>
        new[] { "/usr/local/bin", "/usr/bin", "/bin" }.Select(d => Path.Combine(d, name)).FirstOrDefault(File.Exists)
        ?? throw new InvalidOperationException($"{name} is not installed in /usr/local/bin, /usr/bin or /bin");
}
