using System.Text.Json;
using Wright.Tests.E2E;

namespace Wright.Tests.Server;

/// <summary>
/// Every git command <c>wright serve</c> runs on the host — worktree add, the attempt's commit, diff, merge, patch,
/// push — is immune to configuration that is not the person's: a repository's own <c>.git/config</c> (and what it
/// includes) and a nested repository the sandbox made inside an attempt's worktree. Filters, diff and merge drivers,
/// <c>receivepack</c>, credential helpers and fsmonitor named there never run; the canaries they would write are
/// outside every sandbox's reach, so a canary proves a program ran on the host.
/// </summary>
public sealed class ServeHostGitTests
{
    private const string Fixtures = """
        {"fixtures":[
          {"match":{"userMessage":"quick work","hasToolResult":false},"response":{"content":"Quick."}},
          {"match":{"userMessage":"one more thing","hasToolResult":false},"response":{"content":"One more thing done."}},
          {"match":{"userMessage":"touch both","hasToolResult":false},"response":{"toolCalls":[{"name":"write_file","arguments":"{\"path\":\"both.txt\",\"content\":\"attempt\\n\"}"}]}},
          {"match":{"userMessage":"touch both","hasToolResult":true},"response":{"content":"Wrote both.txt."}}
        ]}
        """;

    private static string Body(string prompt, string repo) =>
        $$"""{"prompt":"{{prompt}}","repo":{{JsonSerializer.Serialize(repo, Wright.Tests.Support.TestJson.Default.String)}},"model":"deepseek/deepseek-chat"}""";

    private static WrightProcess NewWright(AimockServer mock) =>
        new() { Environment = { ["DEEPSEEK_BASE_URL"] = mock.BaseUrl + "/v1", ["DEEPSEEK_API_KEY"] = "k" } };

    private static string[] Canaries(string dir) => [.. Directory.EnumerateFiles(dir).Select(Path.GetFileName).Order(StringComparer.Ordinal)!];

    [Fact]
    public async Task A_nested_repository_made_in_the_sandbox_never_runs_its_config_when_the_attempt_is_committed()
    {
        await using var mock = await AimockServer.StartAsync(Fixtures);
        using var wright = NewWright(mock);
        var canaries = Path.Combine(wright.Root, "canaries");
        Directory.CreateDirectory(canaries);
        var repo = Path.Combine(wright.Workspace, "demo");
        GitRepo.Init(repo);
        // The trusted setup script is sandboxed code: it makes sub/ a repository whose own config names programs (the
        // host paths are read-only to it, so only a host process could create the canaries) and leaves a tracked
        // file stat-dirty, so that `git status` in sub/ would run the clean filter. The attempt's first commit records
        // sub/ as a gitlink; from then on git asks it for its state on every commit.
        Directory.CreateDirectory(Path.Combine(repo, ".wright"));
        File.WriteAllText(Path.Combine(repo, ".wright", "setup.sh"), $$"""
            set -e
            mkdir sub
            cd sub
            git init -q .
            echo data > f
            git add f
            git -c user.name=s -c user.email=s@s commit -q -m nested
            cat >> .git/config <<'EOF'
            [core]
            	fsmonitor = "touch {{canaries}}/fsmonitor; false"
            [filter "x"]
            	clean = "touch {{canaries}}/clean; cat"
            	process = "touch {{canaries}}/process"
            [diff "x"]
            	textconv = "touch {{canaries}}/textconv; cat"
            EOF
            echo '* filter=x diff=x' > .gitattributes
            touch -d '2001-01-01 00:00' f
            echo nested-ready
            """);
        GitRepo.Run(repo, "add", ".wright/setup.sh");
        GitRepo.Run(repo, "commit", "-q", "-m", "setup");
        var trust = await wright.RunAsync("trust", "--cwd", repo);
        Assert.True(trust.ExitCode == 0, trust.Stderr);
        await using var server = await ServeProcess.StartAsync(wright, "--repo-root", wright.Workspace);

        var id = (await server.CreateAsync(Body("quick work", repo))).GetProperty("id").GetString()!;
        var done = await server.WaitAsync(id, t => t.GetProperty("status").GetString() is "succeeded" or "failed");
        var setup = (await server.EventsAsync(id)).Select(e => e.Data).Where(d => d.GetProperty("type").GetString() == "setup")
            .Select(d => d.TryGetProperty("text", out var t) ? t.GetString() : "").ToList();
        Assert.True(done.GetProperty("status").GetString() == "succeeded", done + "\n" + string.Join("\n", setup));
        var worktree = done.GetProperty("attempts")[0].GetProperty("worktree").GetString()!;
        Assert.True(File.Exists(Path.Combine(worktree, "sub", ".git", "config")), "the setup script made the nested repository");
        // A follow-up commits the worktree again (the nested repository is in the attempt's index by now).
        var (status, body) = await server.SendAsync(HttpMethod.Post, $"/api/tasks/{id}/follow-up", """{"message":"one more thing"}""");
        Assert.True(status == 200, body.ToString());
        await server.WaitAsync(id, t => t.GetProperty("attempts")[0].GetProperty("result").GetString() == "One more thing done."
            && t.GetProperty("status").GetString() == "succeeded");
        var diff = await server.GetJsonAsync($"/api/tasks/{id}/attempts/1/diff");
        Assert.Empty(Canaries(canaries));

        // Nothing is lost: the attempt's branch records the nested repository at its own HEAD.
        var nestedHead = GitRepo.Run(Path.Combine(worktree, "sub"), "-c", "core.fsmonitor=false", "-c", "filter.x.clean=", "-c", "filter.x.process=", "rev-parse", "HEAD").Trim();
        Assert.Contains($"160000 commit {nestedHead}\tsub", GitRepo.Run(repo, "ls-tree", $"wright/{id}-1", "sub"));
        Assert.Contains("sub", diff.GetProperty("diff").GetString());
        Assert.Empty(Canaries(canaries));
    }

    [Fact]
    public async Task A_repositorys_own_config_runs_nothing_on_the_host_through_worktree_commit_diff_merge_patch_or_push()
    {
        await using var mock = await AimockServer.StartAsync(Fixtures);
        using var wright = NewWright(mock);
        var canaries = Path.Combine(wright.Root, "canaries");
        Directory.CreateDirectory(canaries);
        var repo = Path.Combine(wright.Workspace, "hostile");
        GitRepo.Init(repo);
        File.WriteAllText(Path.Combine(repo, ".gitattributes"), "* filter=x diff=x merge=x\n");
        GitRepo.Run(repo, "add", "-A");
        GitRepo.Run(repo, "commit", "-q", "-m", "attributes");
        var remote = Path.Combine(wright.Root, "remote.git");
        GitRepo.Run(wright.Root, "init", "-q", "--bare", remote);
        // What a repository from an archive can carry in .git/config: every program git may start on its own.
        var local = $$"""
            [core]
            	fsmonitor = "touch {{canaries}}/fsmonitor; false"
            	askPass = "touch {{canaries}}/askpass"
            [filter "x"]
            	clean = "touch {{canaries}}/clean; cat"
            	smudge = "touch {{canaries}}/smudge; cat"
            	process = "touch {{canaries}}/process"
            	required = true
            [diff "x"]
            	textconv = "touch {{canaries}}/textconv; cat"
            	command = "touch {{canaries}}/diffcommand"
            [remote "origin"]
            	url = {{remote}}
            	receivepack = "touch {{canaries}}/receivepack; git-receive-pack"
            	uploadpack = "touch {{canaries}}/uploadpack; git-upload-pack"
            [credential]
            	helper = "!touch {{canaries}}/credential"
            [merge]
            	verifySignatures = true
            [gpg]
            	program = "touch {{canaries}}/gpg"
            [include]
            	path = included.cfg
            """;
        File.AppendAllText(Path.Combine(repo, ".git", "config"), local);
        // An included file's drivers are the repository's too.
        File.WriteAllText(Path.Combine(repo, ".git", "included.cfg"), $$"""
            [merge "x"]
            	driver = "touch {{canaries}}/merge; false"
            """);
        Assert.Empty(Canaries(canaries));
        await using var server = await ServeProcess.StartAsync(wright, "--repo-root", wright.Workspace);

        var id = (await server.CreateAsync(Body("touch both", repo))).GetProperty("id").GetString()!;
        var done = await server.WaitAsync(id, t => t.GetProperty("status").GetString() is "succeeded" or "failed");
        Assert.Empty(Canaries(canaries));
        Assert.True(done.GetProperty("status").GetString() == "succeeded", done.ToString());
        var worktree = done.GetProperty("attempts")[0].GetProperty("worktree").GetString()!;
        Assert.Equal("attempt\n", File.ReadAllText(Path.Combine(worktree, "both.txt")));
        var diff = await server.GetJsonAsync($"/api/tasks/{id}/attempts/1/diff");
        Assert.Contains("+attempt", diff.GetProperty("diff").GetString());
        Assert.Equal("both.txt", Assert.Single(diff.GetProperty("files").EnumerateArray()).GetProperty("path").GetString());

        var (patchStatus, patch) = await server.SendAsync(HttpMethod.Post, $"/api/tasks/{id}/attempts/1/apply", """{"method":"patch"}""");
        Assert.True(patchStatus == 200, patch.ToString());
        Assert.Contains("+attempt", patch.GetProperty("patch").GetString());
        var (pushStatus, pushed) = await server.SendAsync(HttpMethod.Post, $"/api/tasks/{id}/attempts/1/apply", """{"method":"push","into":"review/both"}""");
        Assert.True(pushStatus == 200, pushed.ToString());
        Assert.Equal(GitRepo.Run(repo, "rev-parse", $"wright/{id}-1").Trim(), GitRepo.Run(remote, "rev-parse", "review/both").Trim());

        // The person added both.txt meanwhile: the merge needs the (neutralised) merge driver and conflicts.
        File.WriteAllText(Path.Combine(repo, "both.txt"), "person\n");
        GitRepo.Run(repo, "-c", "filter.x.clean=", "-c", "filter.x.process=", "-c", "filter.x.required=false", "-c", "core.fsmonitor=false", "add", "both.txt");
        GitRepo.Run(repo, "-c", "filter.x.clean=", "-c", "filter.x.process=", "-c", "filter.x.required=false", "-c", "core.fsmonitor=false", "commit", "-q", "-m", "person");
        var (mergeStatus, merged) = await server.SendAsync(HttpMethod.Post, $"/api/tasks/{id}/attempts/1/apply", """{"method":"merge"}""");
        Assert.False(mergeStatus == 200 && merged.GetProperty("applied").GetBoolean(), merged.ToString());
        Assert.Contains("both.txt", merged.ToString());
        Assert.Equal("person\n", File.ReadAllText(Path.Combine(repo, "both.txt")));
        Assert.Empty(Canaries(canaries));
    }
}
