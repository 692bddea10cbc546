using System.Runtime.InteropServices;

namespace Wright.Runtime.Platform;

/// <summary>libc calls the BCL does not offer.</summary>
internal static partial class NativeMethods
{
    [LibraryImport("libc", EntryPoint = "realpath", StringMarshalling = StringMarshalling.Utf8)]
    private static partial IntPtr RealPath(string path, IntPtr resolved);

    [LibraryImport("libc", EntryPoint = "free")]
    private static partial void Free(IntPtr pointer);

    /// <summary>The canonical absolute path (symlinks resolved), or null when it does not exist.</summary>
    public static string? Canonicalize(string path)
    {
        var full = Path.GetFullPath(path);
        if (!OperatingSystem.IsLinux() && !OperatingSystem.IsMacOS())
            return Directory.Exists(full) || File.Exists(full) ? full : null;
        var pointer = RealPath(full, IntPtr.Zero);
        if (pointer == IntPtr.Zero)
            return null;
        try
        {
            return Marshal.PtrToStringUTF8(pointer);
        }
        finally
        {
            Free(pointer);
        }
    }
}
