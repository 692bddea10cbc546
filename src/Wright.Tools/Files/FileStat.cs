using Wright.Tools.Files.Native;

namespace Wright.Tools.Files;

/// <summary>What <c>statx</c> said of a file, without following a final link unless asked to.</summary>
public readonly record struct FileStat(uint Mode, long Size, DateTime ModifiedUtc, ulong Inode, ulong Device, uint Links)
{
    /// <summary>A regular file.</summary>
    public bool IsFile => (Mode & Libc.S_IFMT) == Libc.S_IFREG;

    /// <summary>A directory.</summary>
    public bool IsDirectory => (Mode & Libc.S_IFMT) == Libc.S_IFDIR;

    /// <summary>A symbolic link.</summary>
    public bool IsLink => (Mode & Libc.S_IFMT) == Libc.S_IFLNK;

    /// <summary>The permission bits (and sticky bit; setuid and setgid are left out so a rewrite never keeps them).</summary>
    public uint Permissions => Mode & 0x3FF;

    /// <summary>What kind of file this is, in words ("a FIFO", "a socket", …), for messages.</summary>
    public string KindText => (Mode & Libc.S_IFMT) switch
    {
        Libc.S_IFREG => "a file",
        Libc.S_IFDIR => "a directory",
        Libc.S_IFLNK => "a symbolic link",
        Libc.S_IFIFO => "a FIFO (named pipe)",
        Libc.S_IFSOCK => "a socket",
        Libc.S_IFCHR => "a character device",
        Libc.S_IFBLK => "a block device",
        _ => "not a regular file",
    };

    internal static FileStat From(in Libc.StatX s) => new(s.Mode, (long)s.Size,
        DateTime.UnixEpoch.AddTicks(s.MtimeSeconds * TimeSpan.TicksPerSecond + s.MtimeNanoseconds / 100), s.Inode,
        ((ulong)s.DevMajor << 32) | s.DevMinor, s.Nlink);
}
