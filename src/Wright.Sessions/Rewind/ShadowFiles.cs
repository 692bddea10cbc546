using System.IO.Compression;
using System.Security.Cryptography;
using System.Text;

namespace Wright.Sessions.Rewind;

/// <summary>
/// The few writes and reads of the shadow repository done in process instead of by starting git: loose objects
/// (a commit per snapshot), loose refs, and the index's trailing checksum. Every snapshot used to start about seven
/// git processes; with these a snapshot of an unchanged tree starts one (<c>git status</c>) and a changed one four.
/// Only Wright writes the shadow repository, and only while holding its store lock, so a loose ref is written the way
/// <c>git update-ref</c> writes one (a <c>.lock</c> file renamed over it) without racing another writer. Nothing here
/// reads the workspace.
/// </summary>
internal static class ShadowFiles
{
    /// <summary>
    /// Writes a loose object of <paramref name="type"/> (git's "type size\0content", zlib-compressed, at
    /// <c>objects/xx/yyyy…</c>, read-only like git's) unless it exists, and returns its SHA-1 name.
    /// </summary>
    public static string WriteObject(string gitDir, string type, byte[] content)
    {
        var header = Encoding.ASCII.GetBytes(type + " " + content.Length.ToString(System.Globalization.CultureInfo.InvariantCulture) + "\0");
        var raw = new byte[header.Length + content.Length];
        header.CopyTo(raw, 0);
        content.CopyTo(raw, header.Length);
#pragma warning disable CA5350 // git's object names are SHA-1; the shadow repository is checked to use them.
        var id = Convert.ToHexStringLower(SHA1.HashData(raw));
#pragma warning restore CA5350
        var dir = Path.Combine(gitDir, "objects", id[..2]);
        var file = Path.Combine(dir, id[2..]);
        if (File.Exists(file))
            return id;
        Directory.CreateDirectory(dir);
        var temp = Path.Combine(dir, "tmp_obj_" + Guid.NewGuid().ToString("N"));
        try
        {
            using (var stream = new FileStream(temp, FileMode.CreateNew, FileAccess.Write))
            using (var zlib = new ZLibStream(stream, CompressionLevel.Fastest))
                zlib.Write(raw);
            if (!OperatingSystem.IsWindows())
                File.SetUnixFileMode(temp, UnixFileMode.UserRead | UnixFileMode.GroupRead | UnixFileMode.OtherRead);
            File.Move(temp, file, overwrite: true);
        }
        finally
        {
            File.Delete(temp);
        }

        return id;
    }

    /// <summary>The object a loose ref (<c>refs/…</c> or <c>HEAD</c>) names, or null when it is not a loose ref holding
    /// an object name (absent, symbolic, packed): callers then ask git.</summary>
    public static string? ReadLooseRef(string gitDir, string name)
    {
        var file = Path.Combine(gitDir, name);
        try
        {
            var info = new FileInfo(file);
            if (!info.Exists || info.Length is < 40 or > 42 || info.LinkTarget is not null)
                return null;
            var text = File.ReadAllText(file).TrimEnd('\n');
            return text.Length == 40 && text.All(char.IsAsciiHexDigitLower) ? text : null;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }

    /// <summary>Points a loose ref at <paramref name="id"/> (detaching it if it was symbolic), as git does: write
    /// <c>name.lock</c>, rename it over <c>name</c>.</summary>
    public static void WriteLooseRef(string gitDir, string name, string id)
    {
        var file = Path.Combine(gitDir, name);
        Directory.CreateDirectory(Path.GetDirectoryName(file)!);
        var temp = file + ".lock";
        File.WriteAllText(temp, id + "\n");
        File.Move(temp, file, overwrite: true);
    }

    /// <summary>
    /// The index file's identity: its size and trailing SHA-1 checksum (git's hash over all of its content, stat data
    /// included), or null when there is none. Equal stamps mean no process changed the index in between.
    /// </summary>
    public static string? IndexStamp(string indexFile)
    {
        try
        {
            using var handle = File.OpenHandle(indexFile, FileMode.Open, FileAccess.Read);
            var length = RandomAccess.GetLength(handle);
            if (length < 32)
                return null;
            Span<byte> checksum = stackalloc byte[20];
            if (RandomAccess.Read(handle, checksum, length - 20) != 20)
                return null;
            return length.ToString(System.Globalization.CultureInfo.InvariantCulture) + ":" + Convert.ToHexStringLower(checksum);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }
}
