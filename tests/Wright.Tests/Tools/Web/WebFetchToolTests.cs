using System.Text.Json;
using Wright.Core.Tools;
using Wright.Tests.Support;
using Wright.Tools.Web;

namespace Wright.Tests.Tools.Web;

public sealed class WebFetchToolTests : IDisposable
{
    private readonly ToolTestContext _ctx = new();

    public void Dispose() => _ctx.Dispose();

    private async Task<ToolResult> Fetch(string url, WebFetchOptions? options = null)
    {
        using var tool = new WebFetchTool(options ?? new WebFetchOptions { AllowPrivateNetworks = true });
        var args = JsonDocument.Parse(JsonSerializer.Serialize(new Dictionary<string, string> { ["url"] = url }, TestJson.Default.DictionaryStringString)).RootElement;
        return await tool.InvokeAsync(args, _ctx.Context, TestContext.Current.CancellationToken);
    }

    [Fact]
    public async Task Html_becomes_markdown_labelled_untrusted()
    {
        using var server = new TinyHttpServer((_, res) => TinyHttpServer.Write(res, """
            <html><head><title>Docs</title><script>alert('x')</script></head><body>
            <nav>menu</nav><main><h2>Install</h2><p>Run <code>npm i</code> then read <a href="/guide">the guide</a>.</p>
            <img src="https://attacker.test/?k=1" alt="diagram"><ul><li>one</li><li>two</li></ul>
            <table><tr><th>a</th><th>b</th></tr><tr><td>1</td><td>2</td></tr></table></main></body></html>
            """));
        var result = await Fetch(server.BaseUrl + "page");

        Assert.False(result.IsError);
        Assert.Equal($"web_fetch {server.BaseUrl}page", result.UntrustedSource);
        Assert.Contains("Untrusted web content", result.Content);
        Assert.Contains("# Docs", result.Content);
        Assert.Contains("## Install", result.Content);
        Assert.Contains("Run `npm i` then read [the guide](" + server.BaseUrl + "guide).", result.Content);
        Assert.Contains("[image: diagram]", result.Content);
        Assert.DoesNotContain("attacker.test", result.Content);
        Assert.DoesNotContain("alert", result.Content);
        Assert.DoesNotContain("menu", result.Content);
        Assert.Contains("- one", result.Content);
        Assert.Contains("| a | b |", result.Content);
    }

    [Fact]
    public async Task Loopback_is_refused_by_default()
    {
        using var server = new TinyHttpServer((_, res) => TinyHttpServer.Write(res, "secret"));
        var literal = await Fetch(server.BaseUrl, new WebFetchOptions());
        var named = await Fetch(server.BaseUrl.Replace("127.0.0.1", "localhost", StringComparison.Ordinal), new WebFetchOptions());

        Assert.True(literal.IsError);
        Assert.Contains("127.0.0.1 is a loopback address", literal.Content);
        Assert.True(named.IsError);
        Assert.Contains("loopback", named.Content);
        Assert.DoesNotContain("secret", named.Content);
    }

    [Theory]
    [InlineData("http://169.254.169.254/latest/meta-data/")]
    [InlineData("http://[::ffff:169.254.169.254]/latest/meta-data/")]
    [InlineData("http://[fd00:ec2::254]/latest/meta-data/")]
    [InlineData("http://100.100.100.200/latest/meta-data/")]
    public async Task Cloud_metadata_is_refused_even_when_private_networks_are_allowed(string url)
    {
        var result = await Fetch(url);
        Assert.True(result.IsError);
        Assert.Contains("cloud metadata address", result.Content);
    }

    [Theory]
    [InlineData("file:///etc/passwd", "only http and https")]
    [InlineData("ftp://example.com/x", "only http and https")]
    [InlineData("not a url", "not an absolute URL")]
    [InlineData("https://user:pw@example.com/", "credentials")]
    [InlineData("https://example.com/\u0000x", "control characters")]
    public async Task Bad_urls_get_clear_errors(string url, string expected)
    {
        var result = await Fetch(url);
        Assert.True(result.IsError);
        Assert.Contains(expected, result.Content);
    }

    [Fact]
    public async Task A_redirect_to_metadata_is_refused()
    {
        using var server = new TinyHttpServer((_, res) =>
        {
            res.StatusCode = 302;
            res.RedirectLocation = "http://169.254.169.254/latest/meta-data/iam";
            res.Close();
            return Task.CompletedTask;
        });
        var result = await Fetch(server.BaseUrl);

        Assert.True(result.IsError);
        Assert.Contains("redirected to a refused URL", result.Content);
    }

    [Fact]
    public async Task Redirects_are_limited()
    {
        using var server = new TinyHttpServer((req, res) =>
        {
            res.StatusCode = 302;
            res.RedirectLocation = "/again" + req.Url!.AbsolutePath.Length;
            res.Close();
            return Task.CompletedTask;
        });
        var result = await Fetch(server.BaseUrl, new WebFetchOptions { AllowPrivateNetworks = true, MaxRedirects = 3 });

        Assert.True(result.IsError);
        Assert.Contains("too many redirects (more than 3)", result.Content);
    }

    [Fact]
    public async Task Binary_content_is_refused_with_a_description()
    {
        using var server = new TinyHttpServer((_, res) => TinyHttpServer.Write(res, "\u0000\u0001PNG", "image/png"));
        var result = await Fetch(server.BaseUrl + "x.png");

        Assert.True(result.IsError);
        Assert.Contains("binary content (image/png, 5 bytes)", result.Content);
    }

    [Fact]
    public async Task Large_pages_are_capped_with_a_note()
    {
        using var server = new TinyHttpServer((_, res) => TinyHttpServer.Write(res, new string('a', 5000), "text/plain"));
        var result = await Fetch(server.BaseUrl, new WebFetchOptions { AllowPrivateNetworks = true, MaxOutputChars = 1000 });

        Assert.False(result.IsError);
        Assert.Contains("[… 4,000 more characters not shown]", result.Content);
    }

    [Fact]
    public async Task Http_errors_are_errors_that_keep_the_label()
    {
        using var server = new TinyHttpServer((_, res) => TinyHttpServer.Write(res, "nope", "text/plain", 404));
        var result = await Fetch(server.BaseUrl + "missing");

        Assert.True(result.IsError);
        Assert.StartsWith($"Error: {server.BaseUrl}missing answered 404", result.Content);
        Assert.NotNull(result.UntrustedSource);
    }
}
