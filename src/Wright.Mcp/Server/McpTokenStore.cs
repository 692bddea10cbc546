using System.Buffers.Text;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Runtime.InteropServices;
using Wright.Mcp.Server.Text;

namespace Wright.Mcp.Server;

/// <summary>
/// The bearer token of <c>wright mcp serve --http</c> when <c>WRIGHT_MCP_TOKEN</c> is not set: kept in
/// <c>$WRIGHT_HOME/mcp-token</c> (mode 0600, owner only) so clients configured with it keep working across restarts;
/// made (32 random bytes, base64url) when the file does not exist yet.
/// </summary>
public static class McpTokenStore
{
    /// <summary>The token file's name in <c>$WRIGHT_HOME</c>.</summary>
    public const string FileName = "mcp-token";

    /// <summary>
    /// The stored token, or a new one written to the store. <paramref name="created"/> tells which.
    /// </summary>
    /// <exception cref="IOException">The file cannot be read or written, is not a regular file of ours, or is open to others.</exception>
    public static string LoadOrCreate(string wrightHome, out bool created) => LoadOrCreate(wrightHome, FileName, out created);

    /// <summary>As <see cref="LoadOrCreate(string, out bool)"/> for another server's token file (<c>server-token</c> of <c>wright serve</c>).</summary>
    public static string LoadOrCreate(string wrightHome, string fileName, out bool created)
    {
        ArgumentException.ThrowIfNullOrEmpty(wrightHome);
        ArgumentException.ThrowIfNullOrEmpty(fileName);
        Directory.CreateDirectory(wrightHome);
        var path = Path.Combine(wrightHome, fileName);
        if (TryRead(path) is { } existing)
        {
            created = false;
            return existing;
        }

        Span<byte> random = stackalloc byte[32];
        RandomNumberGenerator.Fill(random);
        var token = Base64Url.EncodeToString(random);
        // CreateNew: never through a link or over a file someone else put there; 0600 from the first byte.
        var create = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write, Share = FileShare.None };
        if (!OperatingSystem.IsWindows())
            create.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        using (var stream = new FileStream(path, create))
        {
            stream.Write(Encoding.UTF8.GetBytes(token + "\n"));
        }

        created = true;
        return token;
    }

    /// <summary>The token in <paramref name="path"/>, or null when there is no such file.</summary>
    private static string? TryRead(string path)
    {
        // Opened without following a link (a link could point the server at any file, printed as the token) and
        // without blocking (a FIFO); a file others can read holds a token others know.
        using var handle = NoFollowFile.OpenRead(path, out var errno);
        if (handle is null)
        {
            return errno switch
            {
                2 /* ENOENT */ => null,
                40 /* ELOOP */ => throw new IOException(string.Format(CultureInfo.InvariantCulture, ServerStrings.TokenFileLink, path)),
                _ => throw new IOException(string.Format(CultureInfo.InvariantCulture, ServerStrings.TokenFileUnreadable, path, Marshal.GetPInvokeErrorMessage(errno))),
            };
        }

        if (!OperatingSystem.IsWindows() && (File.GetUnixFileMode(handle) & (UnixFileMode.GroupRead | UnixFileMode.GroupWrite | UnixFileMode.OtherRead | UnixFileMode.OtherWrite)) != 0)
            throw new IOException(string.Format(CultureInfo.InvariantCulture, ServerStrings.TokenFileOpen, path));
        var buffer = new byte[4096];
        int read;
        try
        {
            using var stream = new FileStream(handle, FileAccess.Read, 1);
            read = stream.ReadAtLeast(buffer, buffer.Length, throwOnEndOfStream: false);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or NotSupportedException)
        {
            throw new IOException(string.Format(CultureInfo.InvariantCulture, ServerStrings.TokenFileUnreadable, path, e.Message), e);
        }

        var token = Encoding.UTF8.GetString(buffer, 0, read).Trim();
        if (token.Length < 16 || token.Any(char.IsWhiteSpace))
            throw new IOException(string.Format(CultureInfo.InvariantCulture, ServerStrings.TokenFileBad, path));
        return token;
    }
}
