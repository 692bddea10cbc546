using Microsoft.Playwright;

namespace Wright.Tests.Server;

/// <summary>
/// One Chromium shared by the dashboard's browser tests: Debian's (<c>/usr/bin/chromium</c>, installed by
/// <c>scripts/install-deps.sh</c>; <c>WRIGHT_CHROMIUM</c> names another), driven by Playwright for .NET, whose driver
/// ships in its NuGet package. Playwright never downloads a browser here.
/// </summary>
public sealed class BrowserFixture : IAsyncLifetime
{
    public IPlaywright Playwright { get; private set; } = null!;

    public IBrowser Browser { get; private set; } = null!;

    public static string Executable => Environment.GetEnvironmentVariable("WRIGHT_CHROMIUM") is { Length: > 0 } path ? path : "/usr/bin/chromium";

    public async ValueTask InitializeAsync()
    {
        if (!File.Exists(Executable))
            throw new InvalidOperationException($"{Executable} does not exist: run scripts/install-deps.sh (it installs Debian's chromium), or set WRIGHT_CHROMIUM.");
        Playwright = await Microsoft.Playwright.Playwright.CreateAsync();
        Browser = await Playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = Executable,
            Headless = true,
            Timeout = 60_000,
            // As root Chromium needs --no-sandbox; the rest keep it off a network this machine does not have.
            Args = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"],
        });
    }

    public async ValueTask DisposeAsync()
    {
        if (Browser is not null)
            await Browser.DisposeAsync();
        Playwright?.Dispose();
    }
}
