using System.Runtime.InteropServices;

namespace Wright.Tests.Safety;

/// <summary>libc calls the adversarial tests need (file types without opening, raw descriptors, FIFOs).</summary>
internal static class Posix
{
    public const int ORdOnly = 0;
    public const int OWrOnly = 1;
    public const int ONonBlock = 0x800;

    [DllImport("libc", EntryPoint = "lstat", SetLastError = true)]
    private static extern int LStat(string path, byte[] buffer);

    [DllImport("libc", EntryPoint = "mkfifo", SetLastError = true)]
    private static extern int MkFifo(string path, uint mode);

    [DllImport("libc", EntryPoint = "open", SetLastError = true)]
    public static extern int Open(string path, int flags);

    [DllImport("libc", EntryPoint = "dup2", SetLastError = true)]
    public static extern int Dup2(int oldFd, int newFd);

    [DllImport("libc", EntryPoint = "close", SetLastError = true)]
    public static extern int Close(int fd);

    [DllImport("libc", EntryPoint = "kill", SetLastError = true)]
    public static extern int Kill(int pid, int signal);

    /// <summary>The st_mode of a path, links not followed (x86_64 layout: st_mode at offset 24); null when absent.</summary>
    public static uint? Mode(string path)
    {
        var buffer = new byte[256];
        return LStat(path, buffer) == 0 ? BitConverter.ToUInt32(buffer, 24) : null;
    }

    public static bool IsRegularFile(string path) => (Mode(path) & 0xF000) == 0x8000;

    public static void Fifo(string path) => Assert.Equal(0, MkFifo(path, 0x1B6));

    /// <summary>Opens <paramref name="path"/> at descriptor <paramref name="fd"/>, inheritable (no O_CLOEXEC), as a leaked descriptor would be.</summary>
    public static void OpenInheritable(string path, int fd)
    {
        var opened = Open(path, ORdOnly);
        Assert.True(opened >= 0);
        Assert.Equal(fd, Dup2(opened, fd));
        Close(opened);
    }
}
