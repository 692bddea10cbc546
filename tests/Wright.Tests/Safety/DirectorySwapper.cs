using System.Runtime.InteropServices;

namespace Wright.Tests.Safety;

/// <summary>
/// What a sandboxed process can do to the host's file tools: a thread that swaps two names in a loop with
/// <c>renameat2(RENAME_EXCHANGE)</c> — a real directory of the workspace and a symbolic link to a directory outside —
/// so every path lookup through that name sees one or the other. Bounded: it stops when disposed.
/// </summary>
public sealed class DirectorySwapper : IDisposable
{
    private const int AtFdCwd = -100;
    private const uint RenameExchange = 2;
    private readonly Thread _thread;
    private readonly ManualResetEventSlim _started = new();
    private volatile bool _stop;
    private long _swaps;

    public DirectorySwapper(string first, string second)
    {
        _thread = new Thread(() =>
        {
            while (!_stop)
            {
                if (RenameAt2(AtFdCwd, first, AtFdCwd, second, RenameExchange) == 0 && Interlocked.Increment(ref _swaps) == 1)
                    _started.Set();
            }
        }) { IsBackground = true, Name = "directory swapper" };
        _thread.Start();
        Assert.True(_started.Wait(TimeSpan.FromSeconds(10)), "renameat2(RENAME_EXCHANGE) never succeeded");
    }

    /// <summary>How many exchanges were done.</summary>
    public long Swaps => Interlocked.Read(ref _swaps);

    public void Dispose()
    {
        _stop = true;
        Assert.True(_thread.Join(TimeSpan.FromSeconds(10)));
        _started.Dispose();
    }

    /// <summary>One exchange of two names.</summary>
    public static void Exchange(string first, string second) => Assert.Equal(0, RenameAt2(AtFdCwd, first, AtFdCwd, second, RenameExchange));

    /// <summary>Creates a FIFO (no .NET API exists).</summary>
    public static void MakeFifo(string path) => Assert.Equal(0, MkFifo(path, 0x1B6));

    [DllImport("libc", EntryPoint = "renameat2", SetLastError = true)]
    private static extern int RenameAt2(int oldDir, [MarshalAs(UnmanagedType.LPUTF8Str)] string oldPath, int newDir, [MarshalAs(UnmanagedType.LPUTF8Str)] string newPath, uint flags);

    [DllImport("libc", EntryPoint = "mkfifo", SetLastError = true)]
    private static extern int MkFifo([MarshalAs(UnmanagedType.LPUTF8Str)] string path, uint mode);
}
