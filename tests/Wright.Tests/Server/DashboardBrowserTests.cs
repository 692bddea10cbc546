using System.Text.Json;
using Microsoft.Playwright;
using Wright.Tests.E2E;
using Wright.Tests.Support;

namespace Wright.Tests.Server;

/// <summary>One Chromium (Debian's, driven by Playwright for .NET) shared by the dashboard's browser tests.</summary>
public sealed class BrowserFixture : IAsyncLifetime
{
    public IPlaywright Playwright { get; private set; } = null!;

    public IBrowser Browser { get; private set; } = null!;

    public async ValueTask InitializeAsync()
    {
        Playwright = await Microsoft.Playwright.Playwright.CreateAsync();
        Browser = await Playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = "/usr/bin/chromium",
            Headless = true,
            Args = ["--no-sandbox"],
        });
    }

    public async ValueTask DisposeAsync()
    {
        await Browser.DisposeAsync();
        Playwright.Dispose();
    }
}

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
          {"match":{"userMessage":"xss"},"response":{"content":"<script>window.pwned=1</script><img src=x onerror=\"window.pwned=2\"> `<b>bold?</b>` done"}}
        ]}
        """;

    private static readonly string Shots = Path.Combine(NodePackages.RepoRoot, ".test-results", "screenshots");

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private async Task<IPage> OpenAsync(ServeProcess server, int width, ColorScheme scheme)
    {
        var context = await browser.Browser.NewContextAsync(new BrowserNewContextOptions
        {
            ViewportSize = new ViewportSize { Width = width, Height = 900 },
            ColorScheme = scheme,
        });
        context.SetDefaultTimeout(30_000);
        var page = await context.NewPageAsync();
        var errors = new List<string>();
        page.PageError += (_, e) => errors.Add(e);
        await page.GotoAsync(server.Url + "?token=" + server.Token);
        Assert.Equal(server.Url.ToString(), page.Url.Split('#')[0]); // the token left the address bar
        return page;
    }

    [Fact]
    public async Task Create_watch_approve_review_and_apply_a_task_at_phone_width_in_dark_mode()
    {
        await using var mock = await AimockServer.StartAsync(Fixtures);
        using var wright = new WrightProcess { Environment = { ["DEEPSEEK_BASE_URL"] = mock.BaseUrl + "/v1", ["DEEPSEEK_API_KEY"] = "k" } };
        var repo = Path.Combine(wright.Workspace, "demo");
        GitRepo.Init(repo);
        await using var server = await ServeProcess.StartAsync(wright, "--repo-root", wright.Workspace);
        Directory.CreateDirectory(Shots);
        var page = await OpenAsync(server, 390, ColorScheme.Dark);

        await page.ClickAsync("#new-task");
        await page.FillAsync("#prompt", "make hello");
        await page.FillAsync("#repo", repo);
        await page.FillAsync("#model", "deepseek/deepseek-chat");
        await page.SelectOptionAsync("#mode", "ask");
        await page.ClickAsync("#submit");

        // The approval appears on the task page; answering it resumes the attempt.
        await page.WaitForSelectorAsync(".approval .approve-yes");
        Assert.Contains("write_file", await page.InnerTextAsync(".approval"));
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(Shots, "task-approval-phone-dark.png"), FullPage = true });
        await page.ClickAsync(".approval .approve-yes");
        await page.WaitForFunctionAsync("() => document.querySelector('#task-status')?.textContent === 'succeeded'");
        await page.WaitForSelectorAsync(".transcript details.tool");
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
        await page.Context.CloseAsync();
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
        Directory.CreateDirectory(Shots);
        var page = await OpenAsync(server, 1280, ColorScheme.Light);
        await page.WaitForSelectorAsync("#board .task-card");
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(Shots, "board-desktop-light.png"), FullPage = true });
        await page.ClickAsync($"#board .task-card[data-id='{id}']");
        await page.WaitForFunctionAsync("() => document.querySelector('.transcript')?.textContent.includes('done')");
        var text = await page.InnerTextAsync(".transcript");
        Assert.Contains("<script>window.pwned=1</script>", text);
        Assert.Contains("<img src=x onerror=\"window.pwned=2\">", text);
        Assert.Equal(0, await page.Locator(".transcript script, .transcript img, #task-header img").CountAsync());
        Assert.Null(await page.EvaluateAsync<int?>("() => window.pwned ?? null"));
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(Shots, "task-page-desktop-light.png"), FullPage = true });
        await page.Context.CloseAsync();
    }
}
