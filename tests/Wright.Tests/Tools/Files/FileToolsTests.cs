using System.Text;
using System.Text.Json;
using Wright.Core.Tools;
using Wright.Tests.Support;
using Wright.Tools.Files;

namespace Wright.Tests.Tools.Files;

public sealed class FileToolsTests : IDisposable
{
    private readonly ToolTestContext _ctx = new();

    public void Dispose() => _ctx.Dispose();

    private string P(string name) => Path.Combine(_ctx.Workspace, name);

    private static JsonElement J(Dictionary<string, object> args) =>
        JsonDocument.Parse(JsonSerializer.Serialize(args, TestJson.Default.DictionaryStringObject)).RootElement;

    private Task<ToolResult> Read(string path, int? offset = null, int? limit = null)
    {
        var args = new Dictionary<string, object> { ["path"] = path };
        if (offset is { } o)
            args["offset"] = o;
        if (limit is { } l)
            args["limit"] = l;
        return new ReadFileTool().InvokeAsync(J(args), _ctx.Context, TestContext.Current.CancellationToken);
    }

    private Task<ToolResult> Write(string path, string content) =>
        new WriteFileTool().InvokeAsync(J(new() { ["path"] = path, ["content"] = content }), _ctx.Context, TestContext.Current.CancellationToken);

    private Task<ToolResult> Edit(string path, string oldString, string newString, bool all = false) =>
        new EditFileTool().InvokeAsync(J(new() { ["path"] = path, ["old_string"] = oldString, ["new_string"] = newString, ["replace_all"] = all }),
            _ctx.Context, TestContext.Current.CancellationToken);

    [Fact]
    public async Task Reads_numbered_lines_without_cr_and_notes_a_missing_final_newline()
    {
        File.WriteAllText(P("a.txt"), "one\r\ntwo\r\nthree");
        var result = await Read("a.txt");

        Assert.Equal("   1\tone\n   2\ttwo\n   3\tthree\n[no newline at end of file]", result.Content);
    }

    [Theory]
    [InlineData("utf8bom", new byte[] { 0xEF, 0xBB, 0xBF, 0x68, 0xC3, 0xA9 }, "hé")]
    [InlineData("utf16le", new byte[] { 0xFF, 0xFE, 0x68, 0x00, 0xE9, 0x00 }, "hé")]
    [InlineData("utf16be", new byte[] { 0xFE, 0xFF, 0x00, 0x68, 0x00, 0xE9 }, "hé")]
    [InlineData("latin1", new byte[] { 0x68, 0xE9 }, "hé")]
    public async Task Decodes_common_encodings(string name, byte[] bytes, string expected)
    {
        File.WriteAllBytes(P(name), bytes);
        var result = await Read(name);
        Assert.Contains("\t" + expected, result.Content);
        Assert.Equal(name == "latin1", result.Content.Contains("Latin-1", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Large_files_are_capped_with_a_way_to_read_on()
    {
        File.WriteAllText(P("big.txt"), string.Concat(Enumerable.Range(1, 5000).Select(i => $"line {i}\n")));
        var first = await Read("big.txt");
        var next = await Read("big.txt", offset: 2001, limit: 3);

        Assert.Contains("[showing lines 1–2000 of 5000; call read_file with offset=2001 to read on]", first.Content);
        Assert.StartsWith("2001\tline 2001\n2002\tline 2002\n2003\tline 2003", next.Content);
    }

    [Fact]
    public async Task Binary_directories_missing_files_and_images_are_handled()
    {
        File.WriteAllBytes(P("prog"), [0x7F, 0x45, 0x4C, 0x46, 0, 1, 2]);
        File.WriteAllBytes(P("pic.png"), [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0, 0]);
        File.WriteAllText(P("Readme.md"), "x");
        Directory.CreateDirectory(P("dir"));

        Assert.Contains("binary file (ELF executable, 7 bytes)", (await Read("prog")).Content);
        Assert.Contains("is a directory", (await Read("dir")).Content);
        Assert.Contains("Did you mean: Readme.md", (await Read("README.md")).Content);
        var image = await Read("pic.png");
        Assert.False(image.IsError);
        Assert.Equal("image/png", Assert.IsType<Microsoft.Extensions.AI.DataContent>(Assert.Single(image.Attachments!)).MediaType);
    }

    [Fact]
    public async Task Unicode_and_spaces_in_paths_and_symlinks_inside_the_workspace()
    {
        Directory.CreateDirectory(P("目录 with space"));
        File.WriteAllText(P("目录 with space/文件.txt"), "内容\n");
        File.CreateSymbolicLink(P("link.txt"), P("目录 with space/文件.txt"));

        Assert.Contains("1\t内容", (await Read("目录 with space/文件.txt")).Content);
        Assert.Contains("1\t内容", (await Read("link.txt")).Content);
        // Reading through a link that stays inside works; writing never goes through a link (it names the target instead).
        var throughLink = await Write("link.txt", "新内容\n");
        Assert.True(throughLink.IsError);
        Assert.Contains("link.txt is a symbolic link (to ", throughLink.Content);
        Assert.True(new FileInfo(P("link.txt")).LinkTarget is not null);
        Assert.Equal("内容\n", File.ReadAllText(P("目录 with space/文件.txt")));
        Assert.False((await Write("目录 with space/文件.txt", "新内容\n")).IsError);
        Assert.Equal("新内容\n", File.ReadAllText(P("link.txt")));
    }

    [Fact]
    public async Task A_link_or_linked_folder_swapped_in_after_approval_cannot_carry_a_write_or_edit_outside()
    {
        var outside = Path.Combine(_ctx.Root, "outside");
        Directory.CreateDirectory(outside);
        File.WriteAllText(Path.Combine(outside, "victim.txt"), "keep\n");
        File.CreateSymbolicLink(P("new.txt"), Path.Combine(outside, "created.txt")); // dangling: the write would create it
        Directory.CreateSymbolicLink(P("sub"), outside);

        var dangling = await Write("new.txt", "x\n");
        Assert.True(dangling.IsError);
        Assert.Contains("new.txt is a symbolic link", dangling.Content);
        Assert.False(File.Exists(Path.Combine(outside, "created.txt")));
        var linkedFolder = await Write("sub/fresh.txt", "x\n");
        Assert.True(linkedFolder.IsError);
        Assert.False(File.Exists(Path.Combine(outside, "fresh.txt")));
        await Read("sub/victim.txt");
        var edit = await Edit("sub/victim.txt", "keep", "gone");
        Assert.True(edit.IsError);
        Assert.Equal("keep\n", File.ReadAllText(Path.Combine(outside, "victim.txt")));
        // An explicit outside path is the permission layer's call: the tool itself writes it (a regular file, atomically).
        await Read(Path.Combine(outside, "victim.txt"));
        Assert.False((await Edit(Path.Combine(outside, "victim.txt"), "keep", "kept")).IsError);
        Assert.Equal("kept\n", File.ReadAllText(Path.Combine(outside, "victim.txt")));
    }

    [Fact]
    public async Task Writes_create_new_files_but_refuse_unread_or_changed_ones()
    {
        Assert.Contains("Created new/dir/x.txt (1 lines)", (await Write("new/dir/x.txt", "hi\n")).Content);
        File.WriteAllText(P("existing.txt"), "old\n");
        var unread = await Write("existing.txt", "new\n");
        Assert.True(unread.IsError);
        Assert.Contains("has not read it", unread.Content);

        await Read("existing.txt");
        File.WriteAllText(P("existing.txt"), "changed by someone else\n");
        File.SetLastWriteTimeUtc(P("existing.txt"), DateTime.UtcNow.AddMinutes(1));
        var stale = await Write("existing.txt", "new\n");
        Assert.Contains("changed on disk since you read it", stale.Content);
        Assert.Equal("changed by someone else\n", File.ReadAllText(P("existing.txt")));

        await Read("existing.txt");
        Assert.False((await Write("existing.txt", "new\n")).IsError);
        Assert.False((await Write("existing.txt", "newer\n")).IsError);
        Assert.Equal("newer\n", File.ReadAllText(P("existing.txt")));
    }

    [Fact]
    public async Task Writes_keep_crlf_bom_and_permissions()
    {
        File.WriteAllBytes(P("win.txt"), [0xEF, 0xBB, 0xBF, .. Encoding.UTF8.GetBytes("a\r\nb\r\n")]);
        File.SetUnixFileMode(P("win.txt"), UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        await Read("win.txt");
        var result = await Write("win.txt", "x\ny\n");

        Assert.Contains("CRLF kept", result.Content);
        Assert.Equal([0xEF, 0xBB, 0xBF, .. Encoding.UTF8.GetBytes("x\r\ny\r\n")], File.ReadAllBytes(P("win.txt")));
        Assert.True(File.GetUnixFileMode(P("win.txt")).HasFlag(UnixFileMode.UserExecute));
        Assert.Empty(Directory.GetFiles(_ctx.Workspace, "*.tmp"));
    }

    [Fact]
    public async Task Edits_replace_exactly_once_and_keep_line_endings()
    {
        File.WriteAllText(P("code.cs"), "class A\r\n{\r\n    int x = 1;\r\n}\r\n");
        await Read("code.cs");
        var result = await Edit("code.cs", "    int x = 1;\n", "    int x = 2;\n    int y = 3;\n");

        Assert.Equal("Edited code.cs: replaced 1 occurrence at line 3.", result.Content);
        Assert.Equal("class A\r\n{\r\n    int x = 2;\r\n    int y = 3;\r\n}\r\n", File.ReadAllText(P("code.cs")));
    }

    [Fact]
    public async Task Ambiguous_and_missing_matches_explain_themselves()
    {
        File.WriteAllText(P("f.py"), "def a():\n    return 1\n\ndef b():\n    return 1\n");
        await Read("f.py");

        var ambiguous = await Edit("f.py", "return 1", "return 2");
        Assert.Contains("occurs 2 times in f.py (lines 2, 5)", ambiguous.Content);
        var indentation = await Edit("f.py", "def b():\n  return 1", "def b():\n  return 3");
        Assert.Contains("matches lines 4–5 if indentation is ignored", indentation.Content);
        var nothing = await Edit("f.py", "zzz qqq", "x");
        Assert.Contains("No similar text was found", nothing.Content);
        Assert.False((await Edit("f.py", "return 1", "return 2", all: true)).IsError);
        Assert.Equal("def a():\n    return 2\n\ndef b():\n    return 2\n", File.ReadAllText(P("f.py")));
    }

    [Fact]
    public async Task Multi_edit_is_all_or_nothing()
    {
        File.WriteAllText(P("m.txt"), "alpha\nbeta\ngamma\n");
        await Read("m.txt");
        var args = JsonDocument.Parse("""{"path":"m.txt","edits":[{"old_string":"alpha","new_string":"ALPHA"},{"old_string":"missing","new_string":"x"}]}""").RootElement;
        var failed = await new MultiEditTool().InvokeAsync(args, _ctx.Context, TestContext.Current.CancellationToken);

        Assert.True(failed.IsError);
        Assert.Contains("edit 2: old_string was not found", failed.Content);
        Assert.Contains("No edit was applied", failed.Content);
        Assert.Equal("alpha\nbeta\ngamma\n", File.ReadAllText(P("m.txt")));

        var ok = await new MultiEditTool().InvokeAsync(JsonDocument.Parse("""{"path":"m.txt","edits":[{"old_string":"alpha","new_string":"ALPHA"},{"old_string":"ALPHA\nbeta","new_string":"AB"}]}""").RootElement,
            _ctx.Context, TestContext.Current.CancellationToken);
        Assert.False(ok.IsError);
        Assert.Equal("AB\ngamma\n", File.ReadAllText(P("m.txt")));
    }

    [Fact]
    public async Task Two_racing_edits_of_one_file_never_lose_an_update_silently()
    {
        File.WriteAllText(P("race.txt"), "a\nb\n");
        await Read("race.txt");
        var results = await Task.WhenAll(Edit("race.txt", "a", "A"), Edit("race.txt", "b", "B"));
        var text = File.ReadAllText(P("race.txt"));

        // Either both applied (serialised) or the loser was refused as stale; never a silent lost update.
        var applied = results.Count(r => !r.IsError);
        Assert.Equal(applied, (text.Contains('A', StringComparison.Ordinal) ? 1 : 0) + (text.Contains('B', StringComparison.Ordinal) ? 1 : 0));
        Assert.All(results.Where(r => r.IsError), r => Assert.Contains("changed on disk", r.Content));
    }
}
