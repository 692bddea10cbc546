using System.Globalization;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Wright.Runtime.Configuration;

/// <summary>
/// Changes a <c>config.json</c> (the user's or a project's) for <c>wright config set</c> and the first-run setup: read
/// and schema-checked as the loader reads it (comments and trailing commas allowed; comments are not kept), changed,
/// and written whole through a temporary file and a rename, so a crash never leaves half a config. A file keeps its
/// mode; a new one gets <paramref name="newFileMode"/> of <see cref="Update"/>.
/// </summary>
[System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
public static class ConfigFileEditor
{
    /// <summary>The mode of a new user config in <c>$WRIGHT_HOME</c> (0600: it is nobody else's business).</summary>
    public const UnixFileMode PrivateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;

    /// <summary>The mode of a new project config (0644: it is meant to be shared with the repository).</summary>
    public const UnixFileMode SharedMode = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead | UnixFileMode.OtherRead;

    /// <summary>Applies <paramref name="change"/> to <paramref name="file"/> (created when missing, with its directory at 0700).</summary>
    public static void Update(string file, Action<JsonObject> change, UnixFileMode newFileMode)
    {
        ArgumentException.ThrowIfNullOrEmpty(file);
        ArgumentNullException.ThrowIfNull(change);
        JsonObject root;
        if (File.Exists(file))
        {
            var bytes = File.ReadAllBytes(file);
            ConfigSchema.Check(file, bytes);
            root = JsonNode.Parse(bytes, documentOptions: new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true }) as JsonObject
                ?? throw new ConfigException(string.Format(CultureInfo.InvariantCulture, "{0}: the top level must be an object", file));
        }
        else
        {
            root = new JsonObject();
        }

        change(root);
        var dir = Path.GetDirectoryName(file)!;
        if (!Directory.Exists(dir))
            Directory.CreateDirectory(dir, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
            root.WriteTo(writer);
        buffer.Write("\n"u8);
        var mode = File.Exists(file) ? File.GetUnixFileMode(file) : newFileMode;
        var temp = file + ".tmp-" + Environment.ProcessId.ToString(CultureInfo.InvariantCulture);
        // A fresh file with its final mode from the start; CreateNew never writes through a planted link.
        File.Delete(temp);
        using (var stream = new FileStream(temp, new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write, UnixCreateMode = mode }))
            stream.Write(buffer.GetBuffer(), 0, (int)buffer.Length);
        File.SetUnixFileMode(temp, mode); // the umask may have taken bits off an existing file's mode
        File.Move(temp, file, overwrite: true);
    }
}
