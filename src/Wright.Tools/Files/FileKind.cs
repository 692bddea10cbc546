namespace Wright.Tools.Files;

/// <summary>Recognises binary and image files by their first bytes.</summary>
public static class FileKind
{
    /// <summary>The image media type, or null.</summary>
    public static string? ImageType(ReadOnlySpan<byte> head) =>
        head.StartsWith((ReadOnlySpan<byte>)[0x89, 0x50, 0x4E, 0x47]) ? "image/png"
        : head.StartsWith((ReadOnlySpan<byte>)[0xFF, 0xD8, 0xFF]) ? "image/jpeg"
        : head.StartsWith("GIF8"u8) ? "image/gif"
        : head.Length >= 12 && head.StartsWith("RIFF"u8) && head[8..12].SequenceEqual("WEBP"u8) ? "image/webp"
        : null;

    /// <summary>A short description of a binary format, or null when it looks like text.</summary>
    public static string? Binary(ReadOnlySpan<byte> head)
    {
        if (ImageType(head) is { } image)
            return image;
        if (head.StartsWith((ReadOnlySpan<byte>)[0x7F, 0x45, 0x4C, 0x46]))
            return "ELF executable";
        if (head.StartsWith("%PDF"u8))
            return "PDF document";
        if (head.StartsWith("PK"u8))
            return "zip archive";
        if (head.StartsWith((ReadOnlySpan<byte>)[0x1F, 0x8B]))
            return "gzip data";
        if (head.StartsWith("SQLite format 3"u8))
            return "SQLite database";
        if (head.StartsWith((ReadOnlySpan<byte>)[0xFF, 0xFE]) || head.StartsWith((ReadOnlySpan<byte>)[0xFE, 0xFF]))
            return null;
        return head[..Math.Min(head.Length, 8192)].Contains((byte)0) ? "binary data" : null;
    }
}
