using System.Collections.Concurrent;
using Wright.Permissions.Dependencies;
using Wright.Permissions.Dependencies.Registries;
using Wright.Tests.Support;

namespace Wright.Tests.Permissions.Dependencies;

/// <summary>
/// Each registry's API as Wright reads it — the Go module proxy, NuGet's search service, rubygems.org and Packagist
/// here (npm, PyPI and crates.io are served by <see cref="MockRegistry"/>) — in the shapes those services answer.
/// </summary>
public sealed class RegistryClientTests
{
    private static readonly HttpClient Http = new();

    private static async Task<(RegistryAnswer Answer, List<string> Asked)> LookUp(Ecosystem ecosystem, string name, Func<string, (int Status, string Body)> serve, bool reachable = true)
    {
        var asked = new ConcurrentQueue<string>();
        using var server = new TinyHttpServer((req, res) =>
        {
            asked.Enqueue(req.RawUrl!);
            var (status, body) = serve(req.RawUrl!);
            return TinyHttpServer.Write(res, body, "application/json", status);
        });
        var endpoints = new RegistryEndpoints();
        endpoints.Set(PackageNames.Key(ecosystem), server.BaseUrl);
        // The deadline covers the whole look-up (several requests); it only guards against a hang, so it is generous:
        // under the release group's load 5 s was once too short and the answer came back "unreachable".
        var client = new RegistryClient(Http, endpoints, cacheDirectory: null) { Timeout = TimeSpan.FromSeconds(60) };
        var answer = await client.LookupAsync(ecosystem, name, cacheOnly: false, CancellationToken.None);
        if (reachable)
            Assert.True(answer.Facts is not null, $"no facts for {name}: {answer.Unreachable ?? "not asked"}");
        return (answer, [.. asked]);
    }

    [Fact]
    public async Task Go_looks_up_the_module_above_a_package_path_and_dates_its_first_version()
    {
        var (answer, asked) = await LookUp(Ecosystem.Go, "github.com/Evil/tool/cmd/x", url => url switch
        {
            "/github.com/!evil/tool/@v/list" => (200, "v1.2.0\nv1.10.0\nv0.9.0-beta.1\nv0.9.0\n"),
            "/github.com/!evil/tool/@v/v0.9.0-beta.1.info" => (200, """{"Version":"v0.9.0-beta.1","Time":"2019-03-04T05:06:07Z"}"""),
            _ => (404, "not found: module github.com/Evil/tool/cmd/x: no matching versions"),
        });

        Assert.True(answer.Facts!.Exists);
        Assert.Equal(new DateTimeOffset(2019, 3, 4, 5, 6, 7, TimeSpan.Zero), answer.Facts.FirstPublished);
        Assert.Equal(4, answer.Facts.Versions);
        Assert.Equal(["/github.com/!evil/tool/cmd/x/@v/list", "/github.com/!evil/tool/cmd/@v/list", "/github.com/!evil/tool/@v/list", "/github.com/!evil/tool/@v/v0.9.0-beta.1.info"], asked);
    }

    [Fact]
    public async Task Go_a_module_with_only_pseudo_versions_is_dated_by_latest_and_a_gone_one_is_missing()
    {
        var (answer, _) = await LookUp(Ecosystem.Go, "example.com/mod", url => url switch
        {
            "/example.com/mod/@v/list" => (200, ""),
            "/example.com/mod/@latest" => (200, """{"Version":"v0.0.0-20240101000000-abcdef123456","Time":"2024-01-01T00:00:00Z"}"""),
            _ => (404, "not found"),
        });
        Assert.Equal(2024, answer.Facts!.FirstPublished!.Value.Year);

        var (gone, _) = await LookUp(Ecosystem.Go, "github.com/made/up", _ => (410, "not found: repository does not exist"));
        Assert.False(gone.Facts!.Exists);
    }

    [Fact]
    public async Task NuGet_reads_the_exact_id_from_the_search_service()
    {
        var (answer, asked) = await LookUp(Ecosystem.NuGet, "Newtonsoft.Json", _ => (200, """
            {"totalHits":2,"data":[
              {"id":"Newtonsoft.Json.Bson","version":"1.0.2","totalDownloads":9000000,"projectUrl":"https://www.newtonsoft.com/json","versions":[{"version":"1.0.2","downloads":1}]},
              {"id":"Newtonsoft.Json","version":"13.0.3","totalDownloads":4512345678,"projectUrl":"https://www.newtonsoft.com/json","verified":true,
               "versions":[{"version":"3.5.8","downloads":1},{"version":"13.0.3","downloads":2}]}]}
            """));
        Assert.True(answer.Facts!.Exists);
        Assert.Equal(4512345678, answer.Facts.TotalDownloads);
        Assert.Equal(2, answer.Facts.Versions);
        Assert.StartsWith("/query?q=packageid:Newtonsoft.Json&", asked[0], StringComparison.Ordinal);

        var (missing, _) = await LookUp(Ecosystem.NuGet, "Newtonsoft.Jsonn", _ => (200, """{"totalHits":0,"data":[]}"""));
        Assert.False(missing.Facts!.Exists);
    }

    [Fact]
    public async Task RubyGems_reads_downloads_links_and_the_first_version()
    {
        var (answer, _) = await LookUp(Ecosystem.RubyGems, "rails", url => url switch
        {
            "/api/v1/gems/rails.json" => (200, """{"name":"rails","downloads":612345678,"version":"7.1.3","source_code_uri":"https://github.com/rails/rails/tree/v7.1.3","homepage_uri":"https://rubyonrails.org"}"""),
            "/api/v1/versions/rails.json" => (200, """[{"number":"7.1.3","created_at":"2024-01-16T21:00:00.000Z"},{"number":"0.8.0","created_at":"2004-07-25T00:00:00.000Z"}]"""),
            _ => (404, "This rubygem could not be found."),
        });
        Assert.Equal(612345678, answer.Facts!.TotalDownloads);
        Assert.True(answer.Facts.HasRepository);
        Assert.Equal(2004, answer.Facts.FirstPublished!.Value.Year);

        var (missing, _) = await LookUp(Ecosystem.RubyGems, "rials", _ => (404, "This rubygem could not be found."));
        Assert.False(missing.Facts!.Exists);
    }

    [Fact]
    public async Task Packagist_reads_creation_repository_and_downloads()
    {
        var (answer, asked) = await LookUp(Ecosystem.Packagist, "monolog/monolog", _ => (200, """
            {"package":{"name":"monolog/monolog","time":"2011-02-15T19:11:20+00:00","repository":"https://github.com/Seldaek/monolog",
             "downloads":{"total":912345678,"monthly":12345678,"daily":400000},"favers":21000,"versions":{"3.5.0":{},"dev-main":{}}}}
            """));
        Assert.Equal(2011, answer.Facts!.FirstPublished!.Value.Year);
        Assert.Equal(12345678L * 7 / 30, answer.Facts.WeeklyDownloads);
        Assert.Equal(2, answer.Facts.Versions);
        Assert.Equal("/packages/monolog/monolog.json", asked[0]);
    }

    [Theory]
    [InlineData(500)]
    [InlineData(503)]
    [InlineData(429)]
    [InlineData(403)]
    public async Task An_error_status_is_unreachable_never_missing(int status)
    {
        var (answer, _) = await LookUp(Ecosystem.Packagist, "vendor/pkg", _ => (status, "{}"), reachable: false);
        Assert.Null(answer.Facts);
        Assert.Contains($"HTTP {status}", answer.Unreachable, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_registry_that_never_answers_hits_the_deadline()
    {
        var release = new TaskCompletionSource();
        using var server = new TinyHttpServer(async (_, res) =>
        {
            await release.Task;
            await TinyHttpServer.Write(res, "{}", "application/json");
        });
        var endpoints = new RegistryEndpoints();
        endpoints.Set("npm", server.BaseUrl);
        endpoints.Set("npm_downloads", server.BaseUrl);
        var client = new RegistryClient(Http, endpoints, null) { Timeout = TimeSpan.FromMilliseconds(300) };
        var answer = await client.LookupAsync(Ecosystem.Npm, "slow-pkg", false, CancellationToken.None);
        release.SetResult();
        Assert.Contains("did not answer within", answer.Unreachable, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_corrupt_or_foreign_cache_file_is_ignored()
    {
        using var f = new GuardFixture();
        Assert.Equal(VerdictKind.Allowed, (await f.AssessAsync("npm i left-pad"))!.Kind);
        foreach (var file in Directory.GetFiles(f.Cache))
            File.WriteAllText(file, """{"name":"left-pad","registry":"elsewhere","exists":true,"expires":"2999-01-01T00:00:00Z","fetched":"2020-01-01T00:00:00Z"}""");
        f.NewGuard();
        var before = f.Registry.Requests.Count;
        Assert.Equal(VerdictKind.Allowed, (await f.AssessAsync("npm i left-pad"))!.Kind);
        Assert.True(f.Registry.Requests.Count > before, "a cache entry of another registry must not answer");
    }

    [Fact]
    public void Go_paths_are_case_encoded() => Assert.Equal("github.com/!burnt!sushi/toml", RegistryClient.EscapeGoPath("github.com/BurntSushi/toml"));
}
