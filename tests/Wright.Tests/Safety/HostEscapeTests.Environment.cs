using System.Net.Sockets;
using Wright.Tools;
using Wright.Tools.Shell;

namespace Wright.Tests.Safety;

public sealed partial class HostEscapeTests
{
    // ── What crosses into a command: variables, descriptors, sockets, nested secrets ───────────────────────────

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task Only_allowlisted_variables_reach_commands(bool sandboxed)
    {
        var names = new Dictionary<string, string>
        {
            ["MYSQL_PWD"] = "canary-mysql-pwd", ["GITHUB_PAT"] = "canary-github-pat", ["SSH_AUTH_SOCK"] = "/tmp/canary-agent.sock",
            ["WRIGHT_CANARY_PLAIN"] = "canary-plain", ["DATABASE_URL"] = "postgres://u:canary-db@h/db", ["HISTFILE"] = "/tmp/canary-histfile",
        };
        foreach (var (name, value) in names)
            Environment.SetEnvironmentVariable(name, value);
        try
        {
            var shell = sandboxed ? Sandboxed() : new ShellTool(new ToolOptions { DefaultShellTimeout = TimeSpan.FromSeconds(20) });
            var result = await _host.ShellAsync(shell, "env; echo ---; cat /proc/1/environ 2>/dev/null | tr '\\0' '\\n'");

            foreach (var value in names.Values)
                Assert.DoesNotContain(value, result.Content);
            Assert.Contains("PATH=", result.Content);
            Assert.Contains("TERM=dumb", result.Content);
            Assert.Contains("LANG=", result.Content);
        }
        finally
        {
            foreach (var name in names.Keys)
                Environment.SetEnvironmentVariable(name, null);
        }
    }

    [Fact]
    public async Task An_allowed_variable_reaches_the_command_but_no_command_line()
    {
        const string Value = "canary-allowed-4be1d07";
        Environment.SetEnvironmentVariable("WRIGHT_CANARY_TOKEN", Value);
        try
        {
            var shell = Sandboxed(tools: new ToolOptions { AllowedSecretEnvVars = ["WRIGHT_CANARY_TOKEN"] });
            await _host.BackgroundAsync(shell, "echo \"token=$WRIGHT_CANARY_TOKEN\"; tr '\\0' ' ' < /proc/1/cmdline; echo; for f in /proc/[0-9]*/cmdline; do tr '\\0' ' ' < $f; echo; done; echo listed; sleep 30");

            var seen = "";
            Assert.True(await HostCanaries.WaitUntilAsync(() =>
            {
                seen += _host.OutputAsync("bg1", Token).GetAwaiter().GetResult().Content;
                return seen.Contains("listed", StringComparison.Ordinal);
            }, TimeSpan.FromSeconds(10)), seen);
            var hostCommandLines = string.Join("\n", Directory.EnumerateDirectories("/proc").Select(p => Path.Combine(p, "cmdline")).Select(ReadOrEmpty));

            Assert.Contains("token=" + Value, seen);
            Assert.Equal(1, Count(seen, Value));
            Assert.DoesNotContain(Value, hostCommandLines);
        }
        finally
        {
            Environment.SetEnvironmentVariable("WRIGHT_CANARY_TOKEN", null);
        }
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task An_inherited_descriptor_does_not_cross_into_commands(bool sandboxed)
    {
        var fd = Enumerable.Range(900, 100).First(n => !File.Exists($"/proc/self/fd/{n}") && !Directory.Exists($"/proc/self/fd/{n}"));
        Posix.OpenInheritable(_host.KeyFile, fd);
        try
        {
            var shell = sandboxed ? Sandboxed() : new ShellTool(new ToolOptions { DefaultShellTimeout = TimeSpan.FromSeconds(20) });
            var result = await _host.ShellAsync(shell, $"ls /proc/self/fd | tr '\\n' ' '; echo; cat <&{fd}; cat /proc/self/fd/{fd}; echo end");

            Assert.Contains("end", result.Content);
            Assert.DoesNotContain(HostCanaries.Key, result.Content);
            Assert.DoesNotContain($" {fd} ", " " + result.Content.Split('\n')[0] + " ");
        }
        finally
        {
            Posix.Close(fd);
        }
    }

    [Theory]
    [InlineData("var-tmp")]
    [InlineData("outside-tmp")]
    public async Task A_host_unix_socket_outside_the_workspace_is_unreachable(string where)
    {
        using var canaries = new HostCanaries(outsideTmp: true);
        var path = where == "var-tmp" ? $"/var/tmp/wright-canary-{Guid.NewGuid():N}.sock" : Path.Combine(canaries.Root, "s");
        using var listener = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
        listener.Bind(new UnixDomainSocketEndPoint(path));
        listener.Listen();
        var accept = listener.AcceptAsync(Token).AsTask();
        try
        {
            var shell = Sandboxed();
            var result = await _host.ShellAsync(shell, $"/usr/bin/socat -u OPEN:/dev/null UNIX-CONNECT:'{path}' && echo CONNECTED; echo end");

            Assert.Contains("end", result.Content);
            Assert.DoesNotContain("CONNECTED", result.Content);
            Assert.False(await Task.WhenAny(accept, Task.Delay(200, Token)) == accept, "the sandbox reached a host socket");
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public async Task Nested_env_files_are_masked_and_stay_unchanged()
    {
        var files = new Dictionary<string, string>
        {
            [".env"] = "TOP=canary-top-env", ["services/api/.env"] = "API_KEY=canary-nested-env", ["a/b/c/d/.env.production"] = "DB=canary-deep-env",
            ["web/.env.local"] = "X=canary-local-env",
        };
        foreach (var (relative, content) in files)
        {
            Directory.CreateDirectory(Path.GetDirectoryName(Path.Combine(_host.Workspace, relative))!);
            File.WriteAllText(Path.Combine(_host.Workspace, relative), content);
        }

        File.WriteAllText(Path.Combine(_host.Outside, "real.env"), "LINKED=canary-linked-env");
        File.CreateSymbolicLink(Path.Combine(_host.Workspace, "services", ".env.link"), Path.Combine(_host.Outside, "real.env"));
        var before = HostCanaries.FingerprintOf(_host.Workspace);
        var shell = Sandboxed();

        var result = await _host.ShellAsync(shell, "find . -name '.env*' -exec cat {} +; grep -r canary . ; echo pwned > services/api/.env; echo end");

        Assert.Contains("end", result.Content);
        Assert.DoesNotContain("canary-", result.Content);
        Assert.Equal(before, HostCanaries.FingerprintOf(_host.Workspace));
    }

    private static string ReadOrEmpty(string path)
    {
        try
        {
            return File.ReadAllText(path).Replace('\0', ' ');
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return "";
        }
    }

    private static int Count(string text, string value)
    {
        var count = 0;
        for (var i = text.IndexOf(value, StringComparison.Ordinal); i >= 0; i = text.IndexOf(value, i + value.Length, StringComparison.Ordinal))
            count++;
        return count;
    }
}
