using System.Security.Cryptography;
using System.Text;
using System.Text.Json;

namespace Wright.Permissions.Dependencies.Registries;

/// <summary>
/// Registry answers on disk, one small JSON file per package and registry address, written atomically (0600 in a 0700
/// folder) with its expiry. A file that cannot be read, or has expired, is as good as none.
/// </summary>
internal sealed class RegistryCache(string directory)
{
    public PackageFacts? Read(Ecosystem ecosystem, string registry, string name, DateTimeOffset now)
    {
        var file = FileOf(ecosystem, registry, name);
        try
        {
            if (!File.Exists(file) || new FileInfo(file).Length > 64 * 1024)
                return null;
            using var doc = JsonDocument.Parse(File.ReadAllBytes(file));
            var root = doc.RootElement;
            if (root.GetProperty("name").GetString() != name || root.GetProperty("registry").GetString() != registry
                || root.GetProperty("expires").GetDateTimeOffset() <= now)
                return null;
            return new PackageFacts(root.GetProperty("exists").GetBoolean())
            {
                FirstPublished = Optional(root, "first_published")?.GetDateTimeOffset(),
                WeeklyDownloads = Optional(root, "weekly_downloads")?.GetInt64(),
                TotalDownloads = Optional(root, "total_downloads")?.GetInt64(),
                HasRepository = Optional(root, "has_repository")?.GetBoolean(),
                Versions = Optional(root, "versions")?.GetInt32(),
                FetchedAt = root.GetProperty("fetched").GetDateTimeOffset(),
            };
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or JsonException or KeyNotFoundException or InvalidOperationException or FormatException)
        {
            return null;
        }
    }

    public void Write(Ecosystem ecosystem, string registry, string name, PackageFacts facts, DateTimeOffset expires)
    {
        if (OperatingSystem.IsWindows())
            return; // Wright runs on Linux (and macOS); owner-only modes below
        var file = FileOf(ecosystem, registry, name);
        var temp = $"{file}.{Guid.NewGuid():N}.tmp";
        try
        {
            Directory.CreateDirectory(directory, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
            using (var stream = new FileStream(temp, new FileStreamOptions
            {
                Mode = FileMode.CreateNew,
                Access = FileAccess.Write,
                UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite,
            }))
            using (var writer = new Utf8JsonWriter(stream))
            {
                writer.WriteStartObject();
                writer.WriteString("name", name);
                writer.WriteString("registry", registry);
                writer.WriteBoolean("exists", facts.Exists);
                if (facts.FirstPublished is { } first)
                    writer.WriteString("first_published", first);
                if (facts.WeeklyDownloads is { } weekly)
                    writer.WriteNumber("weekly_downloads", weekly);
                if (facts.TotalDownloads is { } total)
                    writer.WriteNumber("total_downloads", total);
                if (facts.HasRepository is { } repository)
                    writer.WriteBoolean("has_repository", repository);
                if (facts.Versions is { } versions)
                    writer.WriteNumber("versions", versions);
                writer.WriteString("fetched", facts.FetchedAt);
                writer.WriteString("expires", expires);
                writer.WriteEndObject();
            }

            File.Move(temp, file, overwrite: true);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            // A cache that cannot be written only costs another request.
            try
            {
                File.Delete(temp);
            }
            catch (Exception cleanup) when (cleanup is IOException or UnauthorizedAccessException)
            {
                // nothing more to do
            }
        }
    }

    private string FileOf(Ecosystem ecosystem, string registry, string name)
    {
        var hash = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(registry + "\n" + name)))[..40];
        return Path.Combine(directory, $"{PackageNames.Key(ecosystem)}-{hash}.json");
    }

    private static JsonElement? Optional(JsonElement root, string name) =>
        root.TryGetProperty(name, out var value) && value.ValueKind != JsonValueKind.Null ? value : null;
}
