using Wright.Permissions.Dependencies;
using Wright.Permissions.Dependencies.Manifests;

namespace Wright.Tests.Permissions.Dependencies;

/// <summary>An install of a package the project already declares or pins is not a new dependency; nothing else is.</summary>
public sealed class PresentPackagesTests : IDisposable
{
    private readonly string _ws = Directory.CreateTempSubdirectory("wright-present-").FullName;

    public void Dispose() => Directory.Delete(_ws, recursive: true);

    private void Write(string relative, string text)
    {
        var path = Path.Combine(_ws, relative);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, text);
    }

    private bool Present(Ecosystem ecosystem, string name, string directory = "") =>
        PresentPackages.IsPresent(new DependencyRequest(ecosystem, name, RequestKind.Package, "test") { Directory = Path.Combine(_ws, directory).TrimEnd('/') }, _ws);

    [Fact]
    public void Npm_manifest_lockfiles_and_parent_folders()
    {
        Write("package.json", """{"dependencies":{"declared-pkg":"^1"}}""");
        Write("package-lock.json", """{"lockfileVersion":3,"packages":{"":{},"node_modules/locked-pkg":{"version":"1.0.0"},"node_modules/a/node_modules/@s/nested":{}}}""");
        Write("web/yarn.lock", "\"yarn-pkg@^1.0.0\":\n  version \"1.0.0\"\n");
        Write("web/pnpm-lock.yaml", "packages:\n\n  pnpm-pkg@2.0.0:\n    resolution: {integrity: sha512-x}\n");
        Assert.True(Present(Ecosystem.Npm, "declared-pkg"));
        Assert.True(Present(Ecosystem.Npm, "locked-pkg"));
        Assert.True(Present(Ecosystem.Npm, "@s/nested"));
        Assert.True(Present(Ecosystem.Npm, "declared-pkg", "web"));
        Assert.True(Present(Ecosystem.Npm, "yarn-pkg", "web"));
        Assert.True(Present(Ecosystem.Npm, "pnpm-pkg", "web"));
        Assert.False(Present(Ecosystem.Npm, "yarn-pkg"));
        Assert.False(Present(Ecosystem.Npm, "declared"));
        Assert.False(Present(Ecosystem.Npm, "evil-pkg"));
    }

    [Fact]
    public void Python_requirements_pyproject_and_lockfiles_compare_normalised()
    {
        Write("requirements-dev.txt", "Flask_Login==0.6\n");
        Write("pyproject.toml", "[project]\nname='x'\ndependencies=['attrs>=23']\n");
        Write("poetry.lock", "[[package]]\nname = \"zope.interface\"\nversion = \"6.0\"\n");
        Assert.True(Present(Ecosystem.PyPI, "flask-login"));
        Assert.True(Present(Ecosystem.PyPI, "ATTRS"));
        Assert.True(Present(Ecosystem.PyPI, "zope-interface"));
        Assert.False(Present(Ecosystem.PyPI, "flask"));
    }

    [Fact]
    public void Cargo_go_nuget_gems_composer()
    {
        Write("Cargo.lock", "[[package]]\nname = \"serde_json\"\nversion = \"1.0.0\"\n");
        Write("go.mod", "module x\n\nrequire github.com/gin-gonic/gin v1.9.0\n");
        Write("src/App/App.csproj", """<Project><ItemGroup><PackageReference Include="Serilog" Version="3" /></ItemGroup></Project>""");
        Write("Gemfile.lock", "GEM\n  specs:\n    rails (7.1.0)\n");
        Write("composer.lock", """{"packages":[{"name": "monolog/monolog","version":"3.0"}]}""");
        Assert.True(Present(Ecosystem.Crates, "serde-json"));
        Assert.True(Present(Ecosystem.Go, "github.com/gin-gonic/gin/binding"));
        Assert.False(Present(Ecosystem.Go, "github.com/gin-gonic/ginx"));
        Assert.True(Present(Ecosystem.NuGet, "serilog", "src/App"));
        Assert.False(Present(Ecosystem.NuGet, "serilog"));
        Assert.True(Present(Ecosystem.RubyGems, "rails"));
        Assert.True(Present(Ecosystem.Packagist, "monolog/monolog"));
    }

    [Fact]
    public void Nothing_outside_the_workspace_counts()
    {
        var outside = Directory.CreateTempSubdirectory("wright-outside-").FullName;
        try
        {
            File.WriteAllText(Path.Combine(outside, "package.json"), """{"dependencies":{"evil-pkg":"1"}}""");
            var request = new DependencyRequest(Ecosystem.Npm, "evil-pkg", RequestKind.Package, "t") { Directory = outside };
            Assert.False(PresentPackages.IsPresent(request, _ws));
        }
        finally
        {
            Directory.Delete(outside, recursive: true);
        }
    }

    [Fact]
    public void A_manifest_that_is_a_link_or_a_fifo_is_not_read()
    {
        var target = Path.Combine(_ws, "elsewhere.json");
        File.WriteAllText(target, """{"dependencies":{"evil-pkg":"1"}}""");
        File.CreateSymbolicLink(Path.Combine(_ws, "package.json"), target);
        Assert.False(Present(Ecosystem.Npm, "evil-pkg"));
        Wright.Tests.Safety.Posix.Fifo(Path.Combine(_ws, "package-lock.json"));
        var timer = System.Diagnostics.Stopwatch.StartNew();
        Assert.False(Present(Ecosystem.Npm, "evil-pkg"));
        Assert.True(timer.Elapsed < TimeSpan.FromSeconds(5), "a FIFO must not block the check");
    }
}
