using System.Buffers.Binary;
using System.Text;

namespace Wright.Sandbox.Filesystem;

/// <summary>
/// Reads the submodule paths (gitlinks, mode 160000) from a git index, versions 2 to 4, without git: git looks for a
/// git folder at each of them (and runs its configuration on the host), so the sandbox protects them. The index is
/// hostile input: every length is checked, and a malformed index yields what was read so far.
/// </summary>
internal static class GitIndex
{
    private const uint GitlinkMode = 0xE000; // 0160000: the object type bits of a gitlink

    /// <summary>The gitlink paths of <paramref name="index"/> (hash length 20 for SHA-1, 32 for SHA-256).</summary>
    public static IReadOnlyList<string> Gitlinks(ReadOnlySpan<byte> index, int hashLength)
    {
        var found = new List<string>();
        if (index.Length < 12 || !index[..4].SequenceEqual("DIRC"u8))
            return found;
        var version = BinaryPrimitives.ReadUInt32BigEndian(index[4..]);
        var count = BinaryPrimitives.ReadUInt32BigEndian(index[8..]);
        if (version is < 2 or > 4)
            return found;
        var position = 12;
        var previous = Array.Empty<byte>();
        var fixedLength = 40 + hashLength + 2;
        for (var i = 0u; i < count; i++)
        {
            var start = position;
            if (position + fixedLength > index.Length)
                break;
            var mode = BinaryPrimitives.ReadUInt32BigEndian(index[(position + 24)..]);
            var flags = BinaryPrimitives.ReadUInt16BigEndian(index[(position + 40 + hashLength)..]);
            position += fixedLength;
            if (version >= 3 && (flags & 0x4000) != 0)
                position += 2;
            if (position > index.Length)
                break;
            byte[] path;
            if (version == 4)
            {
                if (!ReadVarint(index, ref position, out var strip) || strip > (ulong)previous.Length)
                    break;
                var end = index[position..].IndexOf((byte)0);
                if (end < 0)
                    break;
                path = [.. previous.AsSpan(0, previous.Length - (int)strip), .. index.Slice(position, end)];
                position += end + 1;
            }
            else
            {
                var end = index[position..].IndexOf((byte)0);
                if (end < 0)
                    break;
                path = index.Slice(position, end).ToArray();
                // Padding: the entry (from its start) is NUL-padded to a multiple of 8, with at least one NUL.
                position = start + ((position + end - start + 8) & ~7);
            }

            previous = path;
            if ((mode & 0xF000) == GitlinkMode && path.Length > 0)
                found.Add(Encoding.UTF8.GetString(path));
        }

        return found;
    }

    /// <summary>git's offset varint (index v4): 7 bits a byte, each continuation adding one before the shift.</summary>
    private static bool ReadVarint(ReadOnlySpan<byte> data, ref int position, out ulong value)
    {
        value = 0;
        for (var n = 0; n < 10 && position < data.Length; n++)
        {
            var c = data[position++];
            value = (value << 7) + (ulong)(c & 0x7F);
            if ((c & 0x80) == 0)
                return true;
            value++;
        }

        return false;
    }
}
