using System.Text;

namespace Wright.Tools.Files;

/// <summary>A decoded text file: its text (line endings as on disk), encoding, BOM and dominant line ending.</summary>
public sealed record TextFile(string Text, Encoding Encoding, bool HasBom, bool Crlf, bool Latin1Fallback)
{
    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    /// <summary>Decodes bytes: BOMs (UTF-8, UTF-16 LE/BE), then strict UTF-8, then Latin-1.</summary>
    public static TextFile Decode(ReadOnlySpan<byte> bytes)
    {
        TextFile Make(string text, Encoding encoding, bool bom, bool latin1 = false) =>
            new(text, encoding, bom, CountCrlf(text), latin1);

        if (bytes.StartsWith((ReadOnlySpan<byte>)[0xEF, 0xBB, 0xBF]))
            return Make(new UTF8Encoding(false).GetString(bytes[3..]), new UTF8Encoding(true), true);
        if (bytes.StartsWith((ReadOnlySpan<byte>)[0xFF, 0xFE]))
            return Make(Encoding.Unicode.GetString(bytes[2..]), Encoding.Unicode, true);
        if (bytes.StartsWith((ReadOnlySpan<byte>)[0xFE, 0xFF]))
            return Make(Encoding.BigEndianUnicode.GetString(bytes[2..]), Encoding.BigEndianUnicode, true);
        try
        {
            return Make(StrictUtf8.GetString(bytes), new UTF8Encoding(false), false);
        }
        catch (DecoderFallbackException)
        {
            return Make(Encoding.Latin1.GetString(bytes), Encoding.Latin1, false, latin1: true);
        }
    }

    /// <summary>Text an editor gave (no bytes, no BOM: the editor stores it as it stores the file).</summary>
    public static TextFile FromText(string text) => new(text, new UTF8Encoding(false), false, CountCrlf(text), false);

    /// <summary>Encodes text the way this file was stored (BOM included).</summary>
    public byte[] Encode(string text)
    {
        var body = Encoding.GetBytes(text);
        var preamble = HasBom ? Encoding.GetPreamble() : [];
        if (HasBom && preamble.Length == 0)
            preamble = Encoding.CodePage == 65001 ? [0xEF, 0xBB, 0xBF] : Encoding.CodePage == 1200 ? [0xFF, 0xFE] : [0xFE, 0xFF];
        return [.. preamble, .. body];
    }

    /// <summary>Converts LF text to this file's line endings.</summary>
    public string WithLineEndings(string lfText) => Crlf ? lfText.Replace("\r\n", "\n", StringComparison.Ordinal).Replace("\n", "\r\n", StringComparison.Ordinal) : lfText;

    private static bool CountCrlf(string text)
    {
        var crlf = 0;
        var lf = 0;
        for (var i = 0; i < text.Length; i++)
        {
            if (text[i] != '\n')
                continue;
            if (i > 0 && text[i - 1] == '\r')
                crlf++;
            else
                lf++;
        }

        return crlf > lf;
    }
}
