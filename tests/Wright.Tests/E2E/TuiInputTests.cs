using System.Text.Json;

namespace Wright.Tests.E2E;

/// <summary>The interactive session's input (paste, @path, !cmd, type-ahead, history) through the real binary in tmux.</summary>
public sealed class TuiInputTests
{
    private const string Model = "deepseek/deepseek-chat";

    private static async Task<List<JsonElement>> RequestsAsync(AimockServer mock) =>
        [.. (await mock.JournalAsync()).EnumerateArray().Where(e => e.GetProperty("path").GetString() == "/v1/chat/completions")
            .Select(e => e.GetProperty("body"))];

    private static List<string> Contents(JsonElement body) =>
        [.. body.GetProperty("messages").EnumerateArray()
            .Select(m => m.TryGetProperty("content", out var c) && c.ValueKind == JsonValueKind.String ? c.GetString()! : "")];

    [Fact]
    public async Task A_large_bracketed_paste_shows_a_placeholder_and_the_model_gets_every_line()
    {
        await using var mock = await AimockServer.StartAsync("""
            {"fixtures":[{"match":{"userMessage":"summarize:"},"response":{"content":"Summary done."}}]}
            """);
        using var wright = new WrightProcess();
        await using var tmux = await Tmux.StartAtPromptAsync(wright, mock, "--model", Model);
        // A small paste goes in inline, and its new line does not send.
        await tmux.PasteAsync("short one\nshort two");
        var screen = await tmux.WaitForAsync("short two");
        Assert.Contains("› short one\n  short two", screen);
        Assert.Empty(await RequestsAsync(mock));
        await tmux.KeysAsync("C-c");
        await tmux.TypeAsync("summarize: ");
        var pasted = string.Join("\n", Enumerable.Range(1, 50).Select(i => $"pasted line {i:00}"));
        await tmux.PasteAsync(pasted);
        screen = await tmux.WaitForAsync("[Pasted text #1 +50 lines]");
        Assert.Contains("› summarize: [Pasted text #1 +50 lines]", screen);
        Assert.DoesNotContain("pasted line 25", screen);
        await tmux.KeysAsync("Enter");
        await tmux.WaitForAsync("Summary done.");
        var requests = await RequestsAsync(mock);
        Assert.Single(requests);
        Assert.Equal("summarize: " + pasted, Contents(requests[0])[^1]);
        Assert.Contains("pasted line 50", File.ReadAllText(Path.Combine(wright.Home, "history")));
    }

    [Fact]
    public async Task Tab_completes_at_mentions_and_the_mentioned_files_are_attached_but_nothing_outside()
    {
        await using var mock = await AimockServer.StartAsync("""
            {"fixtures":[{"match":{"userMessage":"explain"},"response":{"content":"Explained."}}]}
            """);
        using var wright = new WrightProcess();
        Directory.CreateDirectory(wright.File("src"));
        File.WriteAllText(wright.File("src/alpha.cs"), "class Alpha { } // ALPHA_CONTENT\n");
        File.WriteAllText(wright.File("src/alpine.cs"), "class Alpine { }\n");
        File.WriteAllText(wright.File("my notes.md"), "NOTES_CONTENT\n");
        File.WriteAllText(Path.Combine(wright.Root, "outside.txt"), "SECRET_CONTENT\n");
        await using var tmux = await Tmux.StartAtPromptAsync(wright, mock, "--model", Model);
        await tmux.TypeAsync("explain @sr");
        await tmux.KeysAsync("Tab");
        await tmux.WaitForAsync("› explain @src/");
        await tmux.TypeAsync("al");
        await tmux.KeysAsync("Tab");
        await tmux.WaitForAsync("alpha.cs  alpine.cs");
        await tmux.WaitForAsync("› explain @src/alp");
        await tmux.TypeAsync("ha");
        await tmux.KeysAsync("Tab");
        await tmux.TypeAsync("and @my");
        await tmux.KeysAsync("Tab");
        await tmux.TypeAsync("not @../outside.txt");
        await tmux.WaitForAsync("› explain @src/alpha.cs and @\"my notes.md\" not @../outside.txt");
        await tmux.KeysAsync("Enter");
        var screen = await tmux.WaitForAsync("Explained.");
        Assert.Contains("attached src/alpha.cs (33 bytes)", screen);
        Assert.Contains("attached my notes.md", screen);
        Assert.Contains("@../outside.txt is outside the workspace; not attached", screen);
        var prompt = Contents((await RequestsAsync(mock))[^1])[^1];
        Assert.StartsWith("explain @src/alpha.cs and @\"my notes.md\" not @../outside.txt\n\n<file path=\"src/alpha.cs\">\nclass Alpha", prompt);
        Assert.Contains("<file path=\"my notes.md\">\nNOTES_CONTENT\n</file>", prompt);
        Assert.DoesNotContain("SECRET_CONTENT", prompt);
    }

    [Fact]
    public async Task At_mentions_follow_the_workspace_of_a_resumed_session()
    {
        await using var mock = await AimockServer.StartAsync("""
            {"fixtures":[{"match":{"userMessage":"start"},"response":{"content":"Started."}}]}
            """);
        using var wright = new WrightProcess { Environment = { ["DEEPSEEK_BASE_URL"] = mock.BaseUrl + "/v1", ["DEEPSEEK_API_KEY"] = "k" } };
        var other = Path.Combine(wright.Root, "other");
        Directory.CreateDirectory(other);
        File.WriteAllText(Path.Combine(other, "elsewhere.md"), "x");
        File.WriteAllText(wright.File("here.md"), "x");
        var first = await wright.RunAsync("-p", "start", "--model", Model, "--cwd", other, "--output-format", "json");
        Assert.True(first.ExitCode == 0, first.ToString());
        var id = first.Result.GetProperty("session_id").GetString()!;

        await using var tmux = await Tmux.StartAtPromptAsync(wright, mock, "--model", Model);
        await tmux.SubmitAsync("/resume " + id);
        await tmux.WaitForAsync("Resumed session");
        await tmux.TypeAsync("see @el");
        await tmux.KeysAsync("Tab");
        await tmux.WaitForAsync("› see @elsewhere.md");
    }

    [Fact]
    public async Task A_bang_command_runs_in_the_workspace_and_the_model_sees_it_and_esc_cancels_one()
    {
        await using var mock = await AimockServer.StartAsync("""
            {"fixtures":[{"match":{"userMessage":"what happened"},"response":{"content":"It said hi."}}]}
            """);
        using var wright = new WrightProcess();
        File.WriteAllText(wright.File("marker.txt"), "in-the-workspace");
        await using var tmux = await Tmux.StartAtPromptAsync(wright, mock, "--model", Model);
        await tmux.TypeAsync("!echo shell-said-hi; cat marker.txt; exit 3");
        await tmux.KeysAsync("Enter");
        // (The prompt line itself ends in "exit 3".)
        await tmux.WaitForAsync("shell-said-hi\nin-the-workspace\nexit 3\n");
        Assert.Empty(await RequestsAsync(mock));

        await tmux.TypeAsync("!sleep 30; echo never");
        await tmux.KeysAsync("Enter");
        await Task.Delay(500, TestContext.Current.CancellationToken);
        await tmux.KeysAsync("Escape");
        var screen = await tmux.WaitForAsync("exit cancelled");
        Assert.DoesNotContain("never", screen.Replace("echo never", "", StringComparison.Ordinal));

        await tmux.SubmitAsync("what happened");
        await tmux.WaitForAsync("It said hi.");
        var contents = Contents((await RequestsAsync(mock))[^1]);
        Assert.Equal("what happened", contents[^1]);
        Assert.Contains(contents, c => c.StartsWith("$ echo shell-said-hi; cat marker.txt; exit 3\n(I ran this command myself", StringComparison.Ordinal)
            && c.Contains("<output exit_code=\"3\">\nshell-said-hi\nin-the-workspace\n</output>", StringComparison.Ordinal));
        Assert.Contains(contents, c => c.Contains("$ sleep 30; echo never", StringComparison.Ordinal) && c.Contains("exit_code=\"cancelled\"", StringComparison.Ordinal));
        // A session begun with a command is titled by it.
        using var store = global::Wright.Sessions.Store.SessionStore.Open(Path.Combine(wright.Home, "wright.db"));
        Assert.Equal("$ echo shell-said-hi; cat marker.txt; exit 3", Assert.Single(store.List()).Title);
    }

    [Fact]
    public async Task Keys_typed_during_a_turn_wait_in_the_next_prompt_and_history_survives_a_restart()
    {
        await using var mock = await AimockServer.StartAsync(LongStory.Fixtures(words: 30, latencyMs: 60, "next question", "Next answer."));
        using var wright = new WrightProcess();
        await using (var tmux = await Tmux.StartAsync(wright, mock, "--model", Model))
        {
            await tmux.WaitForAsync("\n›");
            await tmux.SubmitAsync("long story");
            await tmux.WaitForAsync("word2");
            await tmux.TypeAsync("next question");
            // Shown under the progress while the turn runs, then waiting in the next prompt.
            await tmux.WaitForAsync("› next question (waits in the next prompt)", 30);
            await tmux.WaitForAsync("word30", 30);
            var screen = await tmux.WaitForAsync("› next question\n", 30);
            Assert.DoesNotContain("(waits in the next prompt)", screen);
            Assert.Single(await RequestsAsync(mock));
            await tmux.KeysAsync("Enter");
            await tmux.WaitForAsync("Next answer.");
            Assert.Equal("next question", Contents((await RequestsAsync(mock))[^1])[^1]);
            await tmux.KeysAsync("C-d");
            await tmux.WaitForAsync("[exit 0]");
        }

        await using var again = await Tmux.StartAtPromptAsync(wright, mock, "--model", Model);
        await again.KeysAsync("Up");
        await again.WaitForAsync("› next question");
        await again.KeysAsync("Up");
        await again.WaitForAsync("› long story");
        await again.KeysAsync("C-c");
        await again.KeysAsync("C-c");
        await again.WaitForAsync("Ctrl-C again");
        await again.KeysAsync("C-c");
        await again.WaitForAsync("[exit 0]");
    }

    [Fact]
    public async Task Esc_interrupts_and_what_was_typed_or_pasted_meanwhile_waits_in_the_prompt()
    {
        await using var mock = await AimockServer.StartAsync(LongStory.Fixtures(words: 400, latencyMs: 150, "keep this", "Kept it."));
        using var wright = new WrightProcess();
        await using var tmux = await Tmux.StartAtPromptAsync(wright, mock, "--model", Model);
        await tmux.SubmitAsync("long story");
        await tmux.WaitForAsync("word2");
        await tmux.TypeAsync("keep this ");
        // Bracketed paste is off while a turn runs: the terminal sends the paste as keys, and its new line is kept.
        await tmux.PasteAsync("pasted a\npasted b");
        await Task.Delay(300, TestContext.Current.CancellationToken);
        await tmux.KeysAsync("Escape");
        var screen = await tmux.WaitForAsync("› keep this pasted a\n  pasted b");
        Assert.Contains("Interrupted.", screen);
        Assert.DoesNotContain("word400", screen);
        Assert.Single(await RequestsAsync(mock));
        await tmux.KeysAsync("Enter");
        await tmux.WaitForAsync("Kept it.");
        Assert.Equal("keep this pasted a\npasted b", Contents((await RequestsAsync(mock))[^1])[^1]);
    }
}
