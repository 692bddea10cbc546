using System.Text.Json;
using Microsoft.Playwright;
using Wright.Tests.E2E;
using Wright.Tests.Support;

namespace Wright.Tests.Server;

/// <summary>
/// The dashboard in a real browser: create a task in the form, watch it stream, answer its approval, review the diff,
/// apply it; a model answer with markup stays text. Screenshots go to <c>.test-results/screenshots</c>.
/// </summary>
public sealed class DashboardBrowserTests(BrowserFixture browser) : IClassFixture<BrowserFixture>
{
    private const string Fixtures = """
        {"fixtures":[
          {"match":{"userMessage":"make hello","hasToolResult":false},"response":{"toolCalls":[{"name":"write_file","arguments":"{\"path\":\"hello.txt\",\"content\":\"hello\\n\"}"}]}},
          {"match":{"userMessage":"make hello","hasToolResult":true},"response":{"content":"Created **hello.txt** for you."}},
          {"match":{"userMessage":"best of two","hasToolResult":false,"sequenceIndex":0},"response":{"toolCalls":[{"name":"write_file","arguments":"{\"path\":\"a.txt\",\"content\":\"first\\n\"}"}]}},
          {"match":{"userMessage":"best of two","hasToolResult":false,"sequenceIndex":1},"response":{"toolCalls":[{"name":"write_file","arguments":"{\"path\":\"b.txt\",\"content\":\"second\\nline\\n\"}"}]}},
          {"match":{"userMessage":"best of two","hasToolResult":true},"response":{"content":"Done."}},
          {"match":{"userMessage":"polish it"},"response":{"content":"Polished."}},
          {"match":{"userMessage":"xss"},"response":{"content":"<script>window.pwned=1</script><img src=x onerror=\"window.pwned=2\"> `<b>bold?</b>` done"}}
        ]}
        """;

    private static readonly string Shots = Path.Combine(NodePackages.RepoRoot, ".test-results", "screenshots");

    /// <summary>
    /// Opens the dashboard (through the <c>?token=</c> link) in a fresh context and runs <paramref name="steps"/>. Every
    /// run records a Playwright trace, the console, page errors and failed requests; a failure saves a screenshot and
    /// the trace (<c>.test-results/screenshots/NAME-failure.png</c>, <c>NAME-trace.zip</c>) and reports the log and the
    /// server's stderr. A page error (an exception in the dashboard's script) fails the test.
    /// </summary>
    private async Task InPageAsync(ServeProcess server, string name, int width, ColorScheme scheme, Func<IPage, Task> steps)
    {
        Directory.CreateDirectory(Shots);
        var context = await browser.Browser.NewContextAsync(new BrowserNewContextOptions
        {
            ViewportSize = new ViewportSize { Width = width, Height = 900 },
            ColorScheme = scheme,
        });
        context.SetDefaultTimeout(30_000);
        await context.Tracing.StartAsync(new TracingStartOptions { Screenshots = true, Snapshots = true });
        var page = await context.NewPageAsync();
        var log = new List<string>();
        var errors = new List<string>();
        void Log(string line)
        {
            lock (log)
                log.Add(DateTime.UtcNow.ToString("HH:mm:ss.fff", System.Globalization.CultureInfo.InvariantCulture) + " " + line);
        }

        page.Console += (_, m) => Log($"console.{m.Type}: {m.Text}");
        page.PageError += (_, e) =>
        {
            Log("pageerror: " + e);
            lock (errors)
                errors.Add(e);
        };
        page.RequestFailed += (_, r) => Log($"requestfailed: {r.Method} {r.Url} {r.Failure}");
        page.Response += (_, r) => Log($"{r.Status} {r.Request.Method} {r.Url}");
        try
        {
            await page.GotoAsync(server.Url + "?token=" + server.Token);
            Assert.Equal(server.Url.ToString(), page.Url.Split('#')[0]); // the token left the address bar
            await steps(page);
            lock (errors)
                Assert.Empty(errors);
            await context.Tracing.StopAsync();
        }
        catch (Exception e)
        {
            try
            {
                await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(Shots, name + "-failure.png"), FullPage = true, Timeout = 10_000 });
                await context.Tracing.StopAsync(new TracingStopOptions { Path = Path.Combine(Shots, name + "-trace.zip") });
            }
            catch (PlaywrightException)
            {
                // What could be saved was.
            }

            string lines;
            lock (log)
                lines = string.Join('\n', log);
            throw new InvalidOperationException($"{e.Message}\n--- browser log ---\n{lines}\n--- wright serve stderr ---\n{server.Stderr}", e);
        }
        finally
        {
            await context.CloseAsync();
        }
    }

    [Fact]
    public async Task Create_watch_approve_review_and_apply_a_task_at_phone_width_in_dark_mode()
    {
        await using var mock = await AimockServer.StartAsync(Fixtures);
        using var wright = new WrightProcess { Environment = { ["DEEPSEEK_BASE_URL"] = mock.BaseUrl + "/v1", ["DEEPSEEK_API_KEY"] = "k" } };
        var repo = Path.Combine(wright.Workspace, "demo");
        GitRepo.Init(repo);
        await using var server = await ServeProcess.StartAsync(wright, "--repo-root", wright.Workspace);
        await InPageAsync(server, "approval-flow", 390, ColorScheme.Dark, async page =>
        {
            await page.ClickAsync("#new-task");
            await page.FillAsync("#prompt", "make hello");
            await page.FillAsync("#repo", repo);
            await page.FillAsync("#model", "deepseek/deepseek-chat");
            await page.SelectOptionAsync("#mode", "ask");
            await page.ClickAsync("#submit");

            // The approval appears on the task page; answering it resumes the attempt.
            await page.WaitForSelectorAsync(".approval .approve-yes");
            Assert.Contains("write_file", await page.InnerTextAsync(".approval"));
            Assert.Equal("waiting_approval", await page.GetAttributeAsync("#task-status", "data-status"));
            await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(Shots, "task-approval-phone-dark.png"), FullPage = true });
            await page.ClickAsync(".approval .approve-yes");
            await page.WaitForFunctionAsync("() => document.querySelector('#task-status')?.dataset.status === 'succeeded'");
            Assert.Equal(0, await page.Locator(".approval").CountAsync());
            await page.WaitForSelectorAsync(".transcript details.tool");
            await page.WaitForFunctionAsync("() => document.querySelector('.transcript')?.textContent.includes('for you.')");
            Assert.Contains("Created hello.txt for you.", await page.InnerTextAsync(".transcript"));
            Assert.Equal("hello.txt", await page.InnerTextAsync(".transcript strong"));

            // The diff: file list with stats, unified and side by side.
            await page.WaitForSelectorAsync("#diff .files li");
            Assert.Contains("hello.txt", await page.InnerTextAsync("#diff .files"));
            Assert.Contains("+hello", await page.InnerTextAsync("#diff pre"));
            await page.ClickAsync("#show-split");
            await page.WaitForSelectorAsync("#diff table td.add");
            var width = await page.EvaluateAsync<int>("() => document.documentElement.scrollWidth");
            Assert.True(width <= 390, $"the page scrolls sideways at phone width ({width}px)");
            await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(Shots, "task-page-phone-dark.png"), FullPage = true });

            await page.ClickAsync("#apply-button");
            await page.WaitForFunctionAsync("() => document.querySelector('#apply-result')?.textContent.startsWith('merged')");
            Assert.Equal("hello\n", File.ReadAllText(Path.Combine(repo, "hello.txt")));

            await page.GotoAsync(server.Url.ToString());
            await page.WaitForSelectorAsync("#board .column[data-status=succeeded] .task-card");
            await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(Shots, "board-phone-dark.png"), FullPage = true });
        });
    }

    [Fact]
    public async Task A_model_answer_with_script_and_onerror_markup_is_shown_as_text_and_runs_nothing()
    {
        await using var mock = await AimockServer.StartAsync(Fixtures);
        using var wright = new WrightProcess { Environment = { ["DEEPSEEK_BASE_URL"] = mock.BaseUrl + "/v1", ["DEEPSEEK_API_KEY"] = "k" } };
        var repo = Path.Combine(wright.Workspace, "demo");
        GitRepo.Init(repo);
        await using var server = await ServeProcess.StartAsync(wright, "--repo-root", wright.Workspace);
        var task = await server.CreateAsync($$"""{"prompt":"xss <img src=x onerror=window.pwned=3>","repo":{{JsonSerializer.Serialize(repo, TestJson.Default.String)}},"model":"deepseek/deepseek-chat"}""");
        var id = task.GetProperty("id").GetString()!;
        await server.WaitStatusAsync(id, "succeeded");
        await InPageAsync(server, "xss", 1280, ColorScheme.Light, async page =>
        {
            await page.WaitForSelectorAsync("#board .task-card");
            await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(Shots, "board-desktop-light.png"), FullPage = true });
            await page.ClickAsync($"#board .task-card[data-id='{id}']");
            await page.WaitForFunctionAsync("() => document.querySelector('.transcript')?.textContent.includes('done')");
            var text = await page.InnerTextAsync(".transcript");
            Assert.Contains("<script>window.pwned=1</script>", text);
            Assert.Contains("<img src=x onerror=\"window.pwned=2\">", text);
            Assert.Contains("<img src=x onerror=window.pwned=3>", await page.InnerTextAsync("#task-header"));
            Assert.Equal(0, await page.Locator("main script, main img").CountAsync());
            Assert.Null(await page.EvaluateAsync<int?>("() => window.pwned ?? null"));
            await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(Shots, "task-page-desktop-light.png"), FullPage = true });
        });
    }

    [Fact]
    public async Task The_attempts_of_a_best_of_two_task_are_compared_and_one_gets_a_follow_up()
    {
        await using var mock = await AimockServer.StartAsync(Fixtures);
        using var wright = new WrightProcess { Environment = { ["DEEPSEEK_BASE_URL"] = mock.BaseUrl + "/v1", ["DEEPSEEK_API_KEY"] = "k" } };
        var repo = Path.Combine(wright.Workspace, "demo");
        GitRepo.Init(repo);
        await using var server = await ServeProcess.StartAsync(wright, "--repo-root", wright.Workspace, "--max-parallel", "2");
        var task = await server.CreateAsync($$"""{"prompt":"best of two","attempts":2,"repo":{{JsonSerializer.Serialize(repo, TestJson.Default.String)}},"model":"deepseek/deepseek-chat"}""");
        var id = task.GetProperty("id").GetString()!;
        await server.WaitStatusAsync(id, "succeeded");
        await InPageAsync(server, "compare", 1280, ColorScheme.Dark, async page =>
        {
            await page.GotoAsync(server.Url + "#/task/" + id);
            // One row per attempt with what it changed: the two attempts wrote different files.
            await page.WaitForFunctionAsync("() => [...document.querySelectorAll('#compare tr[data-attempt] td:nth-child(3)')].filter(td => td.textContent.endsWith('.txt')).length === 2");
            var files = await page.Locator("#compare tr[data-attempt] td:nth-child(3)").AllInnerTextsAsync();
            Assert.Equal(["a.txt", "b.txt"], files.Order());
            var lines = await page.Locator("#compare tr[data-attempt] td:nth-child(4)").AllInnerTextsAsync();
            Assert.Equal(["+1 −0", "+2 −0"], lines.Order());
            await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(Shots, "compare-desktop-dark.png"), FullPage = true });

            // Pick attempt 2 from the comparison and follow it up: the same session goes on.
            await page.ClickAsync("#compare tr[data-attempt='2'] button.link");
            await page.WaitForSelectorAsync("#compare tr.selected[data-attempt='2']");
            await page.FillAsync("#follow-message", "polish it");
            await page.ClickAsync("#follow-up button[type=submit]");
            await page.WaitForFunctionAsync("() => document.querySelector('.transcript[data-attempt=\"2\"]')?.textContent.includes('Polished.')");
            await page.WaitForFunctionAsync("() => document.querySelector('#task-status')?.dataset.status === 'succeeded'");
        });
        var after = await server.GetJsonAsync("/api/tasks/" + id);
        Assert.Equal("Polished.", after.GetProperty("attempts")[1].GetProperty("result").GetString());
        Assert.Equal("Done.", after.GetProperty("attempts")[0].GetProperty("result").GetString());
    }

    [Fact]
    public async Task The_setup_script_is_drawn_as_it_runs_with_its_exit_status_and_a_failure_is_marked()
    {
        await using var mock = await AimockServer.StartAsync(Fixtures);
        using var wright = new WrightProcess { Environment = { ["DEEPSEEK_BASE_URL"] = mock.BaseUrl + "/v1", ["DEEPSEEK_API_KEY"] = "k" } };
        // The first line is shown before the script goes on: it waits (at most 30 s) for the test to drop a file.
        var slow = await TrustedSetupRepoAsync(wright, "slow", "echo 'installing deps'\nfor i in $(seq 300); do [ -e go ] && break; sleep 0.1; done\necho 'ready <b>now</b>'\n");
        var failing = await TrustedSetupRepoAsync(wright, "failing", "echo 'compiling…'\necho 'boom' >&2\nexit 3\n");
        await using var server = await ServeProcess.StartAsync(wright, "--repo-root", wright.Workspace);
        var id = (await server.CreateAsync(Body("polish it", slow))).GetProperty("id").GetString()!;
        await InPageAsync(server, "setup", 1280, ColorScheme.Light, async page =>
        {
            await page.GotoAsync(server.Url + "#/task/" + id);
            await page.WaitForFunctionAsync("() => document.querySelector('.setup .setup-output')?.textContent === 'installing deps'");
            Assert.Equal("running", await page.GetAttributeAsync(".setup", "data-state"));
            Assert.Contains("Setup: .wright/setup.sh", await page.InnerTextAsync(".setup summary"));
            var worktree = (await server.GetJsonAsync("/api/tasks/" + id)).GetProperty("attempts")[0].GetProperty("worktree").GetString()!;
            await File.WriteAllTextAsync(Path.Combine(worktree, "go"), "", TestContext.Current.CancellationToken);
            await page.WaitForSelectorAsync(".setup[data-state=succeeded]");
            Assert.Equal("installing deps\nready <b>now</b>", await page.TextContentAsync(".setup .setup-output"));
            Assert.Equal("finished (exit 0)", await page.InnerTextAsync(".setup .setup-status"));
            await page.WaitForFunctionAsync("() => document.querySelector('.transcript')?.textContent.includes('Polished.')");

            var failed = (await server.CreateAsync(Body("polish it", failing))).GetProperty("id").GetString()!;
            await page.GotoAsync(server.Url + "#/task/" + failed);
            await page.WaitForSelectorAsync(".setup[data-state=failed] .setup-status[role=alert]");
            Assert.Equal("failed: exit 3", await page.InnerTextAsync(".setup .setup-status"));
            Assert.Equal("compiling…\nboom", await page.TextContentAsync(".setup .setup-output"));
            await page.WaitForFunctionAsync("() => document.querySelector('#task-status')?.dataset.status === 'failed'");
            Assert.Contains("setup.sh exited with 3", await page.InnerTextAsync(".tabs"));
            await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(Shots, "setup-failed-desktop-light.png"), FullPage = true });
        });
    }

    [Fact]
    public async Task With_WRIGHT_LANG_zh_the_dashboard_speaks_chinese()
    {
        await using var mock = await AimockServer.StartAsync(Fixtures);
        using var wright = new WrightProcess
        {
            Environment = { ["DEEPSEEK_BASE_URL"] = mock.BaseUrl + "/v1", ["DEEPSEEK_API_KEY"] = "k", ["WRIGHT_LANG"] = "zh-CN" },
        };
        var failing = await TrustedSetupRepoAsync(wright, "failing", "echo 'boom'\nexit 2\n");
        await using var server = await ServeProcess.StartAsync(wright, "--repo-root", wright.Workspace);
        var id = (await server.CreateAsync(Body("polish it", failing))).GetProperty("id").GetString()!;
        await server.WaitStatusAsync(id, "failed");
        await InPageAsync(server, "chinese", 1280, ColorScheme.Dark, async page =>
        {
            await page.WaitForSelectorAsync("#board .column[data-status=failed] .task-card");
            Assert.Equal("zh-CN", await page.GetAttributeAsync("html", "lang"));
            Assert.Equal("新建任务", await page.InnerTextAsync("#new-task"));
            Assert.Equal("失败", await page.InnerTextAsync("#board .column[data-status=failed] h2"));
            Assert.Contains("1 次尝试", await page.InnerTextAsync("#board .task-card"));
            await page.ClickAsync("#board .task-card");
            await page.WaitForSelectorAsync(".setup[data-state=failed]");
            Assert.Equal("失败：退出码 2", await page.InnerTextAsync(".setup .setup-status"));
            Assert.Equal("失败", await page.InnerTextAsync("#task-status"));
            Assert.Contains("初始化失败", await page.InnerTextAsync(".tabs")); // the scheduler's own message, in Chinese too
            Assert.Equal("改动", await page.InnerTextAsync("#attempt h2"));
            await page.ClickAsync("#new-task");
            await page.WaitForSelectorAsync("#create");
            Assert.Equal("权限模式", await page.InnerTextAsync("label[for=mode]"));
            await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(Shots, "new-task-zh-dark.png"), FullPage = true });
        });
    }

    private static string Body(string prompt, string repo) =>
        $$"""{"prompt":{{JsonSerializer.Serialize(prompt, TestJson.Default.String)}},"repo":{{JsonSerializer.Serialize(repo, TestJson.Default.String)}},"model":"deepseek/deepseek-chat"}""";

    /// <summary>A repository whose committed <c>.wright/setup.sh</c> is <paramref name="script"/>, trusted by the person.</summary>
    private static async Task<string> TrustedSetupRepoAsync(WrightProcess wright, string name, string script)
    {
        var repo = Path.Combine(wright.Workspace, name);
        GitRepo.Init(repo);
        Directory.CreateDirectory(Path.Combine(repo, ".wright"));
        await File.WriteAllTextAsync(Path.Combine(repo, ".wright", "setup.sh"), script, TestContext.Current.CancellationToken);
        GitRepo.Run(repo, "add", "-A");
        GitRepo.Run(repo, "commit", "-q", "-m", "setup");
        var run = await wright.RunAsync("trust", "--cwd", repo);
        Assert.True(run.ExitCode == 0, run.Stderr);
        return repo;
    }
}
