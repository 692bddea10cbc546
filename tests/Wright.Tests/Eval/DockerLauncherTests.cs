using Wright.Eval.Docker;

namespace Wright.Tests.Eval;

/// <summary>
/// The agent's shell in a task's container (<c>docker exec</c>): an allowed secret in the shell's environment never
/// appears on the client's command line, which every local user can read; the value reaches the container through the
/// client's environment (<c>-e NAME</c>), and names the client reads itself are not set in its environment.
/// </summary>
public sealed class DockerLauncherTests
{
    [Fact]
    public void A_secret_in_the_shells_environment_stays_off_the_docker_command_line()
    {
        var launcher = new DockerExecLauncher("/usr/bin/docker", "c0ffee", "/tmp/ws", "/app");
        var environment = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["GITHUB_TOKEN"] = "ghp_s3cretvalue1234567890",
            ["LANG"] = "C.UTF-8",
            ["DOCKER_HOST"] = "unix:///evil.sock",
            ["PATH"] = "/evil",
        };
        using var launch = launcher.Launch(["-c", "echo hi"], environment, "/tmp/ws/src");
        var args = launch.StartInfo.ArgumentList.ToList();

        Assert.DoesNotContain(args, a => a.Contains("ghp_s3cretvalue", StringComparison.Ordinal));
        Assert.Equal("GITHUB_TOKEN", args[args.IndexOf("GITHUB_TOKEN") - 1] == "-e" ? "GITHUB_TOKEN" : null);
        Assert.Equal("ghp_s3cretvalue1234567890", launch.StartInfo.Environment["GITHUB_TOKEN"]);
        // The client's own settings are not changed by the shell's environment, and PATH never crosses.
        Assert.NotEqual("unix:///evil.sock", launch.StartInfo.Environment.TryGetValue("DOCKER_HOST", out var host) ? host : null);
        Assert.DoesNotContain(args, a => a.StartsWith("PATH", StringComparison.Ordinal));
        Assert.Equal("/app/src", args[args.IndexOf("-w") + 1]);
    }
}
