using Wright.Permissions.Dependencies;
using Wright.Permissions.Dependencies.Manifests;

namespace Wright.Tests.Permissions.Dependencies;

/// <summary>Only what a change adds counts: new names, names moved to a URL or another index; never a version bump.</summary>
public sealed class ManifestChangesTests
{
    private static string New(string file, string? before, string? after) =>
        string.Join(" | ", ManifestChanges.NewEntries(ManifestFiles.Classify(file)!, before, after, file).Select(r => $"{r.Kind}:{r.Name}"));

    [Fact]
    public void Package_json_new_dependencies_in_every_section()
    {
        var before = """{"name":"app","dependencies":{"express":"^4.18.0"},"devDependencies":{"jest":"^29"}}""";
        var after = """
            {"name":"app","dependencies":{"express":"^4.19.0","evil-pkg":"^1.0.0","@evil/scoped":"2"},
             "devDependencies":{"jest":"^29","evil-dev":"*"},"optionalDependencies":{"evil-opt":"1"},"peerDependencies":{"evil-peer":">=1"},
             "scripts":{"postinstall":"npm i not-a-dependency"}}
            """;
        Assert.Equal("Package:evil-pkg | Package:@evil/scoped | Package:evil-dev | Package:evil-opt | Package:evil-peer", New("package.json", before, after));
    }

    [Fact]
    public void Package_json_version_changes_and_local_links_add_nothing()
    {
        var before = """{"dependencies":{"express":"^4.18.0"}}""";
        var after = """{"dependencies":{"express":"5.0.0","lib":"file:../lib","ws-lib":"workspace:*","linked":"link:../x"}}""";
        Assert.Equal("", New("package.json", before, after));
    }

    [Fact]
    public void Package_json_moving_a_dependency_to_a_url_or_alias_is_new()
    {
        var before = """{"dependencies":{"lodash":"^4.17.21","chalk":"^5"}}""";
        var after = """{"dependencies":{"lodash":"git+https://github.com/evil/lodash.git","chalk":"npm:chalk-evil@1.0.0"}}""";
        Assert.Equal("Url:lodash: git+https://github.com/evil/lodash.git | Package:chalk-evil", New("package.json", before, after));
    }

    [Fact]
    public void A_new_manifest_counts_everything_in_it() =>
        Assert.Equal("Package:a-pkg | Package:b-pkg", New("package.json", null, """{"dependencies":{"a-pkg":"1","b-pkg":"2"}}"""));

    [Fact]
    public void Requirements_lines_options_hashes_and_markers()
    {
        var before = "requests==2.31.0\n";
        var after = """
            # pinned
            requests==2.32.0 --hash=sha256:abc
            evil-pkg[socks]>=1.0 ; python_version < "3.12"  # comment
            Evil_Other==1 \
                --hash=sha256:def
            -e git+https://github.com/evil/editable#egg=editable
            -e ./local-lib
            --extra-index-url https://pypi.evil.test/simple
            -r more-requirements.txt
            ./wheels/local-1.0-py3-none-any.whl
            """;
        Assert.Equal("Package:evil-pkg | Package:Evil_Other | Url:git+https://github.com/evil/editable#egg=editable | OtherIndex:https://pypi.evil.test/simple"
            + " | FromInput:more-requirements.txt",
            New("requirements.txt", before, after));
    }

    [Fact]
    public void Requirements_names_compare_as_pypi_does() =>
        Assert.Equal("", New("requirements/dev.txt", "Requests_OAuthlib==1\n", "requests-oauthlib==2\n"));

    [Fact]
    public void Pyproject_pep621_groups_build_poetry_and_uv()
    {
        var before = """
            [project]
            name = "app"
            dependencies = ["requests>=2"]
            """;
        var after = """
            [build-system]
            requires = ["setuptools>=61", "evil-build"]

            [project]
            name = "app"
            dependencies = ["requests>=2", "evil-main[extra]>=1", "from-git", "local-member"]

            [project.optional-dependencies]
            cli = ["evil-optional"]

            [dependency-groups]
            dev = ["evil-dev", {include-group = "cli"}]

            [tool.uv.sources]
            from-git = { git = "https://github.com/evil/from-git" }
            local-member = { workspace = true }

            [tool.poetry.dependencies]
            python = "^3.11"
            evil-poetry = "^1.0"
            evil-table = { version = "^2", extras = ["x"] }
            evil-private = { version = "*", source = "corp" }
            evil-path = { path = "../lib" }

            [[tool.poetry.source]]
            name = "corp"
            url = "https://pypi.corp.test/simple"
            """;
        Assert.Equal(
            "Package:evil-main | Url:from-git: https://github.com/evil/from-git | Package:evil-optional | Package:evil-dev | Package:setuptools | Package:evil-build | "
            + "Package:evil-poetry | Package:evil-table | OtherIndex:corp: evil-private | OtherIndex:https://pypi.corp.test/simple",
            New("pyproject.toml", before, after));
    }

    [Fact]
    public void Cargo_toml_tables_renames_git_path_registry_and_targets()
    {
        var before = """
            [dependencies]
            serde = "1"
            """;
        var after = """
            [dependencies]
            serde = { version = "1.0.200", features = ["derive"] }
            json = { package = "evil-json", version = "1" }
            from-git = { git = "https://github.com/evil/crate" }
            local = { path = "../local" }
            corp = { version = "1", registry = "corp" }

            [dev-dependencies]
            evil-dev = "0.1"

            [target.'cfg(unix)'.dependencies]
            evil-unix = "1"

            [workspace.dependencies]
            evil-ws = "2"
            """;
        Assert.Equal("Package:evil-json | Url:from-git: https://github.com/evil/crate | OtherIndex:corp: corp | Package:evil-ws | Package:evil-dev | Package:evil-unix",
            New("Cargo.toml", before, after));
    }

    [Fact]
    public void Csproj_package_references_and_sources()
    {
        var before = """<Project Sdk="Microsoft.NET.Sdk"><ItemGroup><PackageReference Include="Newtonsoft.Json" Version="13.0.1" /></ItemGroup></Project>""";
        var after = """
            <Project Sdk="Microsoft.NET.Sdk">
              <PropertyGroup><RestoreAdditionalProjectSources>https://nuget.evil.test/v3/index.json</RestoreAdditionalProjectSources></PropertyGroup>
              <ItemGroup>
                <PackageReference Include="newtonsoft.json" Version="13.0.3" />
                <PackageReference Include="Evil.Package" Version="1.0.0" />
                <PackageReference Include="$(EvilName)" />
              </ItemGroup>
            </Project>
            """;
        Assert.Equal("OtherIndex:https://nuget.evil.test/v3/index.json | Package:Evil.Package | Computed:$(EvilName)", New("src/App/App.csproj", before, after));
    }

    [Fact]
    public void Directory_packages_props_and_packages_config()
    {
        Assert.Equal("Package:Evil.Central", New("Directory.Packages.props", "<Project />",
            """<Project><ItemGroup><PackageVersion Include="Evil.Central" Version="1.0.0" /></ItemGroup></Project>"""));
        Assert.Equal("Package:Evil.Old", New("packages.config", "<packages />", """<packages><package id="Evil.Old" version="1.0" /></packages>"""));
    }

    [Fact]
    public void Csproj_with_a_dtd_is_refused_not_expanded() =>
        Assert.Equal("Unreadable:x.csproj", New("x.csproj", null, """<!DOCTYPE x [<!ENTITY e SYSTEM "file:///etc/passwd">]><Project>&e;</Project>"""));

    [Fact]
    public void Go_mod_require_blocks_and_replacements()
    {
        var before = "module example.com/app\n\ngo 1.22\n\nrequire github.com/gin-gonic/gin v1.9.0\n";
        var after = """
            module example.com/app

            go 1.22

            require (
            	github.com/gin-gonic/gin v1.10.0
            	github.com/evil/pkg v1.0.0 // indirect
            )

            require github.com/evil/single v0.1.0

            replace github.com/gin-gonic/gin => github.com/evil/gin v1.10.0
            replace example.com/local => ../local
            """;
        Assert.Equal("Package:github.com/evil/pkg | Package:github.com/evil/single | Package:github.com/evil/gin", New("go.mod", before, after));
    }

    [Fact]
    public void Gemfile_gems_git_paths_and_sources()
    {
        var before = "source 'https://rubygems.org'\ngem 'rails', '~> 7.1'\n";
        var after = """
            source 'https://rubygems.org'
            gem 'rails', '~> 7.2'
            gem "evil-gem", ">= 1.0"
            gem 'from-git', git: 'https://github.com/evil/gem'
            gem 'local', path: '../local'
            source 'https://gems.evil.test' do
              gem 'corp-gem'
            end
            gemspec
            """;
        Assert.Equal("Package:evil-gem | Url:from-git: https://github.com/evil/gem | OtherIndex:https://gems.evil.test: corp-gem", New("Gemfile", before, after));
    }

    [Fact]
    public void Composer_json_requirements_and_repositories()
    {
        var before = """{"require":{"php":"^8.2","monolog/monolog":"^3"}}""";
        var after = """
            {"require":{"php":"^8.3","ext-json":"*","monolog/monolog":"^3.5","evil/pkg":"^1"},"require-dev":{"evil/dev":"*"},
             "repositories":[{"type":"vcs","url":"https://github.com/evil/repo"},{"type":"path","url":"../local"}]}
            """;
        Assert.Equal("Package:evil/pkg | Package:evil/dev | OtherIndex:https://github.com/evil/repo", New("composer.json", before, after));
    }

    [Theory]
    [InlineData("package-lock.json")]
    [InlineData("yarn.lock")]
    [InlineData("poetry.lock")]
    [InlineData("Cargo.lock")]
    [InlineData("go.sum")]
    [InlineData("composer.lock")]
    public void A_lockfile_edited_by_hand_is_reported(string file)
    {
        Assert.Equal($"Lockfile:{file}", New(file, "old", "new"));
        Assert.Equal("", New(file, "same", "same"));
        Assert.Equal("", New(file, "old", null));
    }

    [Theory]
    [InlineData("package.json", "{\"dependencies\": {")]
    [InlineData("pyproject.toml", "[project\ndependencies = [")]
    [InlineData("Cargo.toml", "[dependencies]\nserde = {")]
    [InlineData("composer.json", "[1,2]")]
    public void A_manifest_that_cannot_be_read_cannot_be_checked(string file, string after) =>
        Assert.Equal($"Unreadable:{file}", New(file, null, after));

    [Fact]
    public void A_deleted_manifest_adds_nothing() => Assert.Equal("", New("package.json", """{"dependencies":{"x":"1"}}""", null));

    [Theory]
    [InlineData("package.json", true)]
    [InlineData("requirements.txt", true)]
    [InlineData("requirements-dev.txt", true)]
    [InlineData("requirements.in", true)]
    [InlineData("requirements/prod.txt", true)]
    [InlineData("notes.txt", false)]
    [InlineData("src/App.csproj", true)]
    [InlineData("Pipfile", true)]
    [InlineData("package.json.bak", false)]
    [InlineData("mypackage.json", false)]
    public void Manifests_are_known_by_name(string file, bool manifest) => Assert.Equal(manifest, ManifestFiles.Classify(file) is not null);
}
