using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Wright.Mcp.Server;
using Wright.Server;
using Wright.Tasks.Scheduling;
using Wright.Tasks.Store;

namespace Wright.Tests.Server;

/// <summary>
/// A fleet's <c>file://</c> URL must name a repository inside the server's roots as git reads it, not only as the
/// server reads it: git percent-decodes a <c>file://</c> path, so a directory inside the roots whose name is itself
/// percent-encoded (<c>%2e%2e</c>, which anyone who can make a directory in a root can create) must not become
/// <c>..</c> when git decodes the URL the server stored. Whatever git clones is the repository the roots allowed.
/// </summary>
public sealed class FileUrlRootsTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("wright-file-url-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Theory]
    [InlineData("%252e%252e/secret")]          // decoded once by the server: root/%2e%2e/secret; by git: root/../secret
    [InlineData("a%252F..%252F..%252Fsecret")] // decoded once: root/a%2F..%2F..%2Fsecret; by git: root/a/../../secret
    public async Task A_file_url_reaches_only_what_the_roots_allow_as_git_decodes_it(string tail)
    {
        var ct = TestContext.Current.CancellationToken;
        var root = Path.Combine(_dir, "root");
        // Outside the roots: a repository the task must never read (or push to).
        var secret = Path.Combine(_dir, "secret");
        GitRepo.Init(secret);
        File.WriteAllText(Path.Combine(secret, "secret.txt"), "outside the roots\n");
        GitRepo.Run(secret, "add", "-A");
        GitRepo.Run(secret, "-c", "user.name=S", "-c", "user.email=s@s", "commit", "-q", "-m", "secret");
        var secretHead = GitRepo.Run(secret, "rev-parse", "HEAD").Trim();
        // Inside the roots: directories named like percent-escapes, as the server's one decoding leaves them.
        var literal = Uri.UnescapeDataString(tail);
        var inside = Path.Combine(root, literal);
        Directory.CreateDirectory(Path.Combine(root, "a"));
        GitRepo.Init(inside);
        var insideHead = GitRepo.Run(inside, "rev-parse", "HEAD").Trim();

        var mirrored = new List<string>();
        using var store = SqliteTaskStore.Open(Path.Combine(_dir, "wright.db"));
        await using var scheduler = new InProcessScheduler(store, new SchedulerOptions { WorktreeRoot = Path.Combine(_dir, "wt") });
        var server = await TaskServer.StartAsync(new ServerOptions
        {
            Port = 0,
            Token = "token-0123456789",
            Roots = new WorkspaceRoots([root], root, null, null, p => Directory.Exists(p) ? Wright.Runtime.WrightRuntime.Canonicalize(p) : null),
            CloneRoot = Path.Combine(_dir, "repos"),
            Mirror = async (url, token) =>
            {
                // What a node does with the URL: git clones it.
                var mirror = Path.Combine(_dir, "mirror-" + mirrored.Count);
                mirrored.Add(url);
                var clone = await Wright.Tasks.Git.GitRunner.RunAsync(_dir, token, "clone", "--quiet", "--bare", "--end-of-options", url, mirror);
                return clone.Ok ? mirror : throw new IOException(clone.Stderr.Trim());
            },
        }, scheduler, ct);
        await using (server)
        {
            using var http = new HttpClient { BaseAddress = server.Url, Timeout = TimeSpan.FromSeconds(30) };
            http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", "token-0123456789");
            var repo = "file://" + root + "/" + tail;
            var body = $$"""{"prompt":"x","repo":{{JsonSerializer.Serialize(repo, Wright.Tests.Support.TestJson.Default.String)}},"model":"deepseek/deepseek-chat"}""";
            using var response = await http.PostAsync("/api/tasks", new StringContent(body, Encoding.UTF8, "application/json"), ct);
            var text = await response.Content.ReadAsStringAsync(ct);

            // Refused or accepted: no clone made from the URL ever holds the outside repository's history.
            for (var i = 0; i < mirrored.Count; i++)
            {
                var mirror = Path.Combine(_dir, "mirror-" + i);
                if (Directory.Exists(mirror))
                    Assert.DoesNotContain(secretHead, GitRepo.Run(mirror, "rev-list", "--all"), StringComparison.Ordinal);
            }

            // The repository inside the roots, named by that path, is what the node mirrors (the task itself is then
            // refused here for want of a model key, which is checked after the repository).
            Assert.Single(mirrored);
            Assert.Contains(insideHead, GitRepo.Run(Path.Combine(_dir, "mirror-0"), "rev-list", "--all"), StringComparison.Ordinal);
            Assert.DoesNotContain("outside the roots", text, StringComparison.Ordinal);
        }
    }
}
