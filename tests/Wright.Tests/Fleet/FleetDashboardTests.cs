using Microsoft.Playwright;
using Wright.Tests.E2E;
using Wright.Tests.Server;
using static Wright.Tests.Fleet.FleetFixtures;

namespace Wright.Tests.Fleet;

/// <summary>
/// The dashboard of one node answers the approval of an attempt another node runs, in a real browser (Chromium through
/// Playwright, as <see cref="DashboardBrowserTests"/>).
/// </summary>
public sealed class FleetDashboardTests(PostgresServer postgres, BrowserFixture browser) : IClassFixture<PostgresServer>, IClassFixture<BrowserFixture>
{
    [Fact]
    public async Task The_dashboard_of_one_node_answers_the_approval_of_an_attempt_running_on_another()
    {
        await using var mock = await AimockServer.StartAsync(FleetFixtures.Model);
        using var fleet = new FleetSetup(await postgres.CreateDatabaseAsync());
        var nodes = await StartAsync(fleet, mock, 2);
        var context = await browser.Browser.NewContextAsync(new BrowserNewContextOptions { ViewportSize = new ViewportSize { Width = 1200, Height = 900 } });
        context.SetDefaultTimeout(60_000);
        var errors = new List<string>();
        try
        {
            var body = $$"""{"prompt":"approval race","repo":{{System.Text.Json.JsonSerializer.Serialize(fleet.Repo, Wright.Tests.Support.TestJson.Default.String)}},"model":"deepseek/deepseek-chat","mode":"ask"}""";
            var (created, task) = await nodes[0].SendAsync(HttpMethod.Post, "/api/tasks", body);
            Assert.True(created == 201, task.ToString());
            var id = task.GetProperty("id").GetString()!;
            var ownerId = await UntilAsync(() => OwnerAsync(nodes[0], id), "the attempt starts on a node");
            var owner = nodes.Single(n => n.Id == ownerId);
            var other = nodes.Single(n => n != owner);

            var page = await context.NewPageAsync();
            page.PageError += (_, e) =>
            {
                lock (errors)
                    errors.Add(e);
            };
            var root = other.Http.BaseAddress!.ToString();
            await page.GotoAsync(root + "?token=" + fleet.Token);
            await page.GotoAsync(root + "#/task/" + Uri.EscapeDataString(id));
            await page.WaitForSelectorAsync(".approval .approve-yes");
            Assert.Contains("write_file", await page.InnerTextAsync(".approval"));
            await page.ClickAsync(".approval .approve-yes");
            await page.WaitForFunctionAsync("() => document.querySelector('#task-status')?.dataset.status === 'succeeded'");
            Assert.Equal(0, await page.Locator(".approval").CountAsync());

            var done = await other.GetJsonAsync("/api/tasks/" + id);
            Assert.Equal(owner.Name, RanOn(done));
            Assert.Equal("approved\n", GitRepo.Run(fleet.Repo, "show", $"wright/{id}-1:approved.txt"));
            lock (errors)
                Assert.Empty(errors);
        }
        catch (Exception e) when (e is not Xunit.Sdk.XunitException)
        {
            throw new InvalidOperationException(e.Message + "\n" + string.Join("\n", nodes.Select(n => $"--- {n.Name} ---\n{n.Stderr}")), e);
        }
        finally
        {
            await context.CloseAsync();
            foreach (var node in nodes)
                await node.DisposeAsync();
        }
    }
}
