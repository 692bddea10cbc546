using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace Wright.Cli.Hosting;

/// <summary>
/// Gives back the pages of the executable's read-only segments that the start-up read once. NativeAOT reads its type
/// data (about 7 MB, compressed in the read-only data) to write it out at every start; those file pages stay mapped and
/// counted in the process's memory although nothing reads them again. Once <c>Main</c> runs, the rehydration is over:
/// the pages of every segment the executable maps without write access are dropped with <c>MADV_DONTNEED</c>, and
/// whatever is read again later (constants, unwind tables) is faulted back in from the file, unchanged.
/// </summary>
/// <remarks>
/// Safe by construction: for a private file mapping that was never written, <c>MADV_DONTNEED</c> only unmaps the pages,
/// and the next read maps the same file pages again. Only segments without write permission are touched, and not at all
/// when the executable has text relocations (then the loader may have written into a read-only segment). Only in the
/// NativeAOT binary on 64-bit Linux; anywhere else (tests under the JIT, whose executable is the .NET host) nothing
/// happens. A failure changes nothing and is ignored: this is only memory accounting.
/// </remarks>
internal static unsafe partial class StartupMemory
{
    private const uint LoadSegment = 1;           // PT_LOAD
    private const uint DynamicSegment = 2;        // PT_DYNAMIC
    private const uint WritableFlag = 2;          // PF_W
    private const long TextRelocationsTag = 22;   // DT_TEXTREL
    private const long FlagsTag = 30;             // DT_FLAGS
    private const long TextRelocationsFlag = 4;   // DF_TEXTREL
    private const int DontNeed = 4;               // MADV_DONTNEED

    /// <summary>Drops the read-only segments' pages of this executable (see the class summary); never throws.</summary>
    public static void ReleaseReadOnlyImage()
    {
        if (!OperatingSystem.IsLinux() || IntPtr.Size != 8 || RuntimeFeature.IsDynamicCodeSupported)
            return;
        try
        {
            _ = IteratePhdr(&ReleaseFirstObject, null);
        }
        catch (Exception e) when (e is DllNotFoundException or EntryPointNotFoundException)
        {
            // No dl_iterate_phdr: nothing to give back.
        }
    }

    [UnmanagedCallersOnly]
    private static int ReleaseFirstObject(PhdrInfo* info, nuint size, void* data)
    {
        var headers = info->Headers;
        for (var i = 0; i < info->Count; i++)
        {
            if (headers[i].Type == DynamicSegment && HasTextRelocations((long*)(info->Address + (nint)headers[i].VirtualAddress)))
                return 1;
        }

        var page = (ulong)Environment.SystemPageSize;
        for (var i = 0; i < info->Count; i++)
        {
            ref var segment = ref headers[i];
            if (segment.Type != LoadSegment || (segment.Flags & WritableFlag) != 0 || segment.FileSize == 0)
                continue;
            // Whole pages inside the segment's file-backed part only.
            var start = ((ulong)info->Address + segment.VirtualAddress + page - 1) & ~(page - 1);
            var end = ((ulong)info->Address + segment.VirtualAddress + Math.Min(segment.FileSize, segment.MemorySize)) & ~(page - 1);
            if (end > start)
                _ = MAdvise((nint)start, (nuint)(end - start), DontNeed);
        }

        return 1;   // the first object is the executable itself
    }

    private static bool HasTextRelocations(long* dynamic)
    {
        for (var entry = dynamic; entry[0] != 0; entry += 2)
        {
            if (entry[0] == TextRelocationsTag || (entry[0] == FlagsTag && (entry[1] & TextRelocationsFlag) != 0))
                return true;
        }

        return false;
    }

    [LibraryImport("libc", EntryPoint = "dl_iterate_phdr")]
    private static partial int IteratePhdr(delegate* unmanaged<PhdrInfo*, nuint, void*, int> callback, void* data);

    [LibraryImport("libc", EntryPoint = "madvise")]
    private static partial int MAdvise(nint address, nuint length, int advice);

    /// <summary>The start of glibc's and musl's <c>struct dl_phdr_info</c> on 64-bit Linux.</summary>
    [StructLayout(LayoutKind.Sequential)]
    private struct PhdrInfo
    {
        public nint Address;
        public byte* Name;
        public ProgramHeader* Headers;
        public ushort Count;
    }

    /// <summary><c>Elf64_Phdr</c>.</summary>
    [StructLayout(LayoutKind.Sequential)]
    private struct ProgramHeader
    {
        public uint Type;
        public uint Flags;
        public ulong Offset;
        public ulong VirtualAddress;
        public ulong PhysicalAddress;
        public ulong FileSize;
        public ulong MemorySize;
        public ulong Alignment;
    }
}
