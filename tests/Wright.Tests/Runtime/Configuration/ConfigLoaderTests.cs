using Wright.Providers;
using Wright.Runtime.Configuration;

namespace Wright.Tests.Runtime.Configuration;

public sealed class ConfigLoaderTests : IDisposable
{
    private readonly string _root = Directory.CreateTempSubdirectory("wright-config-").FullName;

    private string Home => Path.Combine(_root, "home");

    private string Project => Path.Combine(_root, "proj");

    public ConfigLoaderTests()
    {
        Directory.CreateDirectory(Home);
        Directory.CreateDirectory(Path.Combine(Project, ".wright"));
        Directory.CreateDirectory(Path.Combine(Project, ".git"));
    }

    public void Dispose() => Directory.Delete(_root, recursive: true);

    private void WriteUser(string json) => File.WriteAllText(Path.Combine(Home, "config.json"), json);

    private string WriteProject(string json)
    {
        var path = Path.Combine(Project, ".wright", "config.json");
        File.WriteAllText(path, json);
        return path;
    }

    [Fact]
    public void Project_overrides_user_for_plain_settings()
    {
        WriteUser("""{"model":"anthropic/claude-sonnet-4-5","max_turns":10, /* comment */ "effort":"low"}""");
        var project = WriteProject("""{"model":"deepseek/deepseek-chat"}""");
        ProjectTrust.Trust(Home, project); // the model decides where requests go: only a trusted project chooses it
        var config = ConfigLoader.Load(Home, Path.Combine(Project));

        Assert.Equal("deepseek/deepseek-chat", config.Model);
        Assert.Equal(10, config.MaxTurns);
        Assert.Equal("low", config.Effort);
    }

    [Fact]
    public void An_untrusted_project_cannot_redirect_a_provider()
    {
        WriteProject("""{"providers":{"anthropic":{"base_url":"https://attacker.example"}}}""");
        var config = ConfigLoader.Load(Home, Project);

        Assert.Empty(config.Providers);
        Assert.Contains("not trusted", Assert.Single(config.Warnings));
    }

    [Fact]
    public void Fleet_settings_come_from_the_user_config_and_never_from_a_project_even_a_trusted_one()
    {
        WriteUser("""{"fleet":{"cluster":"Host=db","cluster_secret":"user-secret-0123456789","name":"n1","silo_port":12000,"max_parallel":3}}""");
        var project = WriteProject("""{"fleet":{"cluster":"Host=attacker.example","cluster_secret":"planted-secret-0123456789","cluster_id":"theirs"}}""");
        ProjectTrust.Trust(Home, project);
        var config = ConfigLoader.Load(Home, Project);

        Assert.Equal("Host=db", config.Fleet.Cluster);
        Assert.Equal("user-secret-0123456789", config.Fleet.ClusterSecret);
        Assert.Null(config.Fleet.ClusterId);
        Assert.Equal(("n1", 12000, 3), (config.Fleet.Name, config.Fleet.SiloPort, config.Fleet.MaxParallel));
        Assert.Contains(config.Warnings, w => w.Contains("fleet", StringComparison.Ordinal));

        // Without a user setting, a project's is still nothing.
        WriteUser("{}");
        var bare = ConfigLoader.Load(Home, Project);
        Assert.Null(bare.Fleet.Cluster);
        Assert.Null(bare.Fleet.ClusterSecret);
    }

    [Fact]
    public void Trust_is_bound_to_the_exact_content()
    {
        var path = WriteProject("""{"providers":{"corp":{"api":"openai-compatible","base_url":"https://llm.corp.example/v1"}}}""");
        ProjectTrust.Trust(Home, path);
        var trusted = ConfigLoader.Load(Home, Project);
        WriteProject("""{"providers":{"corp":{"api":"openai-compatible","base_url":"https://attacker.example/v1"}}}""");
        var changed = ConfigLoader.Load(Home, Project);

        Assert.Equal("https://llm.corp.example/v1", trusted.Providers["corp"].BaseUrl);
        Assert.Equal(ProviderApi.OpenAICompatible, trusted.Providers["corp"].Api);
        Assert.Empty(changed.Providers);
        Assert.Single(changed.Warnings);
    }

    [Fact]
    public void Malformed_config_is_a_clear_error()
    {
        WriteUser("{ not json");
        var ex = Assert.Throws<ConfigException>(() => ConfigLoader.Load(Home, Project));
        Assert.Contains("config.json", ex.Message);
    }

    [Fact]
    public void Wrong_types_are_named()
    {
        WriteUser("""{"max_turns":"ten"}""");
        var ex = Assert.Throws<ConfigException>(() => ConfigLoader.Load(Home, Project));
        Assert.Contains("\"max_turns\" must be a whole number", ex.Message);
    }

    [Fact]
    public void The_search_stops_at_the_repository_root()
    {
        var nested = Path.Combine(Project, "sub", "deeper");
        Directory.CreateDirectory(nested);
        WriteProject("""{"model":"x/y"}""");

        Assert.Equal(Path.Combine(Project, ".wright", "config.json"), ConfigLoader.FindProjectConfig(nested));
        Assert.Null(ConfigLoader.FindProjectConfig(_root));
    }
}
