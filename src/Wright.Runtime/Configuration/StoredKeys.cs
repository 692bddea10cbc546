using System.Text.Json;

namespace Wright.Runtime.Configuration;

/// <summary>
/// Provider keys the first-run setup stored: <c>$WRIGHT_HOME/credentials.json</c>, mode 0600, one string per key
/// variable (<c>{"DEEPSEEK_API_KEY": "sk-…"}</c>). A variable set in the environment wins over a stored key. The file
/// is under <c>$WRIGHT_HOME</c>, which the sandbox hides from commands, and matches the secret-file rules of the
/// file tools.
/// </summary>
public static class StoredKeys
{
    /// <summary>The file's name in <c>$WRIGHT_HOME</c>.</summary>
    public const string FileName = "credentials.json";

    private const int MaxBytes = 64 * 1024;

    /// <summary>The file of <paramref name="home"/>.</summary>
    public static string PathOf(string home) => Path.Combine(home, FileName);

    /// <summary>The environment with the stored keys under it: a variable that is not set reads the stored key of that name.</summary>
    public static Func<string, string?> Over(Func<string, string?> environment, string home)
    {
        ArgumentNullException.ThrowIfNull(environment);
        var stored = Load(home);
        if (stored.Count == 0)
            return environment;
        return name => environment(name) is { Length: > 0 } value ? value : stored.GetValueOrDefault(name);
    }

    /// <summary>The stored keys (empty when there is no file or it cannot be read; a broken file never stops a session).</summary>
    public static IReadOnlyDictionary<string, string> Load(string home)
    {
        var keys = new Dictionary<string, string>(StringComparer.Ordinal);
        try
        {
            // Only a small regular file, opened without following a link and without blocking: a credentials.json
            // someone else planted as a link (to /dev/zero, to a file of theirs) or as a FIFO is as none.
            if (Wright.Tools.Files.WorkspaceFs.ReadSmallFile(PathOf(home), MaxBytes + 1) is not { Length: <= MaxBytes } bytes)
                return keys;
            using var document = JsonDocument.Parse(bytes);
            if (document.RootElement.ValueKind != JsonValueKind.Object)
                return keys;
            foreach (var property in document.RootElement.EnumerateObject())
            {
                if (property.Value.ValueKind == JsonValueKind.String && property.Value.GetString() is { Length: > 0 } value)
                    keys[property.Name] = value;
            }
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or JsonException)
        {
            // Unreadable: as if none were stored.
        }

        return keys;
    }

    /// <summary>Stores <paramref name="value"/> as <paramref name="variable"/> (replacing an earlier one); the file is written with mode 0600 and replaced atomically.</summary>
    public static void Save(string home, string variable, string value)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(variable);
        ArgumentException.ThrowIfNullOrWhiteSpace(value);
        if (OperatingSystem.IsWindows())
            throw new PlatformNotSupportedException("file modes need a Unix system");
        var keys = new Dictionary<string, string>(Load(home), StringComparer.Ordinal) { [variable] = value.Trim() };
        Directory.CreateDirectory(home, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = true }))
        {
            writer.WriteStartObject();
            foreach (var (name, key) in keys.OrderBy(k => k.Key, StringComparer.Ordinal))
                writer.WriteString(name, key);
            writer.WriteEndObject();
        }

        buffer.Write("\n"u8);
        var path = PathOf(home);
        var temp = path + ".tmp-" + Environment.ProcessId.ToString(System.Globalization.CultureInfo.InvariantCulture);
        // Created 0600 (never readable by others, not even for a moment); CreateNew: never through a planted link.
        File.Delete(temp);
        using (var stream = new FileStream(temp, new FileStreamOptions
        {
            Mode = FileMode.CreateNew,
            Access = FileAccess.Write,
            UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite,
        }))
        {
            stream.Write(buffer.GetBuffer(), 0, (int)buffer.Length);
        }

        File.Move(temp, path, overwrite: true);
    }
}
