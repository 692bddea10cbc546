using Wright.Cli.Interactive;

namespace Wright.Tests.Tui;

public sealed class FileMentionsTests
{
    private static string Workspace()
    {
        var root = Directory.CreateTempSubdirectory("wright-mentions-").FullName;
        Directory.CreateDirectory(Path.Combine(root, "src", "Deep"));
        Directory.CreateDirectory(Path.Combine(root, "node_modules", "x"));
        Directory.CreateDirectory(Path.Combine(root, "obj"));
        Directory.CreateDirectory(Path.Combine(root, "dist"));
        File.WriteAllText(Path.Combine(root, "src", "alpha.cs"), "class Alpha {}\n");
        File.WriteAllText(Path.Combine(root, "src", "alpine.cs"), "class Alpine {}\n");
        File.WriteAllText(Path.Combine(root, "src", "Deep", "b.txt"), "b");
        File.WriteAllText(Path.Combine(root, "my notes.md"), "spaced");
        File.WriteAllText(Path.Combine(root, "数据.txt"), "中文内容");
        File.WriteAllText(Path.Combine(root, ".gitignore"), "dist/\n*.log\n");
        File.WriteAllText(Path.Combine(root, "trace.log"), "x");
        return root;
    }

    [Fact]
    public void Completion_lists_workspace_entries_skipping_ignored_ones()
    {
        var mentions = new FileMentions(Workspace());
        Assert.Equal(["src/alpha.cs", "src/alpine.cs"], mentions.Complete("src/al"));
        Assert.Equal("src/alp", FileMentions.CommonPrefix(mentions.Complete("src/al")));
        Assert.Equal(["src/Deep/"], mentions.Complete("src/D"));
        Assert.Equal(["src/Deep/"], mentions.Complete("src/d"));
        var top = mentions.Complete("");
        Assert.Contains("src/", top);
        Assert.Contains("my notes.md", top);
        Assert.Contains("数据.txt", top);
        Assert.DoesNotContain("node_modules/", top);
        Assert.DoesNotContain("obj/", top);
        Assert.DoesNotContain("dist/", top);
        Assert.DoesNotContain("trace.log", top);
        Assert.DoesNotContain(".gitignore", top);
        Assert.Contains(".gitignore", mentions.Complete("."));
        Assert.Empty(mentions.Complete("../"));
        Assert.Empty(mentions.Complete("/etc/pa"));
    }

    [Fact]
    public void Nested_ignore_files_and_negations_apply_as_for_the_grep_tool_and_edits_are_seen()
    {
        var root = Workspace();
        Directory.CreateDirectory(Path.Combine(root, "src", "gen"));
        File.WriteAllText(Path.Combine(root, "src", ".gitignore"), "gen/\n*.g.cs\n");
        File.WriteAllText(Path.Combine(root, "src", "a.g.cs"), "");
        File.WriteAllText(Path.Combine(root, "keep.log"), "");
        File.AppendAllText(Path.Combine(root, ".gitignore"), "!keep.log\n");
        var mentions = new FileMentions(root);

        var src = mentions.Complete("src/");
        Assert.Contains("src/alpha.cs", src);
        Assert.DoesNotContain("src/gen/", src);
        Assert.DoesNotContain("src/a.g.cs", src);
        Assert.Contains("keep.log", mentions.Complete("k"));
        Assert.Empty(mentions.Complete("tr"));

        // An .ignore file overrides .gitignore in its folder; a changed file counts at the next Tab.
        File.WriteAllText(Path.Combine(root, "src", ".ignore"), "!a.g.cs\n");
        Assert.Contains("src/a.g.cs", mentions.Complete("src/"));
    }

    [Fact]
    public void The_partial_mention_before_the_cursor_is_found_quoted_or_not()
    {
        Assert.True(FileMentions.TryFindPartial("look at @src/al", 15, out var start, out var partial));
        Assert.Equal((8, "src/al"), (start, partial));
        Assert.True(FileMentions.TryFindPartial("@\"my no", 7, out start, out partial));
        Assert.Equal((0, "my no"), (start, partial));
        Assert.False(FileMentions.TryFindPartial("mail me@host", 12, out _, out _));
        Assert.False(FileMentions.TryFindPartial("@src/a.cs and more", 18, out _, out _));
        Assert.Equal("@\"my notes.md\"", FileMentions.Format("my notes.md", complete: true));
        Assert.Equal("@src/a.cs", FileMentions.Format("src/a.cs", complete: true));
    }

    [Fact]
    public void Sending_attaches_mentioned_files_and_leaves_the_rest_as_text()
    {
        var root = Workspace();
        var mentions = new FileMentions(root);
        var (prompt, notes) = mentions.Attach("compare @src/alpha.cs, @\"my notes.md\" and @数据.txt with @missing.cs (mail a@b.c)");
        Assert.StartsWith("compare @src/alpha.cs, @\"my notes.md\" and @数据.txt with @missing.cs (mail a@b.c)\n\n", prompt);
        Assert.Contains("<file path=\"src/alpha.cs\">\nclass Alpha {}\n</file>", prompt);
        Assert.Contains("<file path=\"my notes.md\">\nspaced\n</file>", prompt);
        Assert.Contains("<file path=\"数据.txt\">\n中文内容\n</file>", prompt);
        Assert.DoesNotContain("missing.cs\">", prompt);
        Assert.Equal(["src/alpha.cs", "my notes.md", "数据.txt"], notes.Select(n => n.Path));
        Assert.All(notes, n => Assert.False(n.Refused));

        var (listing, _) = mentions.Attach("what is in @src/");
        Assert.Contains("<directory path=\"src/\">\nDeep/\nalpha.cs\nalpine.cs\n</directory>", listing);
    }

    [Fact]
    public void Large_and_binary_files_are_capped_and_escapes_are_refused()
    {
        var root = Workspace();
        File.WriteAllText(Path.Combine(root, "big.txt"), new string('x', FileMentions.MaxFileBytes + 10));
        File.WriteAllBytes(Path.Combine(root, "blob.bin"), [1, 0, 2, 3]);
        var outside = Directory.CreateTempSubdirectory("wright-outside-").FullName;
        File.WriteAllText(Path.Combine(outside, "secret.txt"), "SECRET");
        File.CreateSymbolicLink(Path.Combine(root, "link.txt"), Path.Combine(outside, "secret.txt"));
        Directory.CreateSymbolicLink(Path.Combine(root, "linkdir"), outside);
        var mentions = new FileMentions(root);

        var (prompt, notes) = mentions.Attach("@big.txt @blob.bin @link.txt @linkdir/secret.txt @../" + Path.GetFileName(outside) + "/secret.txt");
        Assert.Contains("[truncated: only the first 65,536 of 65,546 bytes are shown]", prompt);
        Assert.Contains("[binary file, 4 bytes: contents not attached]", prompt);
        Assert.DoesNotContain("SECRET", prompt);
        Assert.Equal([false, false, true, true, true], notes.Select(n => n.Refused));
        Assert.Contains("outside the workspace", notes[2].Text);
        Assert.Empty(mentions.Attach("@../no-such-file.txt").Notes);
    }
}
