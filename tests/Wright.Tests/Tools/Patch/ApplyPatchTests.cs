using System.Text;
using System.Text.Json;
using Wright.Tests.Support;
using Wright.Tools.Patch;

namespace Wright.Tests.Tools.Patch;

/// <summary>
/// apply_patch semantics and messages. The exact outputs below are those of Codex's CLI tests
/// (codex-rs/apply-patch/tests/suite/tool.rs and cli.rs), except where Wright deliberately differs (all or nothing).
/// </summary>
public sealed class ApplyPatchTests : IDisposable
{
    private readonly ToolTestContext _ctx = new();

    public void Dispose() => _ctx.Dispose();

    private string P(string name) => Path.Combine(_ctx.Workspace, name);

    private string Apply(string patch) => PatchApplier.Apply(PatchParser.Parse(patch), _ctx.Workspace);

    /// <summary>What `wright apply-patch PATCH` prints, as (exit code, stdout, stderr).</summary>
    private (int Code, string Out, string Err) Cli(string patch)
    {
        var stdout = new StringWriter();
        var stderr = new StringWriter();
        var code = ApplyPatchCommand.Run(patch, TextReader.Null, stdout, stderr, _ctx.Workspace);
        return (code, stdout.ToString(), stderr.ToString());
    }

    [Fact]
    public void Adds_updates_moves_and_deletes_and_summarises_like_codex()
    {
        File.WriteAllText(P("a.py"), "def f():\n    return 1\n\ndef g():\n    return 2\n");
        File.WriteAllText(P("old.txt"), "keep\nchange me\n");
        File.WriteAllText(P("gone.txt"), "bye\n");
        var summary = Apply("""
            *** Begin Patch
            *** Add File: new/hello.txt
            +hello
            +world
            *** Delete File: gone.txt
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
            *** End Patch
            """);

        // One line per operation, in patch order, as Codex prints them.
        Assert.Equal("Success. Updated the following files:\nA new/hello.txt\nD gone.txt\nM a.py\nM moved.txt\n", summary);
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

    // Issue 13: a context line matched through the whitespace-tolerant search was rewritten to the patch's text.
    [Theory]
    [InlineData("alpha   \nbeta\ngamma\n", " alpha\n-beta\n+BETA\n gamma", "alpha   \nBETA\ngamma\n")]
    [InlineData("\talpha\nbeta\n  gamma  \n", " alpha\n-beta\n+BETA\n gamma", "\talpha\nBETA\n  gamma  \n")]
    [InlineData("say \u201Chi\u201D\nbeta\n", " say \"hi\"\n-beta\n+BETA", "say \u201Chi\u201D\nBETA\n")]
    public void Context_lines_keep_the_files_own_bytes(string file, string hunk, string expected)
    {
        File.WriteAllText(P("c.txt"), file);
        Apply($"*** Begin Patch\n*** Update File: c.txt\n@@\n{hunk}\n*** End Patch");
        Assert.Equal(expected, File.ReadAllText(P("c.txt")));
    }

    // Issue 13 and Codex's tool.rs: each untouched line keeps its own ending; new lines take their neighbours'.
    [Theory]
    [InlineData("one\r\ntwo\nthree\r\nfour\n", "@@\n one\n two\n-three\n+THREE\n four", "one\r\ntwo\nTHREE\r\nfour\n")]
    [InlineData("one\r\ntwo\r\nthree\r\n", "@@\n-one\n+uno\n@@\n two\n+\n+between\n three", "uno\r\ntwo\r\n\r\nbetween\r\nthree\r\n")]
    [InlineData("a\nb\n", "@@\n-a\n-b\n+b\n+b\n+a", "b\nb\na\n")]
    [InlineData("same\r\nsame\n", "@@\n-same\n same", "same\n")]
    [InlineData("one\r\ntwo", "@@\n-one\n+ONE", "ONE\r\ntwo\r\n")]
    [InlineData("x\ny\r\nz\n", "@@\n x\n y\n+new\n z", "x\ny\r\nnew\r\nz\n")]
    [InlineData("first\r\nsecond\n", "@@\n+appended", "first\r\nsecond\nappended\n")]
    public void Line_endings_are_kept_per_line(string file, string hunks, string expected)
    {
        File.WriteAllBytes(P("m.txt"), Encoding.UTF8.GetBytes(file));
        Apply($"*** Begin Patch\n*** Update File: m.txt\n{hunks}\n*** End Patch");
        Assert.Equal(expected, Encoding.UTF8.GetString(File.ReadAllBytes(P("m.txt"))));
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
    public void Later_operations_see_earlier_ones_of_the_same_patch()
    {
        var summary = Apply("*** Begin Patch\n*** Add File: t.txt\n+one\n*** Update File: t.txt\n@@\n-one\n+two\n*** Update File: t.txt\n@@\n-two\n+three\n*** End Patch");

        Assert.Equal("three\n", File.ReadAllText(P("t.txt")));
        Assert.Equal("Success. Updated the following files:\nA t.txt\nM t.txt\nM t.txt\n", summary);
    }

    [Fact]
    public void A_file_added_then_deleted_by_one_patch_leaves_nothing()
    {
        Assert.Equal("Success. Updated the following files:\nA tmp.txt\nD tmp.txt\n", Apply("*** Begin Patch\n*** Add File: tmp.txt\n+x\n*** Delete File: tmp.txt\n*** End Patch"));
        Assert.False(File.Exists(P("tmp.txt")));
        Apply("*** Begin Patch\n*** Add File: new/dir/tmp.txt\n+x\n*** Delete File: new/dir/tmp.txt\n*** End Patch");
        Assert.False(Directory.Exists(P("new")));
        File.WriteAllText(P("old.txt"), "old\n");
        Apply("*** Begin Patch\n*** Add File: old.txt\n+x\n*** Delete File: old.txt\n*** End Patch");
        Assert.False(File.Exists(P("old.txt")));
    }

    [Fact]
    public void A_move_keeps_the_files_permissions()
    {
        File.WriteAllText(P("run.sh"), "echo one\n");
        File.SetUnixFileMode(P("run.sh"), UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        Apply("*** Begin Patch\n*** Update File: run.sh\n*** Move to: bin/run.sh\n@@\n-echo one\n+echo two\n*** End Patch");

        Assert.Equal("echo two\n", File.ReadAllText(P("bin/run.sh")));
        Assert.True(File.GetUnixFileMode(P("bin/run.sh")).HasFlag(UnixFileMode.UserExecute));
    }

    // Wright's deliberate difference from Codex: a failing operation leaves every file as it was (Codex keeps the
    // operations before it, see CodexScenarioTests 015).
    [Fact]
    public void A_failed_hunk_changes_no_file_and_removes_the_folders_it_created()
    {
        File.WriteAllText(P("first.txt"), "one\n");
        File.WriteAllText(P("second.txt"), "two\n");
        var patch = "*** Begin Patch\n*** Add File: made/deep/new.txt\n+x\n*** Update File: first.txt\n@@\n-one\n+1\n*** Delete File: second.txt\n*** Update File: second.txt\n@@\n-three\n+3\n*** End Patch";

        var ex = Assert.Throws<PatchException>(() => Apply(patch));

        Assert.Equal($"Failed to read file to update {P("second.txt")}: No such file or directory (os error 2)", ex.Message);
        Assert.Equal("one\n", File.ReadAllText(P("first.txt")));
        Assert.Equal("two\n", File.ReadAllText(P("second.txt")));
        Assert.False(Directory.Exists(P("made")));
    }

    [Fact]
    public void A_write_refused_at_commit_rolls_back_what_was_written()
    {
        // The plan is computed, then a folder on the way of the last write is swapped for a link (as a sandboxed
        // process could): that write is refused and the earlier ones are put back.
        File.WriteAllText(P("a.txt"), "a\n");
        Directory.CreateDirectory(P("dir"));
        File.WriteAllText(P("dir/b.txt"), "b\n");
        var outside = Path.Combine(_ctx.Root, "outside");
        Directory.CreateDirectory(outside);
        File.WriteAllText(Path.Combine(outside, "b.txt"), "canary\n");
        var operations = PatchParser.Parse("*** Begin Patch\n*** Update File: a.txt\n@@\n-a\n+A\n*** Add File: fresh.txt\n+new\n*** Update File: dir/b.txt\n@@\n-b\n+B\n*** End Patch");
        Directory.Move(P("dir"), P("dir-real"));
        File.WriteAllText(P("dir-real/b.txt"), "b\n");
        Directory.CreateSymbolicLink(P("dir"), outside);

        var ex = Assert.Throws<PatchException>(() => PatchApplier.Apply(operations, _ctx.Workspace));

        Assert.Contains("Failed to read file to update", ex.Message);
        Assert.Equal("a\n", File.ReadAllText(P("a.txt")));
        Assert.False(File.Exists(P("fresh.txt")));
        Assert.Equal("canary\n", File.ReadAllText(Path.Combine(outside, "b.txt")));
        Assert.Single(Directory.GetFiles(outside));
    }

    [Fact]
    public void Codex_cli_messages_empty_patch_and_missing_context()
    {
        Assert.Equal((1, "", "No files were modified.\n"), Cli("*** Begin Patch\n*** End Patch"));

        File.WriteAllText(P("modify.txt"), "line1\nline2\n");
        Assert.Equal((1, "", $"Failed to find expected lines in {P("modify.txt")}:\nmissing\n"),
            Cli("*** Begin Patch\n*** Update File: modify.txt\n@@\n-missing\n+changed\n*** End Patch"));
        Assert.Equal("line1\nline2\n", File.ReadAllText(P("modify.txt")));
        Assert.Equal((1, "", $"Failed to find context 'nowhere' in {P("modify.txt")}\n"),
            Cli("*** Begin Patch\n*** Update File: modify.txt\n@@ nowhere\n-line2\n+x\n*** End Patch"));
    }

    [Fact]
    public void Codex_cli_messages_missing_and_directory_targets()
    {
        Directory.CreateDirectory(P("dir"));
        Assert.Equal((1, "", $"Failed to delete file {P("missing.txt")}\n"), Cli("*** Begin Patch\n*** Delete File: missing.txt\n*** End Patch"));
        Assert.Equal((1, "", $"Failed to delete file {P("dir")}\n"), Cli("*** Begin Patch\n*** Delete File: dir\n*** End Patch"));
        Assert.Equal((1, "", $"Failed to read file to update {P("missing.txt")}: No such file or directory (os error 2)\n"),
            Cli("*** Begin Patch\n*** Update File: missing.txt\n@@\n-old\n+new\n*** End Patch"));
        Assert.Equal((1, "", $"Failed to read file to update {P("dir")}: Is a directory (os error 21)\n"),
            Cli("*** Begin Patch\n*** Update File: dir\n@@\n-old\n+new\n*** End Patch"));
    }

    [Theory]
    [InlineData("*** Begin Patch\n*** Update File: foo.txt\n*** End Patch", "Invalid patch hunk on line 2: Update file hunk for path 'foo.txt' is empty")]
    [InlineData("*** Begin Patch\n*** Frobnicate File: foo\n*** End Patch",
        "Invalid patch hunk on line 2: '*** Frobnicate File: foo' is not a valid hunk header. Valid hunk headers: '*** Add File: {path}', '*** Delete File: {path}', '*** Update File: {path}'")]
    [InlineData("bad", "Invalid patch: The first line of the patch must be '*** Begin Patch'")]
    [InlineData("*** Begin Patch\nbad", "Invalid patch: The last line of the patch must be '*** End Patch'")]
    [InlineData("", "Invalid patch: The last line of the patch must be '*** End Patch'")]
    [InlineData("*** Begin Patch\n*** Update File: x\n@@\n?odd\n*** End Patch",
        "Invalid patch hunk on line 4: Unexpected line found in update hunk: '?odd'. Every line should start with ' ' (context line), '+' (added line), or '-' (removed line)")]
    [InlineData("*** Begin Patch\n*** Update File: x\n@@\n-a\n@@\n*** End Patch", "Invalid patch hunk on line 6: Update hunk does not contain any lines")]
    [InlineData("*** Begin Patch\n*** Update File: x\n-a\nx\n*** End Patch",
        "Invalid patch hunk on line 4: Expected update hunk to start with a @@ context marker, got: 'x'")]
    public void Malformed_patches_get_codexs_messages(string patch, string expected)
    {
        Assert.Equal((1, "", expected + "\n"), Cli(patch));
    }

    // Issue 13 and Codex scenarios 017, 018, 020: padded file headers and patch markers are accepted.
    [Theory]
    [InlineData("*** Begin Patch\n  *** Update File: foo.txt\n@@\n-old\n+new\n*** End Patch")]
    [InlineData(" *** Begin Patch\n*** Update File: foo.txt\n@@\n-old\n+new\n*** End Patch ")]
    [InlineData("*** Begin Patch \n\t*** Update File: foo.txt  \n@@\n-old\n+new\n *** End Patch")]
    [InlineData("*** Begin Patch\r\n*** Update File: foo.txt\r\n@@\r\n-old\r\n+new\r\n*** End Patch\r\n")]
    public void Padded_headers_and_markers_are_accepted(string patch)
    {
        File.WriteAllText(P("foo.txt"), "old\n");
        Assert.Equal((0, "Success. Updated the following files:\nM foo.txt\n", ""), Cli(patch));
        Assert.Equal("new\n", File.ReadAllText(P("foo.txt")));
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
        Assert.Contains("symbolic link", Assert.Throws<PatchException>(() => Apply("*** Begin Patch\n*** Add File: escape/new.txt\n+x\n*** End Patch")).Message);
        Assert.Equal("host\n", File.ReadAllText(Path.Combine(outside, "host.txt")));
        Assert.Single(Directory.GetFiles(outside));
    }

    [Fact]
    public void Deleting_a_link_removes_the_link_not_its_target()
    {
        File.WriteAllText(P("target.txt"), "kept\n");
        File.CreateSymbolicLink(P("alias.txt"), P("target.txt"));

        Assert.Equal("Success. Updated the following files:\nD alias.txt\n", Apply("*** Begin Patch\n*** Delete File: alias.txt\n*** End Patch"));
        Assert.False(File.Exists(P("alias.txt")));
        Assert.Equal("kept\n", File.ReadAllText(P("target.txt")));
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
    public async Task The_tool_reports_codexs_messages_and_that_nothing_changed()
    {
        var tool = new ApplyPatchTool();
        var bad = await tool.InvokeAsync(JsonDocument.Parse("{\"patch\":\"nonsense\"}").RootElement, _ctx.Context, TestContext.Current.CancellationToken);
        Assert.True(bad.IsError);
        Assert.Equal("Invalid patch: The first line of the patch must be '*** Begin Patch'", bad.Content);

        File.WriteAllText(P("a.txt"), "a\n");
        var patch = JsonSerializer.Serialize("*** Begin Patch\n*** Update File: a.txt\n@@\n-a\n+b\n*** Delete File: missing.txt\n*** End Patch", TestJson.Default.String);
        var failed = await tool.InvokeAsync(JsonDocument.Parse($"{{\"patch\":{patch}}}").RootElement, _ctx.Context, TestContext.Current.CancellationToken);
        Assert.True(failed.IsError);
        Assert.Equal($"Failed to delete file {P("missing.txt")}\n{ApplyPatchTool.NothingChanged}", failed.Content);
        Assert.Equal("a\n", File.ReadAllText(P("a.txt")));

        var stdin = ApplyPatchCommand.Run(null, new StringReader("*** Begin Patch\n*** Add File: c.txt\n+c\n*** End Patch\n"), new StringWriter(), new StringWriter(), _ctx.Workspace);
        Assert.Equal(0, stdin);
        Assert.Equal("c\n", File.ReadAllText(P("c.txt")));
    }
}
