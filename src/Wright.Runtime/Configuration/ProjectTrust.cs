using System.Text.Json;

namespace Wright.Runtime.Configuration;

/// <summary>
/// Trust decisions for project configs, bound to the content hash: <c>$WRIGHT_HOME/trust.json</c> maps a config's
/// absolute path to the sha256 the user approved. A changed file is untrusted again.
/// </summary>
public static class ProjectTrust
{
    private const string FileName = "trust.json";

    public static bool IsTrusted(string wrightHome, string configPath)
    {
        var entries = Read(wrightHome);
        return entries.TryGetValue(Path.GetFullPath(configPath), out var hash)
            && string.Equals(hash, ConfigLoader.Hash(configPath), StringComparison.OrdinalIgnoreCase);
    }

    public static string Trust(string wrightHome, string configPath)
    {
        var entries = Read(wrightHome);
        var hash = ConfigLoader.Hash(configPath);
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
