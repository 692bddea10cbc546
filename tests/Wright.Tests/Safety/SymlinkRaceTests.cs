using System.Diagnostics;
using Wright.Core.Tools;
using Wright.Tools.Files;
using Wright.Tools.Files.Native;
using Wright.Tools.Patch;

namespace Wright.Tests.Safety;

/// <summary>
/// Issue 12.3: a sandboxed loop swapping a workspace directory with a link to an outside directory
/// (renameat2 RENAME_EXCHANGE) while the host's file tools run. Whatever the interleaving, no byte outside the
/// workspace changes, nothing is read from there, no file (temporary or not) appears there, and apply_patch stays all
/// or nothing. Each case runs with openat2 and with the per-component O_NOFOLLOW walk that replaces it on older
/// kernels, for a bounded number of iterations and time.
/// </summary>
public sealed class SymlinkRaceTests : IDisposable
{
    private const int Iterations = 100;
    private const string Inside = "public host data\n";
    private const string Secret = "SECRET host data\n"; // same length: the read-before-write check cannot tell them apart
    private static readonly TimeSpan Budget = TimeSpan.FromSeconds(2);
    private readonly SafetyWorkspace _ws = new();
    private readonly string _dir;
    private readonly string _swap;
    private readonly string _twin;
    private readonly DateTime _stamp = new(2026, 1, 2, 3, 4, 5, DateTimeKind.Utc);

    public SymlinkRaceTests()
    {
        // ws/dir is real; ws/swap links to outside/twin, which holds the same names with secret bytes.
        _dir = Path.Combine(_ws.Workspace, "dir");
        _swap = Path.Combine(_ws.Workspace, "swap");
        _twin = Path.Combine(_ws.Outside, "twin");
        Directory.CreateDirectory(_dir);
        Directory.CreateDirectory(_twin);
        Put(Path.Combine(_dir, "a.txt"), Inside);
        Put(Path.Combine(_twin, "a.txt"), Secret);
        Directory.CreateSymbolicLink(_swap, _twin);
    }

    public void Dispose()
    {
        Beneath.ForceWalk = false;
        _ws.Dispose();
    }

    private void Put(string path, string text)
    {
        File.WriteAllText(path, text);
        File.SetLastWriteTimeUtc(path, _stamp);
    }

    /// <summary>Everything outside the workspace, with its bytes: it must never change.</summary>
    private SortedDictionary<string, string> Outside()
    {
        var entries = new SortedDictionary<string, string>(StringComparer.Ordinal);
        foreach (var file in Directory.GetFiles(_ws.Outside, "*", SearchOption.AllDirectories))
            entries[Path.GetRelativePath(_ws.Outside, file)] = File.ReadAllText(file);
        return entries;
    }

    /// <summary>A link to the workspace, outside it.</summary>
    private string Alias()
    {
        var alias = Path.Combine(_ws.Root, "alias");
        if (!Path.Exists(alias))
            Directory.CreateSymbolicLink(alias, _ws.Workspace);
        return alias;
    }

    /// <summary>Whichever of the two names is the real directory now.</summary>
    private string RealDir() => new FileInfo(_dir).LinkTarget is null ? _dir : _swap;

    /// <summary>Puts the names back: dir the real directory, swap the link.</summary>
    private void Unswap()
    {
        if (RealDir() == _swap)
            DirectorySwapper.Exchange(_dir, _swap);
    }

    private Task<ToolResult> Run(ITool tool, Dictionary<string, object> args) =>
        tool.InvokeAsync(SafetyWorkspace.Call(tool.Name, args).Arguments, _ws.Context, TestContext.Current.CancellationToken);

    [Theory]
    [InlineData("write_file", false)]
    [InlineData("write_file", true)]
    [InlineData("write_file_through_an_alias", false)]
    [InlineData("read_file_through_an_alias", true)]
    [InlineData("edit_file", false)]
    [InlineData("edit_file", true)]
    [InlineData("multi_edit", false)]
    [InlineData("read_file", false)]
    [InlineData("read_file", true)]
    public async Task A_racing_directory_swap_never_carries_a_file_tool_outside(string tool, bool walk)
    {
        Beneath.ForceWalk = walk;
        var before = Outside();
        var clock = Stopwatch.StartNew();
        long swaps = 0;
        var calls = 0;
        for (var i = 0; i < Iterations && clock.Elapsed < Budget; i++, calls++)
        {
            Unswap();
            Put(Path.Combine(_dir, "a.txt"), Inside);
            await Run(new ReadFileTool(), new() { ["path"] = "dir/a.txt" });
            ToolResult result;
            using (var swapper = new DirectorySwapper(_dir, _swap))
            {
                result = tool switch
                {
                    "write_file" => await Run(new WriteFileTool(), new() { ["path"] = $"dir/new{i}.txt", ["content"] = "pwned\n" }),
                    // The workspace reached by another name (a link to it, /proc/self/cwd, …) gets the same rules.
                    "write_file_through_an_alias" => await Run(new WriteFileTool(), new() { ["path"] = Path.Combine(Alias(), "dir", $"new{i}.txt"), ["content"] = "pwned\n" }),
                    "read_file_through_an_alias" => await Run(new ReadFileTool(), new() { ["path"] = Path.Combine(Alias(), "dir", "a.txt") }),
                    "read_file" => await Run(new ReadFileTool(), new() { ["path"] = "dir/a.txt" }),
                    "multi_edit" => await Run(new MultiEditTool(), new() { ["path"] = "dir/a.txt", ["edits"] = new[] { new Dictionary<string, object> { ["old_string"] = "host data", ["new_string"] = "pwned" } } }),
                    _ => await Run(new EditFileTool(), new() { ["path"] = "dir/a.txt", ["old_string"] = "host data", ["new_string"] = "pwned" }),
                };
                swaps += swapper.Swaps;
            }

            Assert.DoesNotContain("SECRET", result.Content, StringComparison.Ordinal);
            Assert.Equal(before, Outside());
        }

        Assert.True(swaps > calls, $"the swapper barely ran ({swaps} swaps in {calls} calls)");
        Assert.Empty(Directory.GetFiles(_ws.Workspace, "*.tmp", SearchOption.AllDirectories));
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void A_racing_directory_swap_never_carries_apply_patch_outside_and_the_patch_stays_whole(bool walk)
    {
        Beneath.ForceWalk = walk;
        File.WriteAllText(Path.Combine(_ws.Workspace, "top.txt"), "v-1\n");
        var clock = Stopwatch.StartNew();
        int succeeded = 0, failed = 0;
        for (var i = 0; i < Iterations && clock.Elapsed < Budget; i++)
        {
            // Add, delete and move inside the raced folder, and change a file beside it: all of it or none.
            Unswap();
            foreach (var folder in new[] { _dir, _twin })
            {
                Put(Path.Combine(folder, $"d{i}.txt"), folder == _dir ? Inside : Secret);
                Put(Path.Combine(folder, $"m{i}.txt"), folder == _dir ? Inside : Secret);
            }

            var before = Outside();
            var previous = File.ReadAllText(Path.Combine(_ws.Workspace, "top.txt"));
            var patch = $"*** Begin Patch\n*** Add File: dir/p{i}.txt\n+x\n*** Delete File: dir/d{i}.txt\n*** Update File: dir/m{i}.txt\n*** Move to: dir/n{i}.txt\n@@\n-public host data\n+moved\n*** Add File: top.txt\n+v{i}\n*** End Patch";
            Exception? error = null;
            using (new DirectorySwapper(_dir, _swap))
            {
                try
                {
                    PatchApplier.Apply(PatchParser.Parse(patch), _ws.Workspace);
                }
                catch (PatchException ex)
                {
                    error = ex;
                }
            }

            var real = RealDir();
            var applied = new[] { File.Exists(Path.Combine(real, $"p{i}.txt")), !File.Exists(Path.Combine(real, $"d{i}.txt")), File.Exists(Path.Combine(real, $"n{i}.txt")),
                !File.Exists(Path.Combine(real, $"m{i}.txt")), File.ReadAllText(Path.Combine(_ws.Workspace, "top.txt")) == $"v{i}\n" };
            if (error is null)
            {
                succeeded++;
                Assert.All(applied, Assert.True);
                Assert.Equal("moved\n", File.ReadAllText(Path.Combine(real, $"n{i}.txt")));
            }
            else
            {
                failed++;
                Assert.All(applied, a => Assert.False(a, error.Message));
                Assert.Equal(previous, File.ReadAllText(Path.Combine(_ws.Workspace, "top.txt")));
            }

            Assert.Equal(before, Outside());
        }

        // The swapper makes some patches fail (the all-or-nothing branch); the others are applied inside.
        Assert.True(failed > 0, $"no patch failed in {succeeded} tries: the race was not exercised");
        Assert.Empty(Directory.GetFiles(_ws.Workspace, "*.tmp", SearchOption.AllDirectories));
    }
}
