using Wright.Cli.Distribution;
using Wright.Cli.Text;

namespace Wright.Tests.Cli.Distribution;

public sealed class UpdateSettingsTests : IDisposable
{
    private readonly string _home = Directory.CreateTempSubdirectory("wright-home-").FullName;

    public void Dispose() => Directory.Delete(_home, recursive: true);

    private UpdateSettings Load(params (string Name, string Value)[] variables) =>
        UpdateSettings.Load(name => variables.FirstOrDefault(v => v.Name == name).Value, _home);

    [Fact]
    public void The_environment_beats_the_user_config_and_ci_or_no_update_turn_it_off()
    {
        File.WriteAllText(Path.Combine(_home, "config.json"), """{ "update": { "url": "https://mirror.example/wright", "check": false }, /* c */ }""");

        var fromConfig = Load();
        var fromEnv = Load(("WRIGHT_UPDATE_URL", "https://other.example/r/"));

        Assert.Equal("https://mirror.example/wright/", fromConfig.Url!.ToString());
        Assert.False(fromConfig.CheckAtStart);
        Assert.Null(fromConfig.DisabledBy);
        Assert.Equal("https://other.example/r/", fromEnv.Url!.ToString());
        Assert.Equal("WRIGHT_UPDATE_URL", fromEnv.UrlSource);
        Assert.Equal("WRIGHT_NO_UPDATE", Load(("WRIGHT_NO_UPDATE", "1"), ("CI", "true")).DisabledBy);
        Assert.Equal("CI", Load(("CI", "true")).DisabledBy);
        Assert.Null(Load(("CI", "false"), ("WRIGHT_NO_UPDATE", "0")).DisabledBy);
    }

    [Fact]
    public void Bad_urls_and_bad_config_are_errors_not_guesses()
    {
        Assert.Contains("is refused: use https", Load(("WRIGHT_UPDATE_URL", "http://mirror.example/")).Error);
        File.WriteAllText(Path.Combine(_home, "config.json"), """{ "update": { "url": 42 } }""");
        Assert.Contains("\"update.url\" must be a string", Load().Error);
        File.WriteAllText(Path.Combine(_home, "config.json"), """{ "update": """);
        Assert.StartsWith("cannot read \"update\" in ", Load().Error);
    }

    [Fact]
    public void A_build_without_a_release_url_says_how_to_set_one()
    {
        // Test builds carry no stamped release URL, as developer builds.
        Assert.Null(BuildInfo.DefaultReleaseUrl);
        var settings = Load();
        Assert.Null(settings.Url);
        Assert.Contains("no release URL for this build: set WRIGHT_UPDATE_URL, or \"update\": {\"url\": \"https://…\"} in", settings.Error);
    }
}
