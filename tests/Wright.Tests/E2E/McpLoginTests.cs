using System.Diagnostics;
using System.Text.Json;
using Wright.Tests.Support;

namespace Wright.Tests.E2E;

/// <summary>
/// <c>wright mcp login / logout</c> and stored sign-ins, through the real binary, against an OAuth-protected MCP server
/// and authorization server of the MCP conformance suite (its interactive mode serves a scenario until stopped). The
/// browser is a script on PATH that follows the authorization URL to Wright's loopback redirect. Everything runs in a
/// private network namespace, because the suite's servers bind every interface.
/// </summary>
public sealed class McpLoginTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Login_stores_private_tokens_that_sessions_use_and_logout_forgets_them()
    {
        using var wright = new WrightProcess();
        using var suite = NetNamespace.Start(ConformanceSuite.Node, [ConformanceSuite.Cli, "client", "--scenario", "auth/scope-from-scopes-supported"],
            new Dictionary<string, string> { ["HOME"] = wright.Root }, wright.Root);
        var url = await ServerUrlAsync(suite.First);
        File.WriteAllText(Path.Combine(wright.Home, "mcp.json"),
            """{"mcpServers":{"remote":{"type":"http","url":""" + JsonSerializer.Serialize(url, TestJson.Default.String) + "}}}");
        var browser = ConformanceSuite.FakeBrowser(wright.Root);

        // Before any sign-in: a clear state, and nothing registered or opened.
        var before = await RunAsync(suite, wright, [], "mcp", "list");
        Assert.Equal(1, before.ExitCode);
        Assert.Contains("needs-login: needs sign-in: run `wright mcp login remote`", before.Stdout);
        var headless = await RunAsync(suite, wright, new() { ["DEEPSEEK_API_KEY"] = "k" }, "-p", "hi", "--model", "deepseek/deepseek-chat");
        Assert.Equal(2, headless.ExitCode);
        Assert.Contains("MCP server 'remote' is unavailable: needs sign-in: run `wright mcp login remote`", headless.Stderr);

        var login = await RunAsync(suite, wright, new() { ["PATH"] = browser + ":" + Environment.GetEnvironmentVariable("PATH"), ["DISPLAY"] = ":99" },
            "mcp", "login", "remote");
        Assert.True(login.ExitCode == 0, login.Stdout + login.Stderr);
        Assert.Contains("Sign in to MCP server 'remote' in your browser:", login.Stderr);
        Assert.Contains("(opened with " + Path.Combine(browser, "xdg-open"), login.Stderr);
        Assert.Contains("signed in to MCP server 'remote' (1 tools); tokens stored in ", login.Stdout);
        var directory = Path.Combine(wright.Home, "mcp-auth");
        var file = Assert.Single(Directory.GetFiles(directory));
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(file));
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute, File.GetUnixFileMode(directory));
        using (var stored = JsonDocument.Parse(File.ReadAllText(file)))
        {
            Assert.Equal(url, stored.RootElement.GetProperty("url").GetString());
            Assert.False(string.IsNullOrEmpty(stored.RootElement.GetProperty("access_token").GetString()));
        }

        // A session (no browser on PATH) signs in with the stored tokens.
        var after = await RunAsync(suite, wright, [], "mcp", "list");
        Assert.True(after.ExitCode == 0, after.Stdout + after.Stderr);
        Assert.Contains("remote\thttp\t" + url + "\trunning, 1 tools", after.Stdout);

        var logout = await RunAsync(suite, wright, [], "mcp", "logout", "remote");
        Assert.Equal(0, logout.ExitCode);
        Assert.Contains("signed out of MCP server 'remote'", logout.Stdout);
        Assert.Empty(Directory.GetFiles(directory));
        Assert.Contains("needs-login", (await RunAsync(suite, wright, [], "mcp", "list")).Stdout);
        Assert.Contains("no stored sign-in for MCP server 'remote'", (await RunAsync(suite, wright, [], "mcp", "logout", "remote")).Stdout);
    }

    [Fact]
    public async Task Login_without_a_browser_prints_the_url_and_waits_for_the_redirect()
    {
        using var wright = new WrightProcess();
        using var suite = NetNamespace.Start(ConformanceSuite.Node, [ConformanceSuite.Cli, "client", "--scenario", "auth/metadata-default"],
            new Dictionary<string, string> { ["HOME"] = wright.Root }, wright.Root);
        var url = await ServerUrlAsync(suite.First);
        File.WriteAllText(Path.Combine(wright.Home, "mcp.json"),
            """{"mcpServers":{"remote":{"url":""" + JsonSerializer.Serialize(url, TestJson.Default.String) + "}}}");

        var psi = suite.Enter(wright.StartInfo(["mcp", "login", "remote"]));
        psi.Environment.Remove("DISPLAY");
        psi.Environment.Remove("WAYLAND_DISPLAY");
        using var process = Process.Start(psi)!;
        process.StandardInput.Close();
        var stdout = process.StandardOutput.ReadToEndAsync(Ct);
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(Ct);
        deadline.CancelAfter(TimeSpan.FromSeconds(60));
        string? authorization = null;
        var lines = new List<string>();
        while (await process.StandardError.ReadLineAsync(deadline.Token) is { } line)
        {
            lines.Add(line);
            if (line.StartsWith("  http", StringComparison.Ordinal))
                authorization = line.Trim();
            if (line.StartsWith("(no browser here", StringComparison.Ordinal))
                break;
        }

        Assert.True(authorization is not null, string.Join("\n", lines));
        Assert.Contains("code_challenge_method=S256", authorization);
        // The person opens the URL themselves; a request with another state changes nothing.
        var redirect = lines.Last()[(lines.Last().IndexOf("redirect to ", StringComparison.Ordinal) + 12)..].TrimEnd(')');
        var curl = suite.Enter(new ProcessStartInfo("/usr/bin/curl") { ArgumentList = { "-s", "-o", "/dev/null", "-w", "%{http_code}", redirect + "?code=x&state=forged" }, RedirectStandardOutput = true });
        using (var forge = Process.Start(curl)!)
        {
            Assert.Equal("400", await forge.StandardOutput.ReadToEndAsync(Ct));
            await forge.WaitForExitAsync(Ct);
        }

        var follow = suite.Enter(new ProcessStartInfo("/usr/bin/curl") { ArgumentList = { "-s", "-L", "-o", "/dev/null", authorization! }, RedirectStandardOutput = true });
        using (var browser = Process.Start(follow)!)
            await browser.WaitForExitAsync(deadline.Token);
        await process.WaitForExitAsync(deadline.Token);
        Assert.True(process.ExitCode == 0, string.Join("\n", lines) + await process.StandardError.ReadToEndAsync(Ct));
        Assert.Contains("signed in to MCP server 'remote'", await stdout);
    }

    private static async Task<string> ServerUrlAsync(Process suite)
    {
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(Ct);
        deadline.CancelAfter(TimeSpan.FromSeconds(30));
        while (await suite.StandardOutput.ReadLineAsync(deadline.Token) is { } line)
        {
            if (line.StartsWith("Server URL: ", StringComparison.Ordinal))
            {
                _ = suite.StandardOutput.ReadToEndAsync(CancellationToken.None);
                _ = suite.StandardError.ReadToEndAsync(CancellationToken.None);
                return line["Server URL: ".Length..].Trim();
            }
        }

        throw new InvalidOperationException("the conformance suite did not start its server: " + await suite.StandardError.ReadToEndAsync(Ct));
    }

    private static async Task<WrightRun> RunAsync(NetNamespace suite, WrightProcess wright, Dictionary<string, string> environment, params string[] args)
    {
        var psi = wright.StartInfo(args);
        foreach (var (k, v) in environment)
            psi.Environment[k] = v;
        if (!environment.ContainsKey("DISPLAY"))
            psi.Environment.Remove("DISPLAY");
        using var process = Process.Start(suite.Enter(psi))!;
        process.StandardInput.Close();
        var stdout = process.StandardOutput.ReadToEndAsync(Ct);
        var stderr = process.StandardError.ReadToEndAsync(Ct);
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(Ct);
        deadline.CancelAfter(TimeSpan.FromSeconds(60));
        try
        {
            await process.WaitForExitAsync(deadline.Token);
        }
        finally
        {
            if (!process.HasExited)
                process.Kill(entireProcessTree: true);
        }

        return new WrightRun(process.ExitCode, await stdout, await stderr);
    }
}
