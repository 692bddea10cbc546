using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Wright.Mcp.Server;
using Wright.Server;
using Wright.Tasks.Scheduling;
using Wright.Tasks.Store;

namespace Wright.Tests.Server;

/// <summary>
/// A task's repository URL, on the single-machine server (cloned there) and on a fleet node (kept, mirrored by each
/// node): one that git would read as an option, that names a program-running transport or that carries a secret is
/// refused with the reason before any git runs — no clone, no mirror, no file the command would have made.
/// </summary>
public sealed class RepositoryUrlTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("wright-repo-url-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task A_hostile_url_is_refused_with_the_reason_before_git_sees_it(bool fleet)
    {
        var ct = TestContext.Current.CancellationToken;
        var pwned = Path.Combine(_dir, "pwned");
        var mirrored = new List<string>();
        using var store = SqliteTaskStore.Open(Path.Combine(_dir, "wright.db"));
        await using var scheduler = new InProcessScheduler(store, new SchedulerOptions { WorktreeRoot = Path.Combine(_dir, "wt") });
        var server = await TaskServer.StartAsync(new ServerOptions
        {
            Port = 0,
            Token = "token-0123456789",
            Roots = new WorkspaceRoots([_dir], _dir, null, null, Path.GetFullPath),
            CloneRoot = Path.Combine(_dir, "repos"),
            Mirror = fleet ? (url, _) => { mirrored.Add(url); throw new IOException("unexpected"); } : null,
        }, scheduler, ct);
        await using (server)
        {
            using var http = new HttpClient { BaseAddress = server.Url, Timeout = TimeSpan.FromSeconds(30) };
            http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", "token-0123456789");
            (string Repo, string Reason)[] hostile =
            [
                ($"ext::sh -c touch% {pwned}", "'ext::' transport runs a program"),
                ($"--upload-pack=touch {pwned}", "starts with '-'"),
                ($"ssh://-oProxyCommand=touch%20{pwned}/r.git", "a host that starts with '-'"),
                ("https://wright:s3cret-token@example.com/r.git", "carries credentials"),
            ];
            foreach (var (repo, reason) in hostile)
            {
                var body = $$"""{"prompt":"x","repo":{{JsonSerializer.Serialize(repo, Wright.Tests.Support.TestJson.Default.String)}}}""";
                using var response = await http.PostAsync("/api/tasks", new StringContent(body, Encoding.UTF8, "application/json"), ct);
                var text = await response.Content.ReadAsStringAsync(ct);
                Assert.True((int)response.StatusCode == 400, $"{repo}: {(int)response.StatusCode} {text}");
                Assert.Contains(reason, JsonDocument.Parse(text).RootElement.GetProperty("detail").GetString(), StringComparison.Ordinal);
                Assert.DoesNotContain("s3cret-token", text, StringComparison.Ordinal);
            }

            Assert.False(File.Exists(pwned));
            Assert.Empty(mirrored);
            Assert.False(Directory.Exists(Path.Combine(_dir, "repos")));
            Assert.Empty(scheduler.List());
        }
    }
}
