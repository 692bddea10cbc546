using System.Text.Json;
using Wright.Core.Tools;
using Wright.Tests.Support;
using Wright.Tools;
using Wright.Tools.Files;
using Wright.Tools.Patch;
using Wright.Tools.Shell;

namespace Wright.Tests.Tools.Files;

/// <summary>
/// The file tools with an editor (IEditorFiles, what an ACP client's fs offers): the text comes from and goes to the
/// editor, every check is still made on the disk first, and whatever the editor cannot do safely stays on the disk.
/// </summary>
public sealed class EditorFilesTests : IDisposable
{
    private readonly ToolTestContext _ctx = new();

    public void Dispose() => _ctx.Dispose();

    private string P(string name) => Path.Combine(_ctx.Workspace, name);

    private static JsonElement J(Dictionary<string, object> args) =>
        JsonDocument.Parse(JsonSerializer.Serialize(args, TestJson.Default.DictionaryStringObject)).RootElement;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private Task<ToolResult> Read(FakeEditor editor, string path) =>
        new ReadFileTool(editor).InvokeAsync(J(new() { ["path"] = path }), _ctx.Context, Ct);

    private Task<ToolResult> Write(FakeEditor editor, string path, string content) =>
        new WriteFileTool(editor).InvokeAsync(J(new() { ["path"] = path, ["content"] = content }), _ctx.Context, Ct);

    private Task<ToolResult> Edit(FakeEditor editor, string path, string oldString, string newString) =>
        new EditFileTool(editor).InvokeAsync(J(new() { ["path"] = path, ["old_string"] = oldString, ["new_string"] = newString }), _ctx.Context, Ct);

    private Task<ToolResult> Patch(FakeEditor editor, string patch) =>
        new ApplyPatchTool(editor).InvokeAsync(J(new() { ["patch"] = patch }), _ctx.Context, Ct);

    [Fact]
    public async Task Reads_show_the_unsaved_buffer_and_edits_land_in_it_while_the_disk_stays()
    {
        File.WriteAllText(P("a.txt"), "on disk\n");
        var editor = new FakeEditor { Buffers = { [P("a.txt")] = "in the buffer\r\nsecond\r\n" } };

        var read = await Read(editor, "a.txt");
        Assert.False(read.IsError, read.Content);
        Assert.Contains("in the buffer", read.Content, StringComparison.Ordinal);
        Assert.DoesNotContain("on disk", read.Content, StringComparison.Ordinal);

        var edit = await Edit(editor, "a.txt", "second", "edited");
        Assert.False(edit.IsError, edit.Content);
        // The buffer's CRLF endings are kept; the editor got the whole new text; the disk is the editor's business.
        Assert.Equal((P("a.txt"), "in the buffer\r\nedited\r\n"), editor.Writes.Single());
        Assert.Equal("on disk\n", File.ReadAllText(P("a.txt")));

        // It may write again right away: what it last wrote is what the editor holds.
        var write = await Write(editor, "a.txt", "whole\nnew\n");
        Assert.False(write.IsError, write.Content);
        Assert.Equal("whole\r\nnew\r\n", editor.Buffers[P("a.txt")]);
        var created = await Write(editor, "sub/dir/new.txt", "fresh\n");
        Assert.False(created.IsError, created.Content);
        Assert.Equal("fresh\n", editor.Buffers[P("sub/dir/new.txt")]);
        Assert.True(Directory.Exists(P("sub/dir")));
        Assert.False(File.Exists(P("sub/dir/new.txt")));
    }

    [Fact]
    public async Task A_buffer_the_user_changed_since_it_was_read_is_not_overwritten()
    {
        File.WriteAllText(P("a.txt"), "same\n");
        var editor = new FakeEditor();
        Assert.False((await Read(editor, "a.txt")).IsError);
        editor.Buffers[P("a.txt")] = "same\nthe user typed this\n";

        var edit = await Edit(editor, "a.txt", "same", "other");
        Assert.True(edit.IsError);
        Assert.Contains("changed in the editor since you read it", edit.Content, StringComparison.Ordinal);
        var write = await Write(editor, "a.txt", "clobber\n");
        Assert.True(write.IsError);
        Assert.Empty(editor.Writes);

        // Never read at all: refused as on the disk.
        File.WriteAllText(P("b.txt"), "b\n");
        var blind = await Write(editor, "b.txt", "x\n");
        Assert.Contains("has not read it", blind.Content, StringComparison.Ordinal);
        Assert.Empty(editor.Writes);
    }

    [Fact]
    public async Task A_link_on_the_way_is_refused_before_the_editor_is_asked_and_an_inside_link_is_given_resolved()
    {
        var outside = Path.Combine(_ctx.Root, "outside");
        Directory.CreateDirectory(outside);
        File.WriteAllText(Path.Combine(outside, "secret.txt"), "outside\n");
        Directory.CreateSymbolicLink(P("out"), outside);
        Directory.CreateDirectory(P("real"));
        File.WriteAllText(P("real/in.txt"), "inside\n");
        Directory.CreateSymbolicLink(P("alias"), P("real"));
        var editor = new FakeEditor();

        Assert.True((await Write(editor, "out/secret.txt", "x\n")).IsError);
        Assert.True((await Write(editor, "out/new.txt", "x\n")).IsError);
        Assert.True((await Read(editor, "out/secret.txt")).IsError);
        Assert.True((await Edit(editor, "alias/in.txt", "inside", "x")).IsError);
        Assert.Empty(editor.Calls);

        // A read through a link that stays inside goes to the editor by the file's real path, which has no link on it.
        var read = await Read(editor, "alias/in.txt");
        Assert.False(read.IsError, read.Content);
        Assert.Equal(["read " + P("real/in.txt")], editor.Calls);
        Assert.Equal("outside\n", File.ReadAllText(Path.Combine(outside, "secret.txt")));
        Assert.False(File.Exists(Path.Combine(outside, "new.txt")));
    }

    [Fact]
    public async Task Files_outside_the_workspace_stay_on_the_disk()
    {
        var outside = Path.Combine(_ctx.Root, "elsewhere.txt");
        File.WriteAllText(outside, "outside text\n");
        var editor = new FakeEditor { Buffers = { [outside] = "never asked" } };

        var read = await Read(editor, outside);
        Assert.Contains("outside text", read.Content, StringComparison.Ordinal);
        var edit = await Edit(editor, outside, "outside text", "changed");
        Assert.False(edit.IsError, edit.Content);
        Assert.Equal("changed\n", File.ReadAllText(outside));
        Assert.Empty(editor.Calls);
    }

    [Fact]
    public async Task A_write_only_editor_gets_writes_of_what_was_read_from_the_disk()
    {
        File.WriteAllText(P("a.txt"), "one\n");
        var editor = new FakeEditor { CanRead = false, SavesToDisk = true };
        Assert.Contains("one", (await Read(editor, "a.txt")).Content, StringComparison.Ordinal);
        Assert.False((await Edit(editor, "a.txt", "one", "two")).IsError);
        // The editor saved it: the next edit sees the text it last wrote, even though the file's state moved on.
        var again = await Edit(editor, "a.txt", "two", "three");
        Assert.False(again.IsError, again.Content);
        Assert.Equal("three\n", File.ReadAllText(P("a.txt")));
        Assert.Equal(["write " + P("a.txt"), "write " + P("a.txt")], editor.Calls);

        // A read-only editor: the buffer is read, the disk is written.
        var reader = new FakeEditor { CanWrite = false, Buffers = { [P("a.txt")] = "three\nbuffer only\n" } };
        Assert.False((await Read(reader, "a.txt")).IsError);
        Assert.False((await Edit(reader, "a.txt", "buffer only", "kept")).IsError);
        Assert.Equal("three\nkept\n", File.ReadAllText(P("a.txt")));
    }

    [Fact]
    public async Task An_editor_error_is_a_clear_tool_error_and_nothing_changes()
    {
        File.WriteAllText(P("a.txt"), "text\n");
        var editor = new FakeEditor { FailReads = "the buffer is locked" };
        var read = await Read(editor, "a.txt");
        Assert.True(read.IsError);
        Assert.Contains("the buffer is locked", read.Content, StringComparison.Ordinal);

        editor = new FakeEditor { FailWrites = "read-only buffer" };
        Assert.False((await Read(editor, "a.txt")).IsError);
        var edit = await Edit(editor, "a.txt", "text", "new");
        Assert.True(edit.IsError);
        Assert.Contains("read-only buffer", edit.Content, StringComparison.Ordinal);
        Assert.Contains("nothing was edited", edit.Content, StringComparison.Ordinal);
        Assert.Equal("text\n", File.ReadAllText(P("a.txt")));
    }

    [Fact]
    public async Task Apply_patch_updates_and_adds_through_the_editor_deletes_on_disk_and_puts_the_editor_text_back_on_failure()
    {
        File.WriteAllText(P("a.txt"), "disk a\n");
        File.WriteAllText(P("gone.txt"), "bye\n");
        var editor = new FakeEditor { Buffers = { [P("a.txt")] = "buffer a\n" } };
        var done = await Patch(editor, """
            *** Begin Patch
            *** Update File: a.txt
            @@
            -buffer a
            +patched a
            *** Add File: b.txt
            +new b
            *** Delete File: gone.txt
            *** End Patch
            """);
        Assert.False(done.IsError, done.Content);
        Assert.Equal("patched a\n", editor.Buffers[P("a.txt")]);
        Assert.Equal("new b\n", editor.Buffers[P("b.txt")]);
        Assert.False(File.Exists(P("gone.txt")));
        Assert.Equal("disk a\n", File.ReadAllText(P("a.txt")));

        // The second write fails: the first file gets its earlier editor text back.
        editor.FailWritesOf = P("c.txt");
        var failed = await Patch(editor, """
            *** Begin Patch
            *** Update File: a.txt
            @@
            -patched a
            +again
            *** Add File: c.txt
            +c
            *** End Patch
            """);
        Assert.True(failed.IsError);
        Assert.Contains(ApplyPatchTool.NothingChanged, failed.Content, StringComparison.Ordinal);
        Assert.Equal("patched a\n", editor.Buffers[P("a.txt")]);
    }

    [Fact]
    public async Task A_change_the_permission_layer_planned_on_the_disk_is_made_on_the_disk_as_planned()
    {
        // The dependency guard judges a manifest's planned content (IFileChangePlanner, on the disk). A buffer that
        // differs must not let a call do something else than what was judged: a planned call keeps to the disk.
        static bool Manifest(string path) => path.EndsWith("package.json", StringComparison.Ordinal);
        File.WriteAllText(P("package.json"), "{\"dependencies\":{}}\n");
        var editor = new FakeEditor();
        var edit = new EditFileTool(editor);
        var args = J(new() { ["path"] = "package.json", ["old_string"] = "{}", ["new_string"] = "{\"left-pad\":\"1.3.0\"}" });
        Assert.False((await Read(editor, "package.json")).IsError);
        var planned = edit.PlanChanges(args, _ctx.Workspace, Manifest);
        Assert.Contains("left-pad", Assert.Single(planned).After, StringComparison.Ordinal);
        Assert.False((await edit.InvokeAsync(args, _ctx.Context, Ct)).IsError);
        Assert.Contains("left-pad", File.ReadAllText(P("package.json")), StringComparison.Ordinal);
        Assert.Equal(["read " + P("package.json")], editor.Calls);

        // The edit only matches the unsaved buffer: nothing to judge on the disk, and nothing happens there or in the editor.
        File.WriteAllText(P("package.json"), "{\"dependencies\":{}}\n");
        editor.Buffers[P("package.json")] = "{\"dependencies\":{\"a\":\"1\"}}\n";
        Assert.False((await Read(editor, "package.json")).IsError);
        var sneaky = J(new() { ["path"] = "package.json", ["old_string"] = "\"a\":\"1\"", ["new_string"] = "\"a\":\"1\",\"evil-pkg\":\"1\"" });
        Assert.Empty(edit.PlanChanges(sneaky, _ctx.Workspace, Manifest));
        Assert.True((await edit.InvokeAsync(sneaky, _ctx.Context, Ct)).IsError);
        Assert.Empty(editor.Writes);
        Assert.DoesNotContain("evil-pkg", File.ReadAllText(P("package.json")), StringComparison.Ordinal);

        // A patch that touches a planned manifest is applied on the disk as a whole, as it was planned.
        File.WriteAllText(P("a.txt"), "a\n");
        var patch = new ApplyPatchTool(editor);
        var patchArgs = J(new() { ["patch"] = "*** Begin Patch\n*** Update File: a.txt\n@@\n-a\n+b\n*** Update File: package.json\n@@\n-{\"dependencies\":{}}\n+{\"dependencies\":{\"x\":\"1\"}}\n*** End Patch" });
        Assert.Single(patch.PlanChanges(patchArgs, _ctx.Workspace, Manifest));
        var calls = editor.Calls.Count;
        var applied = await patch.InvokeAsync(patchArgs, _ctx.Context, Ct);
        Assert.False(applied.IsError, applied.Content);
        Assert.Equal("b\n", File.ReadAllText(P("a.txt")));
        Assert.Contains("\"x\"", File.ReadAllText(P("package.json")), StringComparison.Ordinal);
        Assert.Equal(calls, editor.Calls.Count);

        // Without a plan, the next call goes through the editor again.
        Assert.False((await Patch(editor, "*** Begin Patch\n*** Update File: a.txt\n@@\n-b\n+c\n*** End Patch")).IsError);
        Assert.Equal("c\n", editor.Buffers[P("a.txt")]);
    }

    [Fact]
    public async Task While_a_command_runs_in_the_workspace_the_tools_keep_to_the_disk_and_say_so()
    {
        File.WriteAllText(P("a.txt"), "on disk\n");
        var editor = new FakeEditor { Buffers = { [P("a.txt")] = "in the buffer\n" } };
        var shell = new ShellTool(new ToolOptions());
        var started = await shell.InvokeAsync(J(new() { ["command"] = "sleep 30", ["background"] = true }), _ctx.Context, Ct);
        Assert.False(started.IsError, started.Content);
        try
        {
            var read = await Read(editor, "a.txt");
            Assert.Contains("on disk", read.Content, StringComparison.Ordinal);
            Assert.Contains("the editor was not used: a command Wright started is still running", read.Content, StringComparison.Ordinal);
            var edit = await Edit(editor, "a.txt", "on disk", "edited");
            Assert.False(edit.IsError, edit.Content);
            Assert.Equal("edited\n", File.ReadAllText(P("a.txt")));
            Assert.Empty(editor.Calls);
        }
        finally
        {
            await new ShellKillTool().InvokeAsync(J(new() { ["handle"] = "bg1" }), _ctx.Context, Ct);
        }

        // Once it has ended, the editor is used again.
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(20);
        IDisposable? quiet;
        while ((quiet = CommandActivity.TryQuiet(_ctx.Workspace)) is null)
        {
            Assert.True(DateTime.UtcNow < deadline, "the killed job still counts as running");
            await Task.Delay(50, Ct);
        }

        quiet.Dispose();
        Assert.Contains("in the buffer", (await Read(editor, "a.txt")).Content, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_command_waits_while_the_editor_is_asked_and_a_command_elsewhere_does_not()
    {
        using var other = new ToolTestContext();
        var lease = CommandActivity.TryQuiet(_ctx.Workspace);
        Assert.NotNull(lease);
        var here = CommandActivity.BeginCommandAsync(_ctx.Workspace, Ct);
        var inside = CommandActivity.BeginCommandAsync(Path.Combine(_ctx.Workspace, "sub"), Ct);
        using (await CommandActivity.BeginCommandAsync(other.Workspace, Ct).WaitAsync(TimeSpan.FromSeconds(5), Ct))
        {
            Assert.False(here.IsCompleted);
            Assert.False(inside.IsCompleted);
        }

        lease.Dispose();
        using (await here.WaitAsync(TimeSpan.FromSeconds(5), Ct))
        using (await inside.WaitAsync(TimeSpan.FromSeconds(5), Ct))
            Assert.Null(CommandActivity.TryQuiet(_ctx.Workspace));
        using var again = CommandActivity.TryQuiet(_ctx.Workspace);
        Assert.NotNull(again);
    }

    /// <summary>An editor with buffers (a path without one reads the disk), recording every call.</summary>
    private sealed class FakeEditor : IEditorFiles
    {
        public bool CanRead { get; init; } = true;

        public bool CanWrite { get; init; } = true;

        public bool SavesToDisk { get; init; }

        public string? FailReads { get; init; }

        public string? FailWrites { get; init; }

        public string? FailWritesOf { get; set; }

        public Dictionary<string, string> Buffers { get; } = new(StringComparer.Ordinal);

        public List<(string Path, string Text)> Writes { get; } = [];

        public List<string> Calls { get; } = [];

        public Task<string> ReadTextAsync(string path, CancellationToken cancellationToken)
        {
            Calls.Add("read " + path);
            if (FailReads is { } why)
                throw new EditorFilesException(why);
            return Task.FromResult(Buffers.TryGetValue(path, out var text) ? text : File.ReadAllText(path));
        }

        public Task WriteTextAsync(string path, string text, CancellationToken cancellationToken)
        {
            Calls.Add("write " + path);
            if (FailWrites is { } why)
                throw new EditorFilesException(why);
            if (FailWritesOf == path)
                throw new EditorFilesException("refused");
            Writes.Add((path, text));
            Buffers[path] = text;
            if (SavesToDisk)
                File.WriteAllText(path, text);
            return Task.CompletedTask;
        }
    }
}
