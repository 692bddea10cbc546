using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Wright.Tests.E2E;

namespace Wright.Tests.Server;

/// <summary>
/// <c>wright serve</c> runs the repository's <c>.wright/setup.sh</c> in each new worktree before the agent: only when
/// the person trusted it (in the repository, as it is), only in the sandbox, within a timeout, its output in the
/// attempt's events; a failure ends the attempt before the agent starts.
/// </summary>
public sealed class ServeSetupTests
{
    private const string Fixtures = """
        {"fixtures":[
          {"match":{"userMessage":"quick work","hasToolResult":false},"response":{"content":"Quick."}}
        ]}
        """;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static string Body(string repo) =>
        $$"""{"prompt":"quick work","repo":{{JsonSerializer.Serialize(repo, Wright.Tests.Support.TestJson.Default.String)}},"model":"deepseek/deepseek-chat"}""";

    private static WrightProcess NewWright(AimockServer mock) =>
        new() { Environment = { ["DEEPSEEK_BASE_URL"] = mock.BaseUrl + "/v1", ["DEEPSEEK_API_KEY"] = "k" } };

    /// <summary>A repository whose committed <c>.wright/setup.sh</c> is <paramref name="script"/>.</summary>
    private static string RepoWithSetup(WrightProcess wright, string name, string script)
    {
        var repo = Path.Combine(wright.Workspace, name);
        GitRepo.Init(repo);
        Directory.CreateDirectory(Path.Combine(repo, ".wright"));
        File.WriteAllText(Path.Combine(repo, ".wright", "setup.sh"), script);
        GitRepo.Run(repo, "add", "-A");
        GitRepo.Run(repo, "commit", "-q", "-m", "setup");
        return repo;
    }

    private static async Task TrustAsync(WrightProcess wright, string repo)
    {
        var run = await wright.RunAsync("trust", "--cwd", repo);
        Assert.True(run.ExitCode == 0, run.Stderr);
        Assert.Contains("setup.sh", run.Stdout);
    }

    private static List<JsonElement> Setup(List<(long Id, JsonElement Data)> events) =>
        [.. events.Select(e => e.Data).Where(d => d.GetProperty("type").GetString() == "setup")];

    private static List<string?> Types(List<(long Id, JsonElement Data)> events) => [.. events.Select(e => e.Data.GetProperty("type").GetString())];

    [Fact]
    public async Task A_trusted_setup_script_runs_sandboxed_in_the_worktree_before_the_agent_and_cannot_write_outside_it()
    {
        await using var mock = await AimockServer.StartAsync(Fixtures);
        using var wright = NewWright(mock);
        var outside = Path.Combine(wright.Root, "outside");
        Directory.CreateDirectory(outside);
        var repo = Path.Combine(wright.Workspace, "demo");
        // Every write but the worktree's must fail: the person's checkout, $WRIGHT_HOME, a folder beside them.
        var script = $$"""
            echo "installing deps"
            echo ready > setup-marker.txt
            for target in '{{repo}}/escaped.txt' '{{wright.Home}}/escaped.txt' '{{outside}}/escaped.txt'; do
              if echo pwned > "$target" 2>/dev/null; then echo "WROTE $target"; else echo "refused $target"; fi
            done
            echo "key=${DEEPSEEK_API_KEY:-none}"
            """;
        RepoWithSetup(wright, "demo", script);
        await TrustAsync(wright, repo);
        await using var server = await ServeProcess.StartAsync(wright, "--repo-root", wright.Workspace);

        var id = (await server.CreateAsync(Body(repo))).GetProperty("id").GetString()!;
        var done = await server.WaitStatusAsync(id, "succeeded");
        var worktree = done.GetProperty("attempts")[0].GetProperty("worktree").GetString()!;
        Assert.Equal("ready\n", File.ReadAllText(Path.Combine(worktree, "setup-marker.txt")));
        Assert.False(File.Exists(Path.Combine(repo, "escaped.txt")), "the person's checkout is read-only to setup.sh");
        Assert.False(File.Exists(Path.Combine(wright.Home, "escaped.txt")), "$WRIGHT_HOME is out of setup.sh's reach");
        Assert.False(File.Exists(Path.Combine(outside, "escaped.txt")), "nothing outside the worktree is writable");

        var events = await server.EventsAsync(id);
        var setup = Setup(events);
        Assert.Equal("started", setup[0].GetProperty("phase").GetString());
        var lines = setup.Where(e => e.GetProperty("phase").GetString() == "output").Select(e => e.GetProperty("text").GetString()!).ToList();
        Assert.Contains("installing deps", lines);
        // The person's checkout and the folder beside it are read-only in the sandbox; $WRIGHT_HOME is hidden behind an
        // empty tmpfs there (a write lands in it and vanishes: the host file was checked above).
        Assert.Contains($"refused {repo}/escaped.txt", lines);
        Assert.Contains($"refused {outside}/escaped.txt", lines);
        Assert.Contains("key=none", lines); // the model's key is not in the script's environment
        var finished = setup[^1];
        Assert.Equal("finished", finished.GetProperty("phase").GetString());
        Assert.Equal(0, finished.GetProperty("exit_code").GetInt32());
        var types = Types(events);
        Assert.True(types.LastIndexOf("setup") < types.IndexOf("turn_started"), string.Join(",", types));
    }

    [Fact]
    public async Task A_failing_or_overlong_setup_script_ends_the_attempt_before_the_agent_with_a_clear_status()
    {
        await using var mock = await AimockServer.StartAsync(Fixtures);
        using var wright = NewWright(mock);
        var failing = RepoWithSetup(wright, "failing", "echo 'compiling…'\necho 'boom' >&2\nexit 3\n");
        var slow = RepoWithSetup(wright, "slow", "echo 'waiting'\nsleep 120 &\nsleep 120\n");
        await TrustAsync(wright, failing);
        await TrustAsync(wright, slow);
        await using var server = await ServeProcess.StartAsync(wright, "--repo-root", wright.Workspace, "--setup-timeout", "3");

        var failed = (await server.CreateAsync(Body(failing))).GetProperty("id").GetString()!;
        var timedOut = (await server.CreateAsync(Body(slow))).GetProperty("id").GetString()!;
        var f = (await server.WaitStatusAsync(failed, "failed")).GetProperty("attempts")[0];
        Assert.Contains("setup.sh exited with 3", f.GetProperty("error").GetString());
        var failedEvents = await server.EventsAsync(failed);
        Assert.DoesNotContain("turn_started", Types(failedEvents));
        var output = Setup(failedEvents).Where(e => e.GetProperty("phase").GetString() == "output").Select(e => e.GetProperty("text").GetString()).ToList();
        Assert.Equal(["compiling…", "boom"], output);
        Assert.Equal(3, Setup(failedEvents)[^1].GetProperty("exit_code").GetInt32());

        var t = (await server.WaitStatusAsync(timedOut, "failed", seconds: 30)).GetProperty("attempts")[0];
        Assert.Contains("did not finish within 3 seconds", t.GetProperty("error").GetString());
        var slowEvents = await server.EventsAsync(timedOut);
        Assert.DoesNotContain("turn_started", Types(slowEvents));
        Assert.Equal(-1, Setup(slowEvents)[^1].GetProperty("exit_code").GetInt32());
        var journal = await mock.JournalAsync();
        Assert.Equal(0, journal.GetArrayLength()); // neither attempt reached the model
    }

    [Fact]
    public async Task An_untrusted_changed_or_linked_setup_script_never_runs()
    {
        await using var mock = await AimockServer.StartAsync(Fixtures);
        using var wright = NewWright(mock);
        var outside = Path.Combine(wright.Root, "outside");
        Directory.CreateDirectory(outside);
        const string Evil = "echo pwned > setup-marker.txt\n";

        // Never trusted.
        var untrusted = RepoWithSetup(wright, "untrusted", Evil);
        // Trusted, then changed in a commit: the worktree's bytes are not what the person trusted.
        var changed = RepoWithSetup(wright, "changed", "echo fine\n");
        await TrustAsync(wright, changed);
        File.WriteAllText(Path.Combine(changed, ".wright", "setup.sh"), Evil);
        GitRepo.Run(changed, "commit", "-q", "-am", "change setup");
        // A link leading out of the repository, even with trust.json recording the hash of the linked script's bytes
        // at the repository's path (as if the person had been tricked into trusting it).
        var linked = Path.Combine(wright.Workspace, "linked");
        GitRepo.Init(linked);
        Directory.CreateDirectory(Path.Combine(linked, ".wright"));
        var target = Path.Combine(outside, "evil.sh");
        File.WriteAllText(target, Evil);
        File.CreateSymbolicLink(Path.Combine(linked, ".wright", "setup.sh"), target);
        GitRepo.Run(linked, "add", "-A");
        GitRepo.Run(linked, "commit", "-q", "-m", "link");
        var hash = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(Evil)));
        File.WriteAllText(Path.Combine(wright.Home, "trust.json"),
            JsonSerializer.Serialize(new Dictionary<string, string>
            {
                [Path.Combine(linked, ".wright", "setup.sh")] = hash,
                [Path.Combine(changed, ".wright", "setup.sh")] = Convert.ToHexStringLower(SHA256.HashData("echo fine\n"u8.ToArray())),
            }, Wright.Tests.Support.TestJson.Default.DictionaryStringString));

        await using var server = await ServeProcess.StartAsync(wright, "--repo-root", wright.Workspace);
        foreach (var (repo, reason) in new[] { (untrusted, "not trusted"), (changed, "not trusted"), (linked, "link leading out") })
        {
            var id = (await server.CreateAsync(Body(repo))).GetProperty("id").GetString()!;
            var done = await server.WaitStatusAsync(id, "succeeded");
            var worktree = done.GetProperty("attempts")[0].GetProperty("worktree").GetString()!;
            Assert.False(File.Exists(Path.Combine(worktree, "setup-marker.txt")), repo);
            var setup = Assert.Single(Setup(await server.EventsAsync(id)));
            Assert.Equal("skipped", setup.GetProperty("phase").GetString());
            Assert.Contains(reason, setup.GetProperty("text").GetString());
        }
    }
}
