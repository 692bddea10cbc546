using Microsoft.Win32.SafeHandles;

namespace Wright.Tools.Files.Native;

/// <summary>
/// Opens a relative path below a held directory without following any link and without leaving it: one
/// <c>openat2(RESOLVE_BENEATH | RESOLVE_NO_SYMLINKS)</c> where the kernel has it (Linux 5.6+), else a walk that opens
/// each component with <c>O_NOFOLLOW</c> relative to the previous one. Either way a directory swapped for a link
/// between two calls makes the open fail (ELOOP/ENOTDIR) instead of landing elsewhere.
/// </summary>
internal static class Beneath
{
    private static readonly AsyncLocal<bool> Walking = new();
    private static int _openAt2 = -1; // -1 not probed, 0 unavailable, 1 available

    /// <summary>Tests set this (for their own async flow only) to exercise the per-component walk on a kernel that has openat2.</summary>
    internal static bool ForceWalk
    {
        get => Walking.Value;
        set => Walking.Value = value;
    }

    /// <summary>Whether openat2 is used.</summary>
    internal static bool OpenAt2Available
    {
        get
        {
            if (_openAt2 < 0)
            {
                var fd = Libc.OpenAt2Probe();
                if (fd >= 0)
                    Libc.Close(fd);
                _openAt2 = fd >= 0 ? 1 : 0;
            }

            return _openAt2 == 1 && !ForceWalk;
        }
    }

    /// <summary>
    /// Opens <paramref name="relative"/> ('/'-separated, no '..', no leading '/'; empty for the directory itself)
    /// below <paramref name="root"/>; the descriptor, or -errno.
    /// </summary>
    public static int Open(SafeFileHandle root, string relative, int flags, uint mode = 0)
    {
        flags |= Libc.O_CLOEXEC | Libc.O_NOFOLLOW;
        if (relative.Length == 0)
            return Retry(() => Libc.OpenAt(root, ".", flags & ~Libc.O_NOFOLLOW, mode));
        if (OpenAt2Available)
        {
            var fd = Retry(() => Libc.OpenAt2(root, relative, (ulong)(uint)flags, (flags & Libc.O_CREAT) != 0 ? mode : 0,
                Libc.RESOLVE_BENEATH | Libc.RESOLVE_NO_SYMLINKS | Libc.RESOLVE_NO_MAGICLINKS));
            // EAGAIN: a concurrent rename made the kernel give up on a race-free answer; the walk below is exact.
            if (fd != -Libc.EAGAIN)
                return fd;
        }

        return Walk(root, relative, flags, mode);
    }

    /// <summary>Opens each directory on the way with O_PATH|O_DIRECTORY|O_NOFOLLOW, then the last component.</summary>
    private static int Walk(SafeFileHandle root, string relative, int flags, uint mode)
    {
        var parts = relative.Split('/', StringSplitOptions.RemoveEmptyEntries);
        SafeFileHandle? current = null;
        try
        {
            for (var i = 0; i < parts.Length - 1; i++)
            {
                var at = current ?? root;
                var part = parts[i];
                var fd = Retry(() => Libc.OpenAt(at, part, Libc.O_PATH | Libc.O_DIRECTORY | Libc.O_NOFOLLOW | Libc.O_CLOEXEC, 0));
                if (fd < 0)
                    return fd;
                current?.Dispose();
                current = Libc.Own(fd);
            }

            var last = parts[^1];
            var parent = current ?? root;
            return Retry(() => Libc.OpenAt(parent, last, flags, mode));
        }
        finally
        {
            current?.Dispose();
        }
    }

    /// <summary>Calls until it is not interrupted; the result, or -errno.</summary>
    public static int Retry(Func<int> call)
    {
        while (true)
        {
            var result = call();
            if (result >= 0)
                return result;
            var errno = Libc.Errno;
            if (errno != Libc.EINTR)
                return -errno;
        }
    }
}
