using System.Text.Json;

namespace Wright.Runtime.Configuration;

/// <summary>
/// Trust decisions for project configs, bound to the content hash: <c>$WRIGHT_HOME/trust.json</c> maps a config's
/// absolute path to the sha256 the user approved. A changed file is untrusted again.
/// </summary>
public static class ProjectTrust
{
    private const string FileName = "trust.json";

    /// <summary>Whether the file, as it is now (read as <see cref="ProjectFiles"/> reads it), is trusted.</summary>
    public static bool IsTrusted(string wrightHome, string configPath) =>
        ProjectFiles.Read(configPath) is { } bytes && IsTrusted(wrightHome, configPath, bytes);

    /// <summary>Whether these bytes, read from the file, are what the user trusted there.</summary>
    public static bool IsTrusted(string wrightHome, string configPath, byte[] bytes)
    {
        var entries = Read(wrightHome);
        return entries.TryGetValue(Path.GetFullPath(configPath), out var hash)
            && string.Equals(hash, ConfigLoader.Hash(bytes), StringComparison.OrdinalIgnoreCase);
    }

    /// <summary>
    /// The path whose trust decision applies to <paramref name="file"/>: for a workspace that is a worktree of a
    /// repository the person trusted (<c>wright serve</c>'s attempts), a file beneath the workspace answers to the same
    /// relative path in <paramref name="trustRoot"/>, so the bytes in the worktree are trusted exactly when they are
    /// what the person trusted in the repository — never more: a file the agent or a setup script changed hashes
    /// differently and is untrusted again, and a file outside the workspace answers to its own path. Null
    /// <paramref name="trustRoot"/>: the file's own path.
    /// </summary>
    public static string TrustedPath(string file, string workspace, string? trustRoot)
    {
        var full = Path.GetFullPath(file);
        if (trustRoot is null)
            return full;
        var root = Path.GetFullPath(workspace).TrimEnd('/');
        return full.StartsWith(root + "/", StringComparison.Ordinal)
            ? Path.Combine(Path.GetFullPath(trustRoot), full[(root.Length + 1)..])
            : full;
    }

    /// <summary>Whether the bytes read from <paramref name="file"/> in <paramref name="workspace"/> are trusted, with <see cref="TrustedPath"/>'s mapping.</summary>
    public static bool IsTrusted(string wrightHome, string file, string workspace, string? trustRoot, byte[] bytes) =>
        IsTrusted(wrightHome, TrustedPath(file, workspace, trustRoot), bytes);

    /// <summary>Whether <paramref name="file"/> as it is now is trusted, with <see cref="TrustedPath"/>'s mapping.</summary>
    public static bool IsTrusted(string wrightHome, string file, string workspace, string? trustRoot) =>
        ProjectFiles.Read(file) is { } bytes && IsTrusted(wrightHome, file, workspace, trustRoot, bytes);

    /// <summary>Records the file's current hash; throws <see cref="ConfigException"/> when it cannot be read safely.</summary>
    public static string Trust(string wrightHome, string configPath)
    {
        var entries = Read(wrightHome);
        var hash = ConfigLoader.Hash(configPath)
            ?? throw new ConfigException(string.Format(System.Globalization.CultureInfo.InvariantCulture, Text.Strings.ProjectFileUnreadable, configPath));
        entries[Path.GetFullPath(configPath)] = hash;
        Directory.CreateDirectory(wrightHome);
        var file = Path.Combine(wrightHome, FileName);
        var temp = file + ".tmp";
        using (var stream = File.Create(temp))
        using (var writer = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true }))
        {
            writer.WriteStartObject();
            foreach (var (path, value) in entries.OrderBy(e => e.Key, StringComparer.Ordinal))
                writer.WriteString(path, value);
            writer.WriteEndObject();
        }

        File.Move(temp, file, overwrite: true);
        return hash;
    }

    private static Dictionary<string, string> Read(string wrightHome)
    {
        var file = Path.Combine(wrightHome, FileName);
        var result = new Dictionary<string, string>(StringComparer.Ordinal);
        if (!File.Exists(file))
            return result;
        try
        {
            using var doc = JsonDocument.Parse(File.ReadAllBytes(file));
            foreach (var p in doc.RootElement.EnumerateObject())
            {
                if (p.Value.ValueKind == JsonValueKind.String)
                    result[p.Name] = p.Value.GetString()!;
            }
        }
        catch (JsonException)
        {
            // A corrupt trust file trusts nothing.
        }

        return result;
    }
}
