using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using Wright.Tests.E2E;
using Wright.Tests.Support;

namespace Wright.Tests.Cli.Hosting;

/// <summary>
/// The start-up's memory measures in the real binary (README "Start-up, size, memory and long runs against Codex"): the
/// anonymous tail where the runtime rehydrates its type data is advised for huge pages (Native/hugepages.c), and the
/// read-only segments' pages read once at start are given back (StartupMemory). Read from /proc/PID/smaps of a one-shot
/// turn that waits on a model endpoint which accepts the request and never answers.
/// </summary>
public sealed class StartupImageTests
{
    [Fact]
    public async Task A_waiting_one_shot_has_its_type_data_in_huge_pages_and_its_read_once_pages_given_back()
    {
        const string thpSetting = "/sys/kernel/mm/transparent_hugepage/enabled";
        if (!OperatingSystem.IsLinux() || !File.Exists(thpSetting))
            Assert.Skip($"this kernel has no transparent huge pages ({thpSetting} is missing)");
        var thp = await File.ReadAllTextAsync(thpSetting, TestContext.Current.CancellationToken);

        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        using var wright = new WrightProcess();
        wright.Environment["OLLAMA_BASE_URL"] = $"http://127.0.0.1:{((IPEndPoint)listener.LocalEndpoint).Port}/v1";
        var fallbacksBefore = VmStat("thp_fault_fallback");
        using var process = Process.Start(wright.StartInfo(["-p", "hello", "--model", "ollama/test", "--permission-mode", "plan", "--cwd", wright.Workspace]))!;
        try
        {
            using var deadline = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
            deadline.CancelAfter(TimeSpan.FromSeconds(60));
            // The request arriving means the start-up is over: rehydrated, Main running, the turn under way.
            using var request = await listener.AcceptTcpClientAsync(deadline.Token);
            var mappings = Smaps.Read(process.Id);

            var binary = Path.GetFullPath(WrightProcess.Binary);
            var image = mappings.Where(m => m.Path == binary).ToList();
            Assert.NotEmpty(image);
            // The anonymous tail: the mappings without a name that continue the image's last (writable) mapping.
            var tail = new List<Smaps.Mapping>();
            var end = image[^1].End;
            foreach (var m in mappings.SkipWhile(m => m != image[^1]).Skip(1))
            {
                if (m.Start != end || m.Path.Length > 0)
                    break;
                tail.Add(m);
                end = m.End;
            }

            var tailSize = tail.Sum(m => m.End - m.Start);
            Assert.True(tailSize > 4L << 20, $"the image's anonymous tail is {tailSize} bytes; expected the rehydrated type data (several MB)");
            Assert.Contains(tail, m => m.Flags.Contains("hg"));
            var huge = tail.Sum(m => m.AnonHugeKb);
            if (huge == 0 && thp.Contains("[never]", StringComparison.Ordinal))
                Assert.Skip($"the region is advised (VmFlags hg) but transparent huge pages are off here ({thp.Trim()})");
            if (huge == 0 && VmStat("thp_fault_fallback") > fallbacksBefore)
                Assert.Skip("the region is advised (VmFlags hg) but the kernel had no free huge page (thp_fault_fallback grew)");
            Assert.True(huge > 0, $"no huge page in the rehydrated region ({thp.Trim()})");

            // The read-only data (the compressed type data among it, read in full at start) is mostly given back.
            var readOnly = image.Where(m => m.Permissions == "r--p").ToList();
            var readOnlySize = readOnly.Sum(m => m.End - m.Start);
            var readOnlyRss = readOnly.Sum(m => m.RssKb) * 1024;
            Assert.True(readOnlyRss < readOnlySize / 4,
                $"{readOnlyRss / 1024} kB of the binary's {readOnlySize / 1024} kB of read-only mappings are resident; the start-up's read-once pages were not given back");
        }
        finally
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync(TestContext.Current.CancellationToken);
        }
    }

    private static long VmStat(string name) =>
        File.ReadLines("/proc/vmstat").Select(l => l.Split(' ')).Where(f => f[0] == name).Select(f => long.Parse(f[1], CultureInfo.InvariantCulture)).FirstOrDefault();
}
