using System.Diagnostics;
using System.Text.RegularExpressions;
using Wright.Tests.E2E;
using Wright.Tests.Support;

namespace Wright.Tests.Eval;

/// <summary>
/// <c>wright eval --env docker</c> against the Docker command-line contract. This machine has the docker client but no
/// engine, so the tests put <c>Fixtures/docker/fake-docker</c> first on a trusted PATH: it records every argument list
/// and emulates build, run, exec, cp and rm locally (a "container" is bubblewrap over the host with the container's
/// mounts), which checks what Wright asks of Docker and that the agent's commands and the verifier run "inside"; it
/// does not check a real engine.
/// </summary>
public sealed class EvalDockerTests
{
    private const string Fixtures = """
        {"fixtures":[
          {"match":{"userMessage":"TASK-DOCKER","hasToolResult":false},"response":{"toolCalls":[{"name":"shell","arguments":"{\"command\":\"pwd > where.txt; echo 42 > answer.txt\"}"}]}},
          {"match":{"userMessage":"TASK-DOCKER","hasToolResult":true},"response":{"content":"Done."}}
        ]}
        """;

    private static (WrightProcess Wright, string State, string Suite) Setup(AimockServer? mock)
    {
        var wright = new WrightProcess();
        if (mock is not null)
        {
            wright.Environment["DEEPSEEK_BASE_URL"] = mock.BaseUrl + "/v1";
            wright.Environment["DEEPSEEK_API_KEY"] = "k";
        }

        var bin = Path.Combine(wright.Root, "bin");
        Directory.CreateDirectory(bin);
        var fake = Path.Combine(bin, "docker");
        File.Copy(Path.Combine(AppContext.BaseDirectory, "Fixtures", "docker", "fake-docker"), fake);
        File.SetUnixFileMode(fake, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        var state = Path.Combine(wright.Root, "docker-state");
        wright.Environment["PATH"] = bin + ":/usr/local/bin:/usr/bin:/bin";
        wright.Environment["FAKE_DOCKER_STATE"] = state;

        var suite = Path.Combine(wright.Root, "suite");
        EvalFixtures.HarborTask(suite, "alpha", "TASK-DOCKER: write 42 into answer.txt", "42");
        // Passes only when the agent's command ran at the container's WORKDIR and the verifier sees the same /app.
        File.WriteAllText(Path.Combine(suite, "alpha", "tests", "test.sh"),
            "#!/bin/bash\ncd /app\nif [ \"$(cat answer.txt)\" = 42 ] && [ \"$(cat where.txt)\" = /app ]; then echo 1 > /logs/verifier/reward.txt; else echo 0 > /logs/verifier/reward.txt; fi\n");
        return (wright, state, suite);
    }

    private static List<string[]> Calls(string state) =>
        [.. File.ReadAllText(Path.Combine(state, "calls.log")).Split('\x1e', StringSplitOptions.RemoveEmptyEntries).Select(c => c.Split('\x1f'))];

    [Fact]
    public async Task Docker_env_builds_the_tasks_image_once_runs_the_agent_and_verifier_in_its_container_and_removes_it()
    {
        await using var mock = await AimockServer.StartAsync(Fixtures);
        var (wright, state, suite) = Setup(mock);
        using var _ = wright;
        var run = await EvalFixtures.RunAsync(wright, TimeSpan.FromMinutes(3), "eval", suite, "--model", "deepseek/deepseek-chat", "--env", "docker", "--attempts", "2");
        Assert.True(run.ExitCode == 0, run.ToString());
        // Both attempts passed: the agent's command ran at the container's /app and the verifier saw it there.
        Assert.True(run.Stderr.Split('\n').Count(l => l.StartsWith("passed    alpha", StringComparison.Ordinal)) == 2,
            run + "\ncalls:\n" + File.ReadAllText(Path.Combine(state, "calls.log")).Replace('\x1f', ' ').Replace('\x1e', '\n'));
        Assert.Contains("1/1", run.Stdout);

        var calls = Calls(state);
        Assert.Equal(["version", "--format", "{{.Server.Version}}"], calls[0]);
        var build = Assert.Single(calls, c => c[0] == "build");
        Assert.Equal("-t", build[1]);
        Assert.Matches(new Regex("^wright-eval-alpha:[0-9a-f]{16}$"), build[2]);
        Assert.Equal(["-f", Path.Combine(suite, "alpha", "environment", "Dockerfile"), Path.Combine(suite, "alpha", "environment")], build[3..]);
        var tag = build[2];

        var runs = calls.Where(c => c[0] == "run").ToList();
        Assert.Equal(2, runs.Count);
        var containers = new List<string>();
        foreach (var r in runs)
        {
            Assert.Equal("-d", r[1]);
            var mount = r[Array.IndexOf(r, "-v") + 1];
            Assert.EndsWith(":/app", mount, StringComparison.Ordinal);
            Assert.Equal("none", r[Array.IndexOf(r, "--network") + 1]);
            Assert.Equal("/app", r[Array.IndexOf(r, "-w") + 1]);
            Assert.Equal([tag, "infinity"], r[^2..]);
            containers.Add(r[Array.IndexOf(r, "--name") + 1]);
        }

        foreach (var c in containers)
        {
            // The agent's shell: bash in the container at WORKDIR, with neither the host's PATH nor its HOME.
            var agent = Assert.Single(calls, x => x[0] == "exec" && x.Contains(c) && x.Contains("-c") && x.Any(a => a.Contains("echo 42 > answer.txt", StringComparison.Ordinal)));
            Assert.Equal("/app", agent[Array.IndexOf(agent, "-w") + 1]);
            Assert.DoesNotContain(agent, a => a.StartsWith("PATH=", StringComparison.Ordinal) || a.StartsWith("HOME=", StringComparison.Ordinal));
            // The tests arrive only for verification, and run there.
            var copy = Assert.Single(calls, x => x[0] == "cp" && x[^1] == c + ":/tests");
            Assert.Equal(Path.Combine(suite, "alpha", "tests", "."), copy[1]);
            Assert.Contains(calls, x => x.SequenceEqual(["exec", "-w", "/app", c, "bash", "/tests/test.sh"]));
            Assert.Contains(calls, x => x.SequenceEqual(["cp", c + ":/logs/verifier/.", x[^1]]));
            Assert.Contains(calls, x => x.SequenceEqual(["rm", "-f", c]));
            Assert.True(calls.FindIndex(x => x.SequenceEqual(["rm", "-f", c])) > calls.FindIndex(x => x.Contains("/tests/test.sh") && x.Contains(c)));
        }

        Assert.Single(calls, c => c[0] == "image"); // the second attempt found the image by its content tag
        Assert.Empty(Directory.EnumerateFileSystemEntries(Path.Combine(state, "containers")));
    }

    [Fact]
    public async Task Docker_env_without_an_engine_is_one_clear_line_and_creates_no_run()
    {
        var (wright, state, suite) = Setup(null);
        using var _ = wright;
        wright.Environment["FAKE_DOCKER_NO_ENGINE"] = "1";
        var run = await EvalFixtures.RunAsync(wright, TimeSpan.FromSeconds(60), "eval", suite, "--model", "deepseek/deepseek-chat", "--env", "docker");
        Assert.Equal(2, run.ExitCode);
        var line = Assert.Single(run.Stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.Contains("the docker client is here but no Docker engine answers (Cannot connect to the Docker daemon", line);
        Assert.Equal(["version"], Calls(state).Select(c => c[0]));
        Assert.False(File.Exists(Path.Combine(wright.Home, "eval.db")) && Directory.Exists(Path.Combine(wright.Home, "eval")) && Directory.EnumerateDirectories(Path.Combine(wright.Home, "eval")).Any(),
            "no run was created");
    }
}
