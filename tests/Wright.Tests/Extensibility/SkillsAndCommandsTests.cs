using System.Text.Json;
using Wright.Extensibility.Commands;
using Wright.Extensibility.Markdown;
using Wright.Extensibility.Skills;
using Wright.Tests.Support;

namespace Wright.Tests.Extensibility;

public sealed class SkillsAndCommandsTests : IDisposable
{
    private readonly ToolTestContext _ctx = new();

    private string Home => Path.Combine(_ctx.Root, "home");

    public void Dispose() => _ctx.Dispose();

    private void Make(string path, string text)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, text);
    }

    [Fact]
    public void Front_matter_supports_quotes_block_scalars_and_lists()
    {
        var doc = FrontMatter.Parse("\uFEFF---\r\nname: pdf\r\ndescription: \"Fill PDF forms: fast\"\r\nnotes: >\r\n  one\r\n  two\r\nallowed-tools:\r\n  - shell(git *)\r\n  - read_file\r\n---\r\n# Body\r\ntext\r\n");

        Assert.Equal("pdf", doc["name"]);
        Assert.Equal("Fill PDF forms: fast", doc["description"]);
        Assert.Equal("one two", doc["notes"]);
        Assert.Equal(["shell(git *)", "read_file"], doc.List("allowed-tools"));
        Assert.Equal("# Body\ntext", doc.Body);
    }

    [Fact]
    public async Task Skills_disclose_names_first_and_load_bodies_on_demand()
    {
        Make(Path.Combine(Home, "skills", "pdf", "SKILL.md"), "---\nname: pdf\ndescription: Work with PDF files\n---\nUse scripts/fill.py to fill forms.");
        Make(Path.Combine(Home, "skills", "pdf", "scripts", "fill.py"), "print('x')");
        Make(Path.Combine(_ctx.Workspace, ".claude", "skills", "deploy", "SKILL.md"), "---\nname: deploy\ndescription: Deploy the app\n---\nRun make deploy.");
        var catalog = SkillCatalog.Load(Home, _ctx.Workspace, projectTrusted: false);

        var section = catalog.PromptSection()!;
        Assert.Contains("- pdf: Work with PDF files", section);
        Assert.Contains("- deploy: Deploy the app", section);
        Assert.DoesNotContain("fill forms", section);

        var tool = new SkillTool(catalog);
        var pdf = await tool.InvokeAsync(JsonDocument.Parse("""{"name":"pdf"}""").RootElement, _ctx.Context, TestContext.Current.CancellationToken);
        Assert.Contains("Use scripts/fill.py to fill forms.", pdf.Content);
        Assert.Contains("Files: scripts/fill.py", pdf.Content);
        Assert.Null(pdf.UntrustedSource);
        var deploy = await tool.InvokeAsync(JsonDocument.Parse("""{"name":"deploy"}""").RootElement, _ctx.Context, TestContext.Current.CancellationToken);
        Assert.Equal("skill deploy from an untrusted project", deploy.UntrustedSource);
        var missing = await tool.InvokeAsync(JsonDocument.Parse("""{"name":"nope"}""").RootElement, _ctx.Context, TestContext.Current.CancellationToken);
        Assert.True(missing.IsError);
        Assert.Contains("Available: deploy, pdf", missing.Content);
    }

    [Fact]
    public void Commands_expand_arguments_and_carry_their_settings()
    {
        Make(Path.Combine(Home, "commands", "review.md"), "---\ndescription: Review a file\nmodel: deepseek/deepseek-chat\nallowed-tools: read_file, shell(git diff *)\n---\nReview $1 carefully. Focus: $ARGUMENTS");
        Make(Path.Combine(_ctx.Workspace, ".wright", "commands", "git", "commit.md"), "Write a commit message.");
        var catalog = CommandCatalog.Load(Home, _ctx.Workspace, projectTrusted: false);

        Assert.True(catalog.TryExpand("/review src/a.cs \"error handling\"", out var review));
        Assert.Equal("Review src/a.cs carefully. Focus: src/a.cs \"error handling\"", review!.Prompt);
        Assert.Equal("deepseek/deepseek-chat", review.Model);
        Assert.Equal(["read_file", "shell(git diff *)"], review.AllowRules);

        Assert.True(catalog.TryExpand("/git:commit be brief", out var commit));
        Assert.Equal("Write a commit message.\n\nbe brief", commit!.Prompt);
        Assert.Empty(commit.AllowRules);

        Assert.False(catalog.TryExpand("/tmp/x is broken", out _));
        Assert.False(catalog.TryExpand("fix the bug", out _));
        var unknown = Assert.Throws<ArgumentException>(() => catalog.TryExpand("/nope", out _));
        Assert.Contains("Available: /git:commit, /review", unknown.Message);
    }
}
