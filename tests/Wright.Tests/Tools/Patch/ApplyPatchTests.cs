using System.Text;
using System.Text.Json;
using Wright.Tests.Support;
using Wright.Tools.Patch;

namespace Wright.Tests.Tools.Patch;

public sealed class ApplyPatchTests : IDisposable
{
    private readonly ToolTestContext _ctx = new();

    public void Dispose() => _ctx.Dispose();

    private string P(string name) => Path.Combine(_ctx.Workspace, name);

    private string Apply(string patch) => PatchApplier.Apply(PatchParser.Parse(patch), _ctx.Workspace);

    [Fact]
    public void Adds_updates_moves_and_deletes_with_the_reference_summary()
    {
        File.WriteAllText(P("a.py"), "def f():\n    return 1\n\ndef g():\n    return 2\n");
        File.WriteAllText(P("old.txt"), "keep\nchange me\n");
        File.WriteAllText(P("gone.txt"), "bye\n");
        var summary = Apply("""
            *** Begin Patch
            *** Add File: new/hello.txt
            +hello
            +world
            *** Update File: a.py
            @@ def g():
            -    return 2
            +    return 3
            *** Update File: old.txt
            *** Move to: moved.txt
            @@
             keep
            -change me
            +changed
            *** Delete File: gone.txt
            *** End Patch
            """);

        Assert.Equal("Success. Updated the following files:\nA new/hello.txt\nM a.py\nM moved.txt\nD gone.txt\n", summary);
        Assert.Equal("hello\nworld\n", File.ReadAllText(P("new/hello.txt")));
        Assert.Equal("def f():\n    return 1\n\ndef g():\n    return 3\n", File.ReadAllText(P("a.py")));
        Assert.Equal("keep\nchanged\n", File.ReadAllText(P("moved.txt")));
        Assert.False(File.Exists(P("old.txt")));
        Assert.False(File.Exists(P("gone.txt")));
    }

    [Fact]
    public void Context_headers_narrow_the_search_and_end_of_file_anchors()
    {
        File.WriteAllText(P("x.txt"), "a\nvalue\nb\nvalue\nend\n");
        Apply("*** Begin Patch\n*** Update File: x.txt\n@@ b\n-value\n+second\n*** End Patch");
        Assert.Equal("a\nvalue\nb\nsecond\nend\n", File.ReadAllText(P("x.txt")));

        File.WriteAllText(P("y.txt"), "x\nx\n");
        Apply("*** Begin Patch\n*** Update File: y.txt\n@@\n-x\n+last\n*** End of File\n*** End Patch");
        Assert.Equal("x\nlast\n", File.ReadAllText(P("y.txt")));
    }

    [Theory]
    [InlineData("    return 1   \n", "    return 1")]
    [InlineData("\treturn 1\n", "    return 1")]
    [InlineData("msg = \u201Chello \u2014 world\u201D\n", "msg = \"hello - world\"")]
    public void Matching_falls_back_to_whitespace_and_punctuation(string fileLine, string patchLine)
    {
        File.WriteAllText(P("f.txt"), "start\n" + fileLine + "stop\n");
        Apply($"*** Begin Patch\n*** Update File: f.txt\n@@\n start\n-{patchLine}\n+replaced\n stop\n*** End Patch");
        Assert.Equal("start\nreplaced\nstop\n", File.ReadAllText(P("f.txt")));
    }

    [Fact]
    public void Crlf_and_bom_are_preserved_and_a_missing_final_newline_is_added()
    {
        File.WriteAllBytes(P("w.txt"), [0xEF, 0xBB, 0xBF, .. Encoding.UTF8.GetBytes("one\r\ntwo\r\n")]);
        File.WriteAllText(P("n.txt"), "no newline");
        Apply("*** Begin Patch\n*** Update File: w.txt\n@@\n one\n-two\n+2\n*** Update File: n.txt\n@@\n-no newline\n+has one\n*** End Patch");

        Assert.Equal([0xEF, 0xBB, 0xBF, .. Encoding.UTF8.GetBytes("one\r\n2\r\n")], File.ReadAllBytes(P("w.txt")));
        Assert.Equal("has one\n", File.ReadAllText(P("n.txt")));
    }

    [Fact]
    public void A_failed_hunk_changes_no_file_and_names_the_file_and_hunk()
    {
        File.WriteAllText(P("first.txt"), "one\n");
        File.WriteAllText(P("second.txt"), "two\n");
        var ex = Assert.Throws<PatchException>(() => Apply("*** Begin Patch\n*** Update File: first.txt\n@@\n-one\n+1\n*** Update File: second.txt\n@@\n-three\n+3\n*** Add File: third.txt\n+x\n*** End Patch"));

        Assert.StartsWith("second.txt: hunk 1 did not match", ex.Message);
        Assert.Equal("one\n", File.ReadAllText(P("first.txt")));
        Assert.False(File.Exists(P("third.txt")));
    }

    [Theory]
    [InlineData("*** Update File: x\n@@\n-a\n+b\n*** End Patch", "first line must be '*** Begin Patch'")]
    [InlineData("*** Begin Patch\n*** Update File: x\n@@\n-a\n+b", "last line must be '*** End Patch'")]
    [InlineData("*** Begin Patch\n*** Frobnicate: x\n*** End Patch", "line 2: expected '*** Add File: '")]
    [InlineData("*** Begin Patch\n*** Update File: x\n@@\n?odd\n*** End Patch", "line 4: a hunk line must start with")]
    [InlineData("*** Begin Patch\n*** End Patch", "changes no file")]
    public void Malformed_patches_get_clear_errors(string patch, string expected)
    {
        var ex = Assert.Throws<FormatException>(() => PatchParser.Parse(patch));
        Assert.Contains(expected, ex.Message);
    }

    [Fact]
    public void A_heredoc_wrapper_is_accepted()
    {
        Apply("<<'EOF'\n*** Begin Patch\n*** Add File: h.txt\n+hi\n*** End Patch\nEOF");
        Assert.Equal("hi\n", File.ReadAllText(P("h.txt")));
    }

    [Fact]
    public void Paths_outside_the_workspace_and_symlink_escapes_are_refused()
    {
        var outside = Path.Combine(_ctx.Root, "outside");
        Directory.CreateDirectory(outside);
        File.WriteAllText(Path.Combine(outside, "host.txt"), "host\n");
        File.CreateSymbolicLink(P("escape"), outside);
        Directory.CreateDirectory(Path.Combine(_ctx.Root, "ws-evil"));

        Assert.Contains("outside the workspace", Assert.Throws<PatchException>(() => Apply("*** Begin Patch\n*** Add File: ../x.txt\n+x\n*** End Patch")).Message);
        Assert.Contains("outside the workspace", Assert.Throws<PatchException>(() => Apply($"*** Begin Patch\n*** Add File: {_ctx.Root}/ws-evil/x\n+x\n*** End Patch")).Message);
        Assert.Contains("symbolic link", Assert.Throws<PatchException>(() => Apply("*** Begin Patch\n*** Update File: escape/host.txt\n@@\n-host\n+pwned\n*** End Patch")).Message);
        Assert.Equal("host\n", File.ReadAllText(Path.Combine(outside, "host.txt")));
    }

    [Fact]
    public void A_ten_thousand_line_file_is_patched_correctly()
    {
        File.WriteAllText(P("big.txt"), string.Concat(Enumerable.Range(1, 10_000).Select(i => $"line {i}\n")));
        Apply("*** Begin Patch\n*** Update File: big.txt\n@@\n line 9998\n-line 9999\n+LINE 9999\n line 10000\n*** End Patch");
        var lines = File.ReadAllLines(P("big.txt"));
        Assert.Equal(10_000, lines.Length);
        Assert.Equal("LINE 9999", lines[9998]);
    }

    [Fact]
    public async Task The_tool_reports_errors_as_results_and_the_command_matches_the_reference()
    {
        var tool = new ApplyPatchTool();
        var bad = await tool.InvokeAsync(JsonDocument.Parse("{\"patch\":\"nonsense\"}").RootElement, _ctx.Context, TestContext.Current.CancellationToken);
        Assert.True(bad.IsError);
        Assert.StartsWith("Error: apply_patch failed: invalid patch", bad.Content);

        var stdout = new StringWriter();
        var stderr = new StringWriter();
        var code = ApplyPatchCommand.Run(null, new StringReader("*** Begin Patch\n*** Add File: c.txt\n+c\n*** End Patch\n"), stdout, stderr, _ctx.Workspace);
        Assert.Equal(0, code);
        Assert.Equal("Success. Updated the following files:\nA c.txt\n", stdout.ToString());
        var failed = ApplyPatchCommand.Run("*** Begin Patch\n*** Delete File: missing.txt\n*** End Patch", TextReader.Null, stdout, stderr, _ctx.Workspace);
        Assert.Equal(1, failed);
        Assert.Contains("missing.txt: cannot delete, the file does not exist", stderr.ToString());
    }
}
