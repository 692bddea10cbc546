using Wright.Cli.Interactive;
using Wright.Core.Tools;
using Wright.Tools.Files;
using Wright.Tools.Patch;
using Wright.Tools.Search;

namespace Wright.Tests.Safety;

/// <summary>
/// Issue 12.3 and 12.5: what a sandboxed process can leave in the workspace for the host's file tools — a FIFO where
/// a file is expected (open() would wait for a writer forever), a link to a FIFO, a folder that is a link to outside.
/// Every tool answers within a deadline, refuses clearly, and neither reads nor writes outside.
/// </summary>
public sealed class HostileEntryTests : IDisposable
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(15);
    private readonly SafetyWorkspace _ws = new();

    public HostileEntryTests()
    {
        File.WriteAllText(Path.Combine(_ws.Workspace, "notes.txt"), "needle here\n");
        DirectorySwapper.MakeFifo(Path.Combine(_ws.Workspace, "pipe.txt"));
        File.CreateSymbolicLink(Path.Combine(_ws.Workspace, "to-pipe.txt"), Path.Combine(_ws.Workspace, "pipe.txt"));
        Directory.CreateSymbolicLink(Path.Combine(_ws.Workspace, "linked"), _ws.Outside);
        Directory.CreateSymbolicLink(Path.Combine(_ws.Workspace, "src", "up"), Path.Combine("..", "..", "outside")); // relative, climbing out
        File.WriteAllText(Path.Combine(_ws.Outside, "secret.txt"), "SECRET needle\n");
    }

    public void Dispose() => _ws.Dispose();

    /// <summary>Runs a tool on another thread, so a tool stuck in open() fails the test at the deadline instead of hanging it.</summary>
    private async Task<ToolResult> Run(ITool tool, Dictionary<string, object> args) =>
        await Task.Run(() => tool.InvokeAsync(SafetyWorkspace.Call(tool.Name, args).Arguments, _ws.Context, TestContext.Current.CancellationToken),
            TestContext.Current.CancellationToken).WaitAsync(Deadline, TestContext.Current.CancellationToken);

    private void AssertOutsideUntouched()
    {
        Assert.Equal(SafetyWorkspace.Canary, File.ReadAllText(_ws.OutsideFile));
        Assert.Equal(["host.txt", "secret.txt"], Directory.GetFiles(_ws.Outside).Select(Path.GetFileName).Order(StringComparer.Ordinal));
        Assert.True((File.GetAttributes(Path.Combine(_ws.Workspace, "pipe.txt")) & FileAttributes.ReparsePoint) == 0);
        Assert.False(File.Exists(Path.Combine(_ws.Workspace, "pipe.txt")) && new FileInfo(Path.Combine(_ws.Workspace, "pipe.txt")).Length > 0);
    }

    [Theory]
    [InlineData("pipe.txt")]
    [InlineData("to-pipe.txt")]
    public async Task A_fifo_in_place_of_a_file_is_refused_without_blocking(string path)
    {
        var read = await Run(new ReadFileTool(), new() { ["path"] = path });
        Assert.True(read.IsError);
        Assert.Contains("FIFO", read.Content);

        var write = await Run(new WriteFileTool(), new() { ["path"] = path, ["content"] = "x\n" });
        Assert.True(write.IsError);
        var edit = await Run(new EditFileTool(), new() { ["path"] = path, ["old_string"] = "a", ["new_string"] = "b" });
        Assert.True(edit.IsError);
        var patch = await Run(new ApplyPatchTool(), new() { ["patch"] = $"*** Begin Patch\n*** Update File: {path}\n@@\n-a\n+b\n*** End Patch" });
        Assert.True(patch.IsError);
        var add = await Run(new ApplyPatchTool(), new() { ["patch"] = $"*** Begin Patch\n*** Add File: {path}\n+b\n*** End Patch" });
        Assert.True(add.IsError);
        var grepFile = await Run(new GrepTool(), new() { ["pattern"] = "x", ["path"] = path });
        Assert.True(grepFile.IsError);
        AssertOutsideUntouched();
    }

    [Fact]
    public async Task Searches_and_listings_pass_by_fifos_even_as_ignore_files()
    {
        DirectorySwapper.MakeFifo(Path.Combine(_ws.Workspace, ".gitignore"));
        DirectorySwapper.MakeFifo(Path.Combine(_ws.Workspace, ".ignore"));
        Directory.CreateDirectory(Path.Combine(_ws.Workspace, "src", "deep"));
        DirectorySwapper.MakeFifo(Path.Combine(_ws.Workspace, "src", "deep", ".gitignore"));

        var grep = await Run(new GrepTool(), new() { ["pattern"] = "needle" });
        Assert.False(grep.IsError, grep.Content);
        Assert.Contains("notes.txt:1:needle here", grep.Content);
        Assert.DoesNotContain("SECRET", grep.Content);
        var list = await Run(new ListDirTool(), new() { ["depth"] = 3 });
        Assert.Contains("pipe.txt", list.Content);
        Assert.DoesNotContain("secret.txt", list.Content);
        var glob = await Run(new GlobTool(), new() { ["pattern"] = "**/*.txt" });
        Assert.Contains("notes.txt", glob.Content);
        Assert.DoesNotContain("secret.txt", glob.Content);
    }

    [Fact]
    public async Task A_folder_that_links_outside_is_neither_read_searched_listed_nor_written()
    {
        foreach (var result in new[]
        {
            await Run(new ReadFileTool(), new() { ["path"] = "linked/secret.txt" }),
            await Run(new ReadFileTool(), new() { ["path"] = "src/up/secret.txt" }),
            await Run(new GrepTool(), new() { ["pattern"] = "needle", ["path"] = "src/up" }),
            await Run(new GrepTool(), new() { ["pattern"] = "needle", ["path"] = "linked" }),
            await Run(new GrepTool(), new() { ["pattern"] = "needle", ["path"] = "linked/secret.txt" }),
            await Run(new ListDirTool(), new() { ["path"] = "linked" }),
            await Run(new GlobTool(), new() { ["pattern"] = "*.txt", ["path"] = "linked" }),
            await Run(new WriteFileTool(), new() { ["path"] = "linked/new.txt", ["content"] = "x\n" }),
            await Run(new WriteFileTool(), new() { ["path"] = "linked/deeper/new.txt", ["content"] = "x\n" }),
            await Run(new EditFileTool(), new() { ["path"] = "linked/host.txt", ["old_string"] = "host", ["new_string"] = "pwned" }),
            await Run(new ApplyPatchTool(), new() { ["patch"] = "*** Begin Patch\n*** Update File: linked/host.txt\n@@\n-host data\n+pwned\n*** End Patch" }),
            await Run(new ApplyPatchTool(), new() { ["patch"] = "*** Begin Patch\n*** Add File: linked/new.txt\n+x\n*** End Patch" }),
            await Run(new ApplyPatchTool(), new() { ["patch"] = "*** Begin Patch\n*** Delete File: linked/host.txt\n*** End Patch" }),
        })
        {
            Assert.True(result.IsError, result.Content);
            Assert.DoesNotContain("SECRET", result.Content);
            Assert.True(result.Content.Contains("linked", StringComparison.Ordinal) || result.Content.Contains("src/up", StringComparison.Ordinal), result.Content);
        }

        Assert.False(Directory.Exists(Path.Combine(_ws.Outside, "deeper")));
        AssertOutsideUntouched();
    }

    [Fact]
    public async Task A_mentioned_fifo_or_link_is_refused_without_blocking()
    {
        var mentions = new FileMentions(_ws.Workspace);
        var (prompt, notes) = await Task.Run(() => mentions.Attach("look at @pipe.txt and @to-pipe.txt"), TestContext.Current.CancellationToken)
            .WaitAsync(Deadline, TestContext.Current.CancellationToken);
        Assert.Equal([true, true], notes.Select(n => n.Refused));
        Assert.DoesNotContain("<file", prompt);
    }
}
