using System.Net;
using System.Text;
using System.Text.Json;
using Wright.Tests.E2E;

namespace Wright.Tests.Server;

/// <summary>Who may reach <c>wright serve</c>, and what bad input gets: a problem, and nothing created.</summary>
public sealed class ServeAccessTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Requests_need_the_token_a_served_Host_and_no_foreign_Origin_and_bad_input_creates_nothing()
    {
        using var wright = new WrightProcess { Environment = { ["DEEPSEEK_BASE_URL"] = "http://127.0.0.1:9/v1", ["DEEPSEEK_API_KEY"] = "k" } };
        var repo = Path.Combine(wright.Workspace, "demo");
        GitRepo.Init(repo);
        var outside = Path.Combine(wright.Root, "elsewhere");
        GitRepo.Init(outside);
        await using var server = await ServeProcess.StartAsync(wright, "--repo-root", wright.Workspace);
        var tokenFile = Path.Combine(wright.Home, "server-token");
        Assert.Equal(server.Token, File.ReadAllText(tokenFile).Trim());
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(tokenFile));

        using var anonymous = new HttpClient { BaseAddress = server.Url };
        async Task<(HttpStatusCode Status, string Type, string Body)> Raw(HttpRequestMessage request)
        {
            using var response = await anonymous.SendAsync(request, Ct);
            return (response.StatusCode, response.Content.Headers.ContentType?.MediaType ?? "", await response.Content.ReadAsStringAsync(Ct));
        }

        foreach (var path in new[] { "/api/tasks", "/api/tasks/x/events", "/", "/openapi.json", "/assets/app.js" })
        {
            var none = await Raw(new HttpRequestMessage(HttpMethod.Get, path));
            Assert.Equal(HttpStatusCode.Unauthorized, none.Status);
            Assert.Equal("application/problem+json", none.Type);
            Assert.Equal(401, JsonDocument.Parse(none.Body).RootElement.GetProperty("status").GetInt32());
        }

        var wrong = new HttpRequestMessage(HttpMethod.Get, "/api/tasks");
        wrong.Headers.Add("Authorization", "Bearer " + server.Token + "x");
        Assert.Equal(HttpStatusCode.Unauthorized, (await Raw(wrong)).Status);
        var wrongQuery = await Raw(new HttpRequestMessage(HttpMethod.Get, "/?token=nope"));
        Assert.Equal(HttpStatusCode.Unauthorized, wrongQuery.Status);

        // DNS rebinding and CSRF: a foreign Host or Origin is refused even with the token.
        var rebinding = new HttpRequestMessage(HttpMethod.Get, "/api/tasks");
        rebinding.Headers.Add("Authorization", "Bearer " + server.Token);
        rebinding.Headers.Host = "evil.example.com";
        var rebound = await Raw(rebinding);
        Assert.Equal(HttpStatusCode.Forbidden, rebound.Status);
        Assert.Contains("DNS-rebinding", rebound.Body);
        var csrf = new HttpRequestMessage(HttpMethod.Post, "/api/tasks") { Content = new StringContent($$"""{"prompt":"x","repo":"{{repo}}"}""", Encoding.UTF8, "application/json") };
        csrf.Headers.Add("Authorization", "Bearer " + server.Token);
        csrf.Headers.Add("Origin", "https://evil.example.com");
        Assert.Equal(HttpStatusCode.Forbidden, (await Raw(csrf)).Status);

        // ?token= sets an HttpOnly, SameSite=Strict cookie and redirects to a URL without the token; the cookie then works.
        using var handler = new HttpClientHandler { AllowAutoRedirect = false, UseCookies = true };
        using var browser = new HttpClient(handler) { BaseAddress = server.Url };
        using (var visit = await browser.GetAsync("/?token=" + server.Token, Ct))
        {
            Assert.Equal(HttpStatusCode.Redirect, visit.StatusCode);
            Assert.Equal("/", visit.Headers.Location!.OriginalString);
            var cookie = Assert.Single(visit.Headers.GetValues("Set-Cookie"));
            Assert.Contains("httponly", cookie, StringComparison.OrdinalIgnoreCase);
            Assert.Contains("samesite=strict", cookie, StringComparison.OrdinalIgnoreCase);
        }

        using (var page = await browser.GetAsync("/", Ct))
        {
            Assert.Equal(HttpStatusCode.OK, page.StatusCode);
            Assert.Contains("script-src 'self'", page.Headers.GetValues("Content-Security-Policy").Single());
        }

        Assert.Equal(HttpStatusCode.OK, (await browser.GetAsync("/api/tasks", Ct)).StatusCode);

        // A page on another port of this machine is same-site for the browser, so the cookie goes along with its
        // requests; a no-cors POST (text/plain: no preflight) would otherwise create a task. Only this origin may call.
        var body = $$"""{"prompt":"x","repo":{{JsonSerializer.Serialize(repo, Wright.Tests.Support.TestJson.Default.String)}},"mode":"yolo","model":"deepseek/deepseek-chat"}""";
        using (var forged = new HttpRequestMessage(HttpMethod.Post, "/api/tasks") { Content = new StringContent(body, Encoding.UTF8, "text/plain") })
        {
            forged.Headers.Add("Origin", $"http://127.0.0.1:{server.Url.Port + 1}");
            forged.Headers.Add("Sec-Fetch-Site", "same-site");
            forged.Headers.Add("Sec-Fetch-Mode", "no-cors");
            using var refused = await browser.SendAsync(forged, Ct);
            Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
            Assert.Contains("another origin", await refused.Content.ReadAsStringAsync(Ct));
        }

        using (var noOrigin = new HttpRequestMessage(HttpMethod.Get, "/api/tasks"))
        {
            noOrigin.Headers.Add("Sec-Fetch-Site", "cross-site");
            noOrigin.Headers.Add("Sec-Fetch-Mode", "cors");
            Assert.Equal(HttpStatusCode.Forbidden, (await browser.SendAsync(noOrigin, Ct)).StatusCode);
        }

        // Same origin but not JSON (a form): 415, unread.
        using (var form = new HttpRequestMessage(HttpMethod.Post, "/api/tasks") { Content = new StringContent(body, Encoding.UTF8, "text/plain") })
        {
            form.Headers.Add("Origin", server.Url.GetLeftPart(UriPartial.Authority));
            using var unsupported = await browser.SendAsync(form, Ct);
            Assert.Equal(HttpStatusCode.UnsupportedMediaType, unsupported.StatusCode);
            Assert.Equal(415, JsonDocument.Parse(await unsupported.Content.ReadAsStringAsync(Ct)).RootElement.GetProperty("status").GetInt32());
        }

        // Navigating to the dashboard from another site's link is fine (it reads nothing for that site).
        using (var navigation = new HttpRequestMessage(HttpMethod.Get, "/"))
        {
            navigation.Headers.Add("Sec-Fetch-Site", "cross-site");
            navigation.Headers.Add("Sec-Fetch-Mode", "navigate");
            Assert.Equal(HttpStatusCode.OK, (await browser.SendAsync(navigation, Ct)).StatusCode);
        }

        var openapi = await server.GetJsonAsync("/openapi.json");
        Assert.Equal("3.1.0", openapi.GetProperty("openapi").GetString());
        Assert.True(openapi.GetProperty("paths").TryGetProperty("/api/tasks/{id}/events", out _));
        // Every operation the document describes is served (an unknown task is a 404 problem of the handler's, not the router's).
        foreach (var path in openapi.GetProperty("paths").EnumerateObject())
        {
            foreach (var operation in path.Value.EnumerateObject())
            {
                var url = path.Name.Replace("{id}", "nope", StringComparison.Ordinal).Replace("{n}", "1", StringComparison.Ordinal).Replace("{call}", "c", StringComparison.Ordinal);
                var method = new HttpMethod(operation.Name.ToUpperInvariant());
                var (status, problem) = await server.SendAsync(method, url + (url.EndsWith("/events", StringComparison.Ordinal) ? "?follow=0" : ""),
                    method == HttpMethod.Post ? """{"decision":"yes"}""" : null);
                Assert.True(status is 400 or 404 or 200, $"{method} {url}: {status} {problem}");
                if (status == 404)
                    Assert.DoesNotContain("no such endpoint", problem.GetProperty("detail").GetString());
            }
        }

        async Task Refused(string json, string expected)
        {
            var (status, problem) = await server.SendAsync(HttpMethod.Post, "/api/tasks", json);
            Assert.True(status == 400, $"{json}: {status} {problem}");
            Assert.Equal("Bad Request", problem.GetProperty("title").GetString());
            Assert.Contains(expected, problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        }

        await Refused($$"""{"prompt":"x","repo":"{{outside}}","model":"deepseek/deepseek-chat"}""", "is not allowed");
        await Refused("""{"prompt":"x","repo":"/etc","model":"deepseek/deepseek-chat"}""", "is not allowed");
        await Refused($$"""{"prompt":"x","repo":"{{repo}}","model":"deepseek/deepseek-chat","colour":"red"}""", "colour");
        await Refused($$"""{"prompt":"x","repo":"{{repo}}","model":"openai/gpt-4o"}""", "no API key for openai");
        await Refused($$"""{"prompt":"x","repo":"{{repo}}","model":"deepseek/deepseek-chat","attempts":0}""", "attempts must be between 1 and 8");
        await Refused($$"""{"prompt":"x","repo":"{{repo}}","model":"deepseek/deepseek-chat","mode":"sudo"}""", "unknown permission mode");
        await Refused($$"""{"prompt":"x","repo":"{{repo}}","model":"deepseek/deepseek-chat","base":"nope"}""", "'nope' is not a branch or commit");
        await Refused($$"""{"prompt":"x","repo":"file://{{outside}}","model":"deepseek/deepseek-chat"}""", "only https://, ssh://");
        await Refused($$"""{"repo":"{{repo}}"}""", "'prompt' is required");
        await Refused("{not json", "not valid JSON");
        Assert.Empty((await server.GetJsonAsync("/api/tasks")).EnumerateArray());

        var (missing, notFound) = await server.SendAsync(HttpMethod.Get, "/api/nothing");
        Assert.Equal(404, missing);
        Assert.Contains("openapi.json", notFound.GetProperty("detail").GetString());
    }

    [Fact]
    public async Task Serve_refuses_a_non_loopback_address_without_expose()
    {
        using var wright = new WrightProcess();
        var run = await wright.RunAsync("serve", "--host", "0.0.0.0", "--port", "0");
        Assert.Equal(2, run.ExitCode);
        Assert.Contains("--host 0.0.0.0 is reachable from other machines: add --expose", run.Stderr);
    }
}
