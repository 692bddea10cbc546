using System.Text.Json;
using System.Text.RegularExpressions;
using Wright.Cli.Interactive;
using Wright.Tests.Tui;

namespace Wright.Tests.E2E;

/// <summary>
/// The interactive session's live progress, slash menu, model picker, type-ahead, resume recap, rewind, images and
/// first-run setup, through the real binary in tmux (80×30) against aimock.
/// </summary>
public sealed partial class TuiLiveTests
{
    private const string Model = "deepseek/deepseek-chat";

    [Fact]
    public async Task A_running_shell_loop_shows_its_lines_as_they_arrive_in_a_progress_line_drawn_in_place()
    {
        await using var mock = await AimockServer.StartAsync("""
            {"fixtures":[
              {"match":{"userMessage":"run the loop","hasToolResult":false},"response":{"toolCalls":[{"name":"shell","arguments":"{\"command\":\"for i in 1 2 3 4 5 6 7 8; do echo tick-$i; sleep 1; done\"}"}]}},
              {"match":{"userMessage":"run the loop","hasToolResult":true},"response":{"content":"Loop done."}}
            ]}
            """);
        using var wright = new WrightProcess();
        await using var tmux = await Tmux.StartAtPromptAsync(wright, mock, "--model", Model, "--permission-mode", "yolo");
        await tmux.SubmitAsync("run the loop");
        var screen = await tmux.WaitForAsync("│ tick-2");
        Assert.Matches(@"[⠋⠙⠹⠸⠼⠴⠦⠧⠇⠏] shell running… \ds · for i in", screen);
        Assert.DoesNotContain("tick-8", screen);
        Assert.DoesNotContain("✓ shell", screen);
        screen = await tmux.WaitForAsync("│ tick-6");
        Assert.DoesNotContain("tick-8", screen);
        screen = await tmux.WaitForAsync("Loop done.", 30);
        // The progress block was drawn in place: none of it is left on the screen or in the scrollback.
        Assert.DoesNotContain("running…", screen);
        Assert.DoesNotContain("Working…", screen);
        Assert.DoesNotContain("│ tick", screen);
        Assert.Contains("✓ shell", screen);

        // The status line's context figure is /context's.
        await tmux.SubmitAsync("/context");
        screen = await tmux.WaitForAsync("largest items");
        var context = ContextPercent().Match(screen);
        Assert.True(context.Success, screen);
        screen = await tmux.WaitForAsync($"· context {context.Groups[1].Value}% ·");
        Assert.Single(Regex.Matches(screen, @"· ask · |· yolo · "));
    }

    [Theory]
    [InlineData("C.UTF-8", "compact the conversation now", "Deploy the app")]
    [InlineData("zh_CN.UTF-8", "立即压缩对话", "Deploy the app")]
    public async Task Typing_a_slash_shows_commands_custom_commands_and_skills_filtered_as_one_types(string lang, string compact, string deploy)
    {
        await using var mock = await AimockServer.StartAsync("""{"fixtures":[]}""");
        using var wright = new WrightProcess { Environment = { ["LANG"] = lang } };
        Directory.CreateDirectory(Path.Combine(wright.Home, "commands"));
        File.WriteAllText(Path.Combine(wright.Home, "commands", "deploy.md"), "---\ndescription: Deploy the app\n---\nDeploy $ARGUMENTS");
        Directory.CreateDirectory(Path.Combine(wright.Home, "skills", "pdf-tools"));
        File.WriteAllText(Path.Combine(wright.Home, "skills", "pdf-tools", "SKILL.md"), "---\nname: pdf-tools\ndescription: Work with PDF files\n---\nUse pdftotext.");
        await using var tmux = await Tmux.StartAtPromptAsync(wright, mock, "--model", Model);
        await tmux.TypeAsync("/");
        var screen = await tmux.WaitForAsync("› /help");
        Assert.Contains("/compact", screen);
        await tmux.TypeAsync("co");
        screen = await tmux.WaitForAsync(compact);
        Assert.Contains("/context", screen);
        Assert.Contains("/cost", screen);
        Assert.DoesNotMatch(@"[› ] /help  ", screen);
        Assert.All(screen.Split('\n'), row => Assert.True(TextWidth.Of(row) <= 80, row));
        await tmux.KeysAsync("BSpace", "BSpace", "d", "e");
        screen = await tmux.WaitForAsync(deploy);
        await tmux.KeysAsync("BSpace", "BSpace", "p", "d");
        screen = await tmux.WaitForAsync("pdf-tools");
        Assert.Contains("Work with PDF files", screen);

        // Arrows select (compact, cost, context), Tab completes, Enter runs.
        await tmux.KeysAsync("C-u");
        await tmux.TypeAsync("/co");
        await tmux.WaitForAsync("/cost");
        await tmux.KeysAsync("Down", "Down", "Tab");
        await tmux.WaitForAsync("› /context\n");
        await tmux.KeysAsync("Enter");
        await tmux.WaitForAsync(lang.StartsWith("zh", StringComparison.Ordinal) ? "上下文：" : "context: about");
    }

    [Fact]
    public async Task Slash_model_opens_a_picker_over_ready_models_and_continuing_shows_the_last_exchanges_on_that_model()
    {
        await using var mock = await AimockServer.StartAsync("""
            {"fixtures":[
              {"match":{"userMessage":"first"},"response":{"content":"First reply."}},
              {"match":{"userMessage":"second"},"response":{"content":"Second reply, a longer one.\nWith a second line."}},
              {"match":{"userMessage":"third"},"response":{"content":"Third reply."}}
            ]}
            """);
        using var wright = new WrightProcess { Environment = { ["OPENAI_BASE_URL"] = mock.BaseUrl + "/v1", ["OPENAI_API_KEY"] = "k" } };
        await using (var tmux = await Tmux.StartAsync(wright, mock, "--model", Model))
        {
            await tmux.WaitForAsync("\n›");
            await tmux.SubmitAsync("first");
            await tmux.WaitForAsync("First reply.");
            await tmux.SubmitAsync("/model");
            var screen = await tmux.WaitForAsync("Choose a model (now deepseek/deepseek-chat):");
            Assert.Contains("› deepseek/deepseek-chat", screen);
            Assert.DoesNotContain("anthropic/", screen);
            await tmux.TypeAsync("chat/gpt-4.1");
            screen = await tmux.WaitForAsync("filter: chat/gpt-4.1");
            Assert.Contains("openai-chat/gpt-4.1-mini", screen);
            // The catalog lists gpt-4.1-mini first: Down selects gpt-4.1.
            Assert.Matches(@"› openai-chat/gpt-4\.1-mini.*\n  openai-chat/gpt-4\.1 ", screen);
            await tmux.KeysAsync("Down", "Enter");
            await tmux.WaitForAsync("model: openai-chat/gpt-4.1\n");
            await tmux.SubmitAsync("second");
            await tmux.WaitForAsync("With a second line.");
            await tmux.KeysAsync("C-d");
            await tmux.WaitForAsync("[exit 0]");
        }

        var bodies = (await mock.JournalAsync()).EnumerateArray().Where(e => e.GetProperty("path").GetString() == "/v1/chat/completions")
            .Select(e => e.GetProperty("body").GetProperty("model").GetString()).ToList();
        Assert.Equal(["deepseek-chat", "gpt-4.1"], bodies);

        await using (var again = await Tmux.StartAsync(wright, mock, "-c"))
        {
            var screen = await again.WaitForAsync("\n›");
            Assert.Contains("· openai-chat/gpt-4.1 ·", screen);
            Assert.Contains("the conversation so far (last 2 of 2 prompts)", screen);
            Assert.Contains("› first\n  First reply.", screen);
            Assert.Contains("› second\n  Second reply, a longer one.\n  With a second line.", screen);
            await again.SubmitAsync("third");
            await again.WaitForAsync("Third reply.");
        }

        var last = (await mock.JournalAsync()).EnumerateArray().Last(e => e.GetProperty("path").GetString() == "/v1/chat/completions");
        Assert.Equal("gpt-4.1", last.GetProperty("body").GetProperty("model").GetString());
    }

    [Fact]
    public async Task Type_ahead_is_visible_while_the_turn_runs_and_an_Enter_queues_it_for_after_the_turn()
    {
        await using var mock = await AimockServer.StartAsync(LongStory.Fixtures(words: 60, latencyMs: 100, "next question", "Next answer."));
        using var wright = new WrightProcess();
        await using var tmux = await Tmux.StartAtPromptAsync(wright, mock, "--model", Model);
        await tmux.SubmitAsync("long story");
        await tmux.WaitForAsync("word2");
        await tmux.TypeAsync("next question");
        var screen = await tmux.WaitForAsync("› next question (waits in the next prompt)");
        Assert.DoesNotContain("word60", screen);
        Assert.Matches(@"[⠋⠙⠹⠸⠼⠴⠦⠧⠇⠏] Working… \d+s · ↓ \d+ tokens", screen);
        await tmux.KeysAsync("Enter");
        screen = await tmux.WaitForAsync("› next question (queued: sent when this turn ends)");
        Assert.DoesNotContain("word60", screen);
        screen = await tmux.WaitForAsync("Next answer.", 40);
        Assert.Contains("word60", screen);
        Assert.DoesNotContain("(queued", screen);
        var requests = (await mock.JournalAsync()).EnumerateArray().Count(e => e.GetProperty("path").GetString() == "/v1/chat/completions");
        Assert.Equal(2, requests);
    }

    [Fact]
    public async Task Rewind_numbers_checkpoints_by_prompt_and_asks_before_it_restores()
    {
        await using var mock = await AimockServer.StartAsync("""
            {"fixtures":[
              {"match":{"userMessage":"make a","hasToolResult":false},"response":{"toolCalls":[{"name":"write_file","arguments":"{\"path\":\"a.txt\",\"content\":\"a\"}"}]}},
              {"match":{"userMessage":"make a","hasToolResult":true},"response":{"content":"Made a."}},
              {"match":{"userMessage":"make b","hasToolResult":false},"response":{"toolCalls":[{"name":"write_file","arguments":"{\"path\":\"b.txt\",\"content\":\"b\"}"}]}},
              {"match":{"userMessage":"make b","hasToolResult":true},"response":{"content":"Made b."}}
            ]}
            """);
        using var wright = new WrightProcess();
        await using var tmux = await Tmux.StartAtPromptAsync(wright, mock, "--model", Model, "--permission-mode", "accept-edits");
        await tmux.SubmitAsync("make a");
        await tmux.WaitForAsync("Made a.");
        await tmux.SubmitAsync("make b");
        await tmux.WaitForAsync("Made b.");
        await tmux.SubmitAsync("/rewind ");
        var screen = await tmux.WaitForAsync("restores the files");
        Assert.Matches(@"\n    1  \d\d:\d\d:\d\d  make a\n    2  \d\d:\d\d:\d\d  make b\n", screen);
        await tmux.SubmitAsync("/rewind 2");
        screen = await tmux.WaitForAsync("[y/N]");
        Assert.Contains("before prompt 2 (\"make b\")?", screen);
        await tmux.TypeAsync("n");
        await tmux.WaitForAsync("Nothing was restored.");
        Assert.True(File.Exists(wright.File("b.txt")));
        await tmux.SubmitAsync("/rewind 2");
        await tmux.WaitForAsync("[y/N]", 10);
        await tmux.TypeAsync("y");
        await tmux.WaitForAsync("Restored to before prompt 2");
        Assert.False(File.Exists(wright.File("b.txt")));
        Assert.True(File.Exists(wright.File("a.txt")));
    }

    [Fact]
    public async Task An_image_mention_and_a_pasted_image_path_reach_the_OpenAI_request_and_a_text_model_says_no()
    {
        await using var mock = await AimockServer.StartAsync("""
            {"fixtures":[
              {"match":{"userMessage":"what is in"},"response":{"content":"A tiny image."}},
              {"match":{"userMessage":"and in"},"response":{"content":"Another tiny image."}},
              {"match":{"userMessage":"describe"},"response":{"content":"I cannot see images."}}
            ]}
            """);
        using var wright = new WrightProcess { Environment = { ["OPENAI_BASE_URL"] = mock.BaseUrl + "/v1", ["OPENAI_API_KEY"] = "k" } };
        File.WriteAllBytes(wright.File("shot.png"), ImageMentionTests.Png);
        var outside = Path.Combine(wright.Root, "dropped.png");
        File.WriteAllBytes(outside, ImageMentionTests.Png);
        await using var tmux = await Tmux.StartAtPromptAsync(wright, mock, "--model", "openai-chat/gpt-4.1");
        await tmux.SubmitAsync("what is in @shot.png");
        var screen = await tmux.WaitForAsync("A tiny image.");
        Assert.Contains("attached image shot.png (image/png, 70 bytes)", screen);
        await tmux.TypeAsync("and in ");
        await tmux.PasteAsync(outside);
        await tmux.WaitForAsync("@" + outside);
        await tmux.KeysAsync("Enter");
        await tmux.WaitForAsync("Another tiny image.");

        var requests = (await mock.JournalAsync()).EnumerateArray().Where(e => e.GetProperty("path").GetString() == "/v1/chat/completions")
            .Select(e => e.GetProperty("body")).ToList();
        Assert.Equal(2, requests.Count);
        foreach (var body in requests)
        {
            var content = body.GetProperty("messages").EnumerateArray().Last().GetProperty("content");
            var image = content.EnumerateArray().Single(p => p.GetProperty("type").GetString() == "image_url");
            Assert.Equal("data:image/png;base64," + Convert.ToBase64String(ImageMentionTests.Png), image.GetProperty("image_url").GetProperty("url").GetString());
        }

        await tmux.SubmitAsync("/model deepseek/deepseek-chat");
        await tmux.WaitForAsync("model: deepseek/deepseek-chat");
        await tmux.SubmitAsync("describe @shot.png");
        screen = await tmux.WaitForAsync("I cannot see images.");
        Assert.Contains("deepseek/deepseek-chat does not take images; shot.png was not attached", screen);
        var last = (await mock.JournalAsync()).EnumerateArray().Last(e => e.GetProperty("path").GetString() == "/v1/chat/completions");
        Assert.Equal(JsonValueKind.String, last.GetProperty("body").GetProperty("messages").EnumerateArray().Last().GetProperty("content").ValueKind);
    }

    [Fact]
    public async Task An_image_reaches_the_Anthropic_request_as_a_base64_image_block()
    {
        await using var mock = await AimockServer.StartAsync("""
            {"fixtures":[{"match":{"userMessage":"what is in"},"response":{"content":"A tiny image."}}]}
            """);
        // aimock's journal keeps an Anthropic request converted to its own (text-only) form: the proxy keeps the bytes sent.
        using var proxy = new RecordingProxy(mock.BaseUrl);
        using var wright = new WrightProcess { Environment = { ["ANTHROPIC_BASE_URL"] = proxy.BaseUrl, ["ANTHROPIC_API_KEY"] = "k" } };
        File.WriteAllBytes(wright.File("shot.png"), ImageMentionTests.Png);
        await using var tmux = await Tmux.StartAtPromptAsync(wright, mock, "--model", "anthropic/claude-sonnet-4-5");
        await tmux.SubmitAsync("what is in @shot.png");
        await tmux.WaitForAsync("A tiny image.");
        Assert.Single((await mock.JournalAsync()).EnumerateArray(), e => e.GetProperty("path").GetString() == "/v1/messages");
        var body = proxy.Requests.Single(r => r.Path == "/v1/messages").Body;
        var blocks = body.GetProperty("messages").EnumerateArray().Last().GetProperty("content").EnumerateArray().ToList();
        var image = blocks.Single(b => b.GetProperty("type").GetString() == "image").GetProperty("source");
        Assert.Equal("base64", image.GetProperty("type").GetString());
        Assert.Equal("image/png", image.GetProperty("media_type").GetString());
        Assert.Equal(Convert.ToBase64String(ImageMentionTests.Png), image.GetProperty("data").GetString());
    }

    [Theory]
    [InlineData("C.UTF-8", "1/3 Choose a provider:", "running here, 1 models", "Done: moonshot/kimi-k2")]
    [InlineData("zh_CN.UTF-8", "1/3 选择提供方：", "正在本机运行，1 个模型", "完成：moonshot/kimi-k2")]
    public async Task The_first_run_sets_up_provider_key_and_model_in_the_terminal_then_the_session_starts(string lang, string pick, string local, string done)
    {
        await using var mock = await AimockServer.StartAsync("""
            {"fixtures":[{"match":{"userMessage":"hello","model":"qwen3-coder"},"response":{"content":"Local hello."}},
                         {"match":{"userMessage":"hello"},"response":{"content":"Hi from Kimi."}}]}
            """);
        // aimock's journal hides the authorization header: the proxy keeps it.
        using var proxy = new RecordingProxy(mock.BaseUrl);
        using var wright = new WrightProcess
        {
            Environment = { ["LANG"] = lang, ["OLLAMA_BASE_URL"] = mock.BaseUrl + "/v1", ["MOONSHOT_BASE_URL"] = proxy.BaseUrl + "/v1", ["LMSTUDIO_BASE_URL"] = "http://127.0.0.1:9/v1" },
        };
        await using var tmux = await Tmux.StartAsync(wright, mock);
        var screen = await tmux.WaitForAsync(pick);
        // The local server that answered is offered first.
        Assert.Matches(@"› ollama +" + Regex.Escape(local), screen);
        Assert.All(screen.Split('\n'), row => Assert.True(TextWidth.Of(row) <= 80, row));
        await tmux.TypeAsync("moonshot");
        await tmux.WaitForAsync("› moonshot");
        await tmux.KeysAsync("Enter");
        await tmux.WaitForAsync("$MOONSHOT_API_KEY");
        await tmux.PasteAsync("sk-first-run-key");
        await tmux.WaitForAsync("› ••••••••••••••••");
        await tmux.KeysAsync("Enter");
        await tmux.WaitForAsync("kimi-k2");
        await tmux.KeysAsync("Enter");
        screen = await tmux.WaitForAsync(done);
        await tmux.WaitForAsync("\n›");
        Assert.DoesNotContain("sk-first-run-key", await tmux.ScreenAsync());
        var credentials = Path.Combine(wright.Home, "credentials.json");
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(credentials));
        Assert.Contains("\"MOONSHOT_API_KEY\": \"sk-first-run-key\"", File.ReadAllText(credentials));
        Assert.Contains("\"model\": \"moonshot/kimi-k2\"", File.ReadAllText(Path.Combine(wright.Home, "config.json")));

        await tmux.SubmitAsync("hello");
        await tmux.WaitForAsync("Hi from Kimi.");
        var request = proxy.Requests.Last(r => r.Path == "/v1/chat/completions");
        Assert.Equal("kimi-k2", request.Body.GetProperty("model").GetString());
        Assert.Equal("Bearer sk-first-run-key", request.Headers["authorization"]);
        await tmux.KeysAsync("C-d");
        await tmux.WaitForAsync("[exit 0]");

        // The next start needs no setup.
        await using var again = await Tmux.StartAsync(wright, mock);
        screen = await again.WaitForAsync("\n›");
        Assert.Contains("moonshot/kimi-k2", screen);
        Assert.DoesNotContain(pick, screen);
    }

    [GeneratedRegex(@"context: about [\d,]+ of [\d,]+ tokens \((\d+)%\)")]
    private static partial Regex ContextPercent();
}
