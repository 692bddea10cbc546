using Microsoft.Extensions.AI;
using Wright.Cli.Interactive;
using Wright.Providers.Catalog;

namespace Wright.Tests.Tui;

/// <summary>@image.png and a pasted image path attach the image for models that take images; others are told so.</summary>
public sealed class ImageMentionTests
{
    /// <summary>A 1×1 PNG.</summary>
    internal static readonly byte[] Png = Convert.FromBase64String("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==");

    [Fact]
    public void A_mentioned_image_is_attached_as_data_and_a_model_without_images_gets_a_note()
    {
        var root = Directory.CreateTempSubdirectory("wright-img-").FullName;
        File.WriteAllBytes(Path.Combine(root, "shot.png"), Png);
        File.WriteAllText(Path.Combine(root, "fake.png"), "not an image");
        var mentions = new FileMentions(root);

        var (prompt, notes) = mentions.Attach("what is @shot.png and @fake.png?", null, [], out var images);
        var image = Assert.IsType<DataContent>(Assert.Single(images));
        Assert.Equal("image/png", image.MediaType);
        Assert.Equal(Png, image.Data.ToArray());
        Assert.Contains("attached image shot.png (image/png, 70 bytes)", notes[0].Text);
        // A .png that is not an image is attached as the text it is.
        Assert.Contains("<file path=\"fake.png\">\nnot an image\n</file>", prompt);

        (_, notes) = mentions.Attach("what is @shot.png", "deepseek/deepseek-chat", [], out images);
        Assert.Empty(images);
        Assert.Equal("deepseek/deepseek-chat does not take images; shot.png was not attached (switch with /model)", Assert.Single(notes).Text);
        Assert.True(notes[0].Refused);
    }

    [Fact]
    public void A_pasted_image_path_outside_the_workspace_is_attached_but_a_typed_one_is_refused()
    {
        var root = Directory.CreateTempSubdirectory("wright-img-").FullName;
        var outside = Directory.CreateTempSubdirectory("wright-img-out-").FullName;
        var shot = Path.Combine(outside, "my shot.png");
        File.WriteAllBytes(shot, Png);
        Assert.Equal(shot, LineEditor.PastedImagePath("'" + shot + "'"));
        Assert.Equal(shot, LineEditor.PastedImagePath(shot.Replace(" ", "\\ ", StringComparison.Ordinal) + "\n"));
        Assert.Equal(shot, LineEditor.PastedImagePath(new Uri(shot).AbsoluteUri));
        Assert.Null(LineEditor.PastedImagePath("see " + shot));
        Assert.Null(LineEditor.PastedImagePath(Path.Combine(outside, "missing.png")));

        var mentions = new FileMentions(root);
        var mention = "look @\"" + shot + "\"";
        mentions.Attach(mention, null, [], out var images);
        Assert.Empty(images);
        mentions.Attach(mention, null, [shot], out images);
        Assert.Single(images);
    }

    [Fact]
    public async Task A_pasted_image_path_becomes_a_mention_in_the_entry()
    {
        var outside = Directory.CreateTempSubdirectory("wright-img-out-").FullName;
        var shot = Path.Combine(outside, "shot.png");
        File.WriteAllBytes(shot, Png);
        var keys = new ScriptedKeySource().Type("what is").Paste(shot).Type("?").Enter();
        var editor = new LineEditor(keys, new TerminalOutput(new StringWriter(), () => 80, true, false), new InputHistory(null));
        Assert.Equal("what is @" + shot + " ?", await editor.ReadAsync("› ", TestContext.Current.CancellationToken));
        Assert.Equal([shot], editor.PastedImages);
    }

    [Fact]
    public void The_catalog_says_which_models_take_images()
    {
        Assert.True(ModelCatalog.Find("anthropic", "claude-sonnet-4-5-20250929")!.TakesImages);
        Assert.True(ModelCatalog.Find("openai-chat", "gpt-4.1")!.TakesImages);
        Assert.False(ModelCatalog.Find("deepseek", "deepseek-chat")!.TakesImages);
        Assert.Null(ModelCatalog.Find("ollama", "llava")!.TakesImages);
        Assert.Contains("openai-chat/gpt-4.1", ModelCatalog.AllSpecs);
        Assert.Contains("qwen-cn/qwen3-coder-plus", ModelCatalog.AllSpecs);
    }
}
