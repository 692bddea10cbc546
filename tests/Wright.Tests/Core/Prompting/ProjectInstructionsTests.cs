using Wright.Core.Prompting;

namespace Wright.Tests.Core.Prompting;

public sealed class ProjectInstructionsTests : IDisposable
{
    private readonly string _root = Directory.CreateTempSubdirectory("wright-agents-").FullName;

    public void Dispose() => Directory.Delete(_root, recursive: true);

    private string Make(string relative, string content)
    {
        var path = Path.Combine(_root, relative);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, content);
        return path;
    }

    [Fact]
    public void Root_to_working_directory_nearer_last_with_fallbacks_and_home()
    {
        Directory.CreateDirectory(Path.Combine(_root, "repo", ".git"));
        Make("home/AGENTS.md", "user rules");
        Make("repo/AGENTS.md", "root rules");
        Make("repo/CLAUDE.md", "ignored: AGENTS.md wins here");
        Make("repo/pkg/CLAUDE.md", "pkg rules from CLAUDE.md");
        Make("repo/pkg/app/AGENTS.md", "app rules");
        Make("AGENTS.md", "outside the repository: ignored");
        var workspace = Path.Combine(_root, "repo", "pkg", "app");

        var text = ProjectInstructions.Load(workspace, Path.Combine(_root, "home"))!;

        var order = new[] { "user rules", "root rules", "pkg rules from CLAUDE.md", "app rules" }.Select(s => text.IndexOf(s, StringComparison.Ordinal)).ToList();
        Assert.All(order, i => Assert.True(i >= 0));
        Assert.Equal(order.OrderBy(i => i), order);
        Assert.DoesNotContain("ignored", text);
        Assert.Contains("## " + Path.Combine(_root, "repo", "pkg", "CLAUDE.md"), text);
        Assert.Contains("## AGENTS.md", text);
    }

    [Fact]
    public void The_combined_size_is_capped()
    {
        Directory.CreateDirectory(Path.Combine(_root, ".git"));
        Make("AGENTS.md", new string('x', 50_000));
        var text = ProjectInstructions.Load(_root, null, maxChars: 2_000)!;

        Assert.True(text.Length <= 2_000);
        Assert.Contains("truncated", text);
    }

    [Fact]
    public void No_files_means_no_instructions() => Assert.Null(ProjectInstructions.Load(_root, null));
}
