using Wright.Permissions.Dependencies;
using Wright.Permissions.Dependencies.Popularity;

namespace Wright.Tests.Permissions.Dependencies;

/// <summary>Near-twins of popular packages, and the "did you mean" of names that do not exist.</summary>
public sealed class ConfusablesTests
{
    [Theory]
    [InlineData(Ecosystem.Npm, "expresss", "express", TwinKind.Edits)]
    [InlineData(Ecosystem.Npm, "lodahs", "lodash", TwinKind.Edits)]
    [InlineData(Ecosystem.Npm, "cross_env", "cross-env", TwinKind.Separators)]
    [InlineData(Ecosystem.Npm, "node-chalk", "chalk", TwinKind.Affix)]
    [InlineData(Ecosystem.Npm, "@evil/lodash", "lodash", TwinKind.OtherScope)]
    [InlineData(Ecosystem.Npm, "@typse/node", "@types/node", TwinKind.Edits)]
    [InlineData(Ecosystem.PyPI, "reqeusts", "requests", TwinKind.Edits)]
    [InlineData(Ecosystem.PyPI, "python-requests", "requests", TwinKind.Affix)]
    [InlineData(Ecosystem.PyPI, "beautifulsoup", "beautifulsoup4", TwinKind.Edits)]
    [InlineData(Ecosystem.PyPI, "pythondateutil", "python-dateutil", TwinKind.Separators)]
    [InlineData(Ecosystem.Crates, "serde_jsonn", "serde_json", TwinKind.Edits)]
    [InlineData(Ecosystem.Go, "github.com/boltdb-go/bolt", "github.com/boltdb/bolt", TwinKind.OtherOwner)]
    [InlineData(Ecosystem.Go, "github.com/gin-gonlc/gin", "github.com/gin-gonic/gin", TwinKind.Edits)]
    [InlineData(Ecosystem.NuGet, "Newtonsoft.Jsn", "Newtonsoft.Json", TwinKind.Edits)]
    [InlineData(Ecosystem.RubyGems, "rials", "rails", TwinKind.Edits)]
    [InlineData(Ecosystem.Packagist, "laravel/framwork", "laravel/framework", TwinKind.Edits)]
    public void Near_twins_of_popular_names_are_found(Ecosystem ecosystem, string name, string popular, TwinKind kind)
    {
        var twin = Confusables.NearTwin(ecosystem, name);
        Assert.NotNull(twin);
        Assert.Equal(popular, twin.Popular);
        Assert.Equal(kind, twin.Kind);
    }

    [Theory]
    [InlineData(Ecosystem.Npm, "express")]
    [InlineData(Ecosystem.Npm, "react-dom")]
    [InlineData(Ecosystem.Npm, "a-completely-different-name")]
    [InlineData(Ecosystem.PyPI, "Requests")]
    [InlineData(Ecosystem.PyPI, "requests_oauthlib")]
    [InlineData(Ecosystem.PyPI, "my-own-internal-tool")]
    [InlineData(Ecosystem.Crates, "serde-json")]
    [InlineData(Ecosystem.Go, "github.com/me/my-service")]
    public void Popular_names_and_unrelated_names_are_no_twins(Ecosystem ecosystem, string name) => Assert.Null(Confusables.NearTwin(ecosystem, name));

    [Fact]
    public void Short_names_need_an_exact_match()
    {
        // "ms" and "qs" are popular two-letter packages; a third two-letter name is not their twin.
        Assert.Null(Confusables.NearTwin(Ecosystem.Npm, "xs"));
    }

    [Theory]
    [InlineData(Ecosystem.Npm, "expres", "express")]
    [InlineData(Ecosystem.Npm, "reactt", "react")]
    [InlineData(Ecosystem.PyPI, "numpyy", "numpy")]
    [InlineData(Ecosystem.PyPI, "beautifulsoup5", "beautifulsoup4")]
    [InlineData(Ecosystem.Crates, "tokyo", "tokio")]
    public void Missing_names_get_the_closest_popular_names(Ecosystem ecosystem, string name, string first) =>
        Assert.Equal(first, Confusables.Suggestions(ecosystem, name)[0]);

    [Fact]
    public void A_made_up_name_far_from_everything_gets_no_suggestion() =>
        Assert.Empty(Confusables.Suggestions(Ecosystem.Npm, "zqxjvwk-hallucinated-integration-toolkit"));

    [Fact]
    public void The_lists_are_shipped_and_ordered_by_popularity()
    {
        Assert.Equal("semver", PopularPackages.Of(Ecosystem.Npm).Names[0]);
        Assert.Equal("boto3", PopularPackages.Of(Ecosystem.PyPI).Names[0]);
        foreach (var ecosystem in Enum.GetValues<Ecosystem>())
            Assert.True(PopularPackages.Of(ecosystem).Names.Count >= 150, ecosystem.ToString());
    }
}
