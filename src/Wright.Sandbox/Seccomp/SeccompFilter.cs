using System.Buffers.Binary;
using System.Runtime.InteropServices;

namespace Wright.Sandbox.Seccomp;

/// <summary>
/// The sandbox's second layer: a classic-BPF seccomp program, hand-assembled for x86_64 (no libseccomp), that bwrap
/// installs with <c>--seccomp FD</c> just before it runs the command. It refuses (EPERM) the syscalls that escape or
/// widen a sandbox — namespaces (<c>unshare</c>, <c>setns</c>, <c>clone</c>/<c>clone3</c> with namespace flags),
/// mounts, <c>ptrace</c>, <c>bpf</c>, <c>perf_event_open</c>, io_uring, keyrings, kexec, modules — and sockets of
/// every family except AF_UNIX, AF_INET and AF_INET6 (EAFNOSUPPORT: no netlink, packet, vsock, bluetooth or AF_ALG).
/// AF_INET/AF_INET6 stay: the network namespace holds only loopback, which builds and tests use, and which the
/// egress proxy's forwarder listens on. Other architectures (the i386 and x32 ABIs included) get ENOSYS for every call.
/// </summary>
public static class SeccompFilter
{
    private const uint AuditArchX8664 = 0xC000003E;
    private const uint X32Bit = 0x40000000;
    private const uint RetAllow = 0x7FFF0000;
    private const uint RetErrno = 0x00050000;
    private const uint Eperm = 1;
    private const uint Enosys = 38;
    private const uint Eafnosupport = 97;
    private const ushort LdAbs = 0x20;   // BPF_LD | BPF_W | BPF_ABS
    private const ushort Jeq = 0x15;     // BPF_JMP | BPF_JEQ | BPF_K
    private const ushort Jge = 0x35;     // BPF_JMP | BPF_JGE | BPF_K
    private const ushort Jset = 0x45;    // BPF_JMP | BPF_JSET | BPF_K
    private const ushort Ret = 0x06;     // BPF_RET | BPF_K
    private const uint NamespaceFlags = 0x00020000 | 0x02000000 | 0x04000000 | 0x08000000 | 0x10000000 | 0x20000000 | 0x40000000; // CLONE_NEWNS|NEWCGROUP|NEWUTS|NEWIPC|NEWUSER|NEWPID|NEWNET

    /// <summary>x86_64 numbers of the refused syscalls, with their names (for the documentation and tests).</summary>
    public static IReadOnlyDictionary<string, uint> Blocked { get; } = new Dictionary<string, uint>(StringComparer.Ordinal)
    {
        ["ptrace"] = 101, ["syslog"] = 103, ["pivot_root"] = 155, ["chroot"] = 161, ["acct"] = 163, ["mount"] = 165, ["umount2"] = 166,
        ["swapon"] = 167, ["swapoff"] = 168, ["reboot"] = 169, ["init_module"] = 175, ["delete_module"] = 176, ["quotactl"] = 179,
        ["kexec_load"] = 246, ["add_key"] = 248, ["request_key"] = 249, ["keyctl"] = 250, ["unshare"] = 272, ["perf_event_open"] = 298,
        ["open_by_handle_at"] = 304, ["setns"] = 308, ["process_vm_readv"] = 310, ["process_vm_writev"] = 311, ["finit_module"] = 313,
        ["kexec_file_load"] = 320, ["bpf"] = 321, ["userfaultfd"] = 323, ["io_uring_setup"] = 425, ["io_uring_enter"] = 426,
        ["io_uring_register"] = 427, ["open_tree"] = 428, ["move_mount"] = 429, ["fsopen"] = 430, ["fsconfig"] = 431, ["fsmount"] = 432,
        ["fspick"] = 433, ["mount_setattr"] = 442,
    };

    /// <summary>Whether the filter exists for this machine's architecture (x86_64 only; elsewhere the sandbox runs without it).</summary>
    public static bool Supported => OperatingSystem.IsLinux() && RuntimeInformation.OSArchitecture == Architecture.X64;

    /// <summary>The program as bwrap reads it: an array of 8-byte <c>struct sock_filter</c>, little-endian.</summary>
    public static byte[] Build()
    {
        var asm = new Assembler();
        asm.Emit(LdAbs, 4);                                   // seccomp_data.arch
        asm.Jump(Jeq, AuditArchX8664, null, "enosys");
        asm.Emit(LdAbs, 0);                                   // seccomp_data.nr
        asm.Jump(Jge, X32Bit, "enosys", null);
        foreach (var nr in Blocked.Values.Order())
            asm.Jump(Jeq, nr, "eperm", null);
        asm.Jump(Jeq, 41, "socket", null);                    // socket
        asm.Jump(Jeq, 56, "clone", null);                     // clone
        asm.Jump(Jeq, 435, "enosys", null);                   // clone3: its flags live in memory; glibc falls back to clone
        asm.Emit(Ret, RetAllow);
        asm.Label("socket");
        asm.Emit(LdAbs, 16);                                  // args[0] (low half): the address family
        asm.Jump(Jeq, 1, "allow", null);                      // AF_UNIX
        asm.Jump(Jeq, 2, "allow", null);                      // AF_INET
        asm.Jump(Jeq, 10, "allow", null);                     // AF_INET6
        asm.Emit(Ret, RetErrno | Eafnosupport);
        asm.Label("clone");
        asm.Emit(LdAbs, 16);                                  // args[0]: clone flags
        asm.Jump(Jset, NamespaceFlags, "eperm", "allow");
        asm.Label("allow");
        asm.Emit(Ret, RetAllow);
        asm.Label("eperm");
        asm.Emit(Ret, RetErrno | Eperm);
        asm.Label("enosys");
        asm.Emit(Ret, RetErrno | Enosys);
        return asm.Assemble();
    }

    private sealed class Assembler
    {
        private readonly List<(ushort Code, uint K, string? True, string? False)> _code = [];
        private readonly Dictionary<string, int> _labels = new(StringComparer.Ordinal);

        public void Emit(ushort code, uint k) => _code.Add((code, k, null, null));

        public void Jump(ushort code, uint k, string? whenTrue, string? whenFalse) => _code.Add((code, k, whenTrue, whenFalse));

        public void Label(string name) => _labels[name] = _code.Count;

        public byte[] Assemble()
        {
            var bytes = new byte[_code.Count * 8];
            for (var i = 0; i < _code.Count; i++)
            {
                var (code, k, t, f) = _code[i];
                var span = bytes.AsSpan(i * 8, 8);
                BinaryPrimitives.WriteUInt16LittleEndian(span, code);
                span[2] = Offset(i, t);
                span[3] = Offset(i, f);
                BinaryPrimitives.WriteUInt32LittleEndian(span[4..], k);
            }

            return bytes;
        }

        private byte Offset(int at, string? label)
        {
            if (label is null)
                return 0;
            var offset = _labels[label] - at - 1;
            if (offset is < 0 or > 255)
                throw new InvalidOperationException($"seccomp jump to {label} out of range");
            return (byte)offset;
        }
    }
}
