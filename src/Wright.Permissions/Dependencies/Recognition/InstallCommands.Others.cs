namespace Wright.Permissions.Dependencies.Recognition;

public static partial class InstallCommands
{
    private static readonly Dictionary<string, string> CargoOptions = CommandArguments.Valued(["--git"], ["--branch"], ["--tag"], ["--rev"],
        ["--path"], ["--registry"], ["--index"], ["--rename"], ["--features", "-F"], ["--package", "-p"], ["--target"], ["--manifest-path"],
        ["--base"], ["--config"], ["-Z"], ["--color"], ["--lockfile-path"], ["--version", "--vers"], ["--root"], ["--bin"], ["--example"],
        ["--jobs", "-j"], ["--target-dir"], ["--profile"]);

    private static readonly Dictionary<string, string> GoOptions = CommandArguments.Valued(["-C"], ["-modfile"], ["-tags"], ["-ldflags"],
        ["-gcflags"], ["-asmflags"], ["-mod"], ["-o"], ["-p"], ["-pkgdir"], ["-toolexec"], ["-overlay"], ["-pgo"], ["-exec"], ["-buildmode"],
        ["-compiler"], ["-gccgoflags"], ["-installsuffix"], ["-covermode"], ["-coverpkg"], ["-require"], ["-droprequire"], ["-replace"],
        ["-dropreplace"], ["-exclude"], ["-retract"], ["-go"], ["-toolchain"], ["-godebug"], ["-tool"]);

    private static readonly Dictionary<string, string> DotnetOptions = CommandArguments.Valued(["--version", "-v"], ["--framework", "-f"],
        ["--source", "-s"], ["--add-source"], ["--package-directory"], ["--project"], ["--configfile"], ["--tool-path"], ["--arch", "-a"],
        ["--tool-manifest"], ["--verbosity"], ["--install", "-i"], ["--output", "-o"], ["--name", "-n"]);

    private static readonly Dictionary<string, string> NuGetOptions = CommandArguments.Valued(["-Source"], ["-Version"], ["-OutputDirectory"],
        ["-ConfigFile"], ["-Framework"], ["-DependencyVersion"], ["-FallbackSource"], ["-Verbosity"], ["-PackageSaveMode"], ["-SolutionDirectory"]);

    private static readonly Dictionary<string, string> GemOptions = CommandArguments.Valued(["--version", "-v"], ["--source", "-s"],
        ["--install-dir", "-i"], ["--bindir", "-n"], ["--platform"], ["--file", "-g"], ["--trust-policy", "-P"], ["--build-root"], ["--document"],
        ["--group"], ["--git"], ["--github"], ["--branch"], ["--ref"], ["--path"], ["--require"], ["--glob"]);

    private static readonly Dictionary<string, string> ComposerOptions = CommandArguments.Valued(["--working-dir", "-d"], ["--repository"],
        ["--stability", "-s"]);

    private sealed partial class Scan
    {
        private void Cargo(List<Word> words, int next, bool fromInput)
        {
            var arguments = CommandArguments.Parse(words, next, CargoOptions);
            var operands = arguments.Operands.Where(w => w.Dynamic || !w.Text.StartsWith('+')).ToList(); // +toolchain
            if (operands is not [{ Dynamic: false, Text: "add" or "install" or "binstall" } sub, ..])
                return;
            var at = Within(arguments.Value("--manifest-path"));
            if (arguments.Value("--git") is { } git)
            {
                Add(Ecosystem.Crates, git.Text, git.Dynamic ? RequestKind.Computed : RequestKind.Url, at);
                return;
            }

            if (arguments.Has("--path"))
                return; // crates from a folder on disk
            var crates = operands.Skip(1).ToList();
            foreach (var word in crates)
                AddSpec(Ecosystem.Crates, word, PackageSpecs.Cargo, at);
            AddInput(Ecosystem.Crates, fromInput, "cargo " + sub.Text);
            if (crates.Count > 0 || fromInput)
            {
                if (arguments.Value("--registry") is { } registry)
                    Add(Ecosystem.Crates, registry.Text, registry.Dynamic ? RequestKind.Computed : RequestKind.OtherIndex, at);
                AddIndex(Ecosystem.Crates, arguments.Value("--index"));
            }
        }

        private void Go(List<Word> words, int next, bool fromInput)
        {
            var arguments = CommandArguments.Parse(words, next, GoOptions, singleDashLong: true);
            var at = Within(arguments.Value("-C"));
            var operands = arguments.Operands;
            switch (operands)
            {
                case [{ Dynamic: false, Text: "get" }, ..]:
                    foreach (var word in operands.Skip(1))
                        AddSpec(Ecosystem.Go, word, PackageSpecs.Go, at);
                    AddInput(Ecosystem.Go, fromInput, "go get");
                    break;
                case [{ Dynamic: false, Text: "install" }, ..]:
                    // Only path@version fetches; a bare path builds the module's own or already required code.
                    foreach (var word in operands.Skip(1).Where(w => w.Dynamic || w.Text.Contains('@', StringComparison.Ordinal)))
                        AddSpec(Ecosystem.Go, word, PackageSpecs.Go, at);
                    AddInput(Ecosystem.Go, fromInput, "go install");
                    break;
                case [{ Dynamic: false, Text: "run" }, var target, ..] when target.Dynamic || target.Text.Contains('@', StringComparison.Ordinal):
                    AddSpec(Ecosystem.Go, target, PackageSpecs.Go, at);
                    break;
                case [{ Dynamic: false, Text: "mod" }, { Text: "edit" }, ..]:
                    foreach (var word in arguments.Values("-require"))
                        AddSpec(Ecosystem.Go, word, PackageSpecs.Go, at);
                    foreach (var word in arguments.Values("-replace"))
                    {
                        // -replace=old=new@v: the new module is fetched.
                        var arrow = word.Text.IndexOf('=', StringComparison.Ordinal);
                        if (word.Dynamic || arrow > 0)
                            AddSpec(Ecosystem.Go, word.Dynamic ? word : new Word(word.Text[(arrow + 1)..], false), PackageSpecs.Go, at);
                    }

                    break;
            }
        }

        private void Dotnet(List<Word> words, int next, bool fromInput)
        {
            var arguments = CommandArguments.Parse(words, next, DotnetOptions);
            var operands = arguments.Operands;
            Word? package = null;
            var at = directory;
            switch (operands)
            {
                case [{ Text: "add" }, { Text: "package" }, var name, ..]:
                    package = name;
                    break;
                case [{ Text: "add" }, var project, { Text: "package" }, var name, ..]:
                    package = name;
                    at = Within(project);
                    break;
                case [{ Text: "package" }, { Text: "add" }, var name, ..]:
                    package = name;
                    at = Within(arguments.Value("--project"));
                    break;
                case [{ Text: "tool" }, { Text: "install" }, var name, ..]:
                    package = name;
                    break;
                case [{ Text: "new" }, { Text: "install" }, var name, ..]:
                    package = name;
                    break;
                case [{ Text: "new" }, ..] when arguments.Value("--install") is { } template:
                    package = template;
                    break;
                case [{ Text: "add" }, .., { Text: "package" }] or [{ Text: "package" }, { Text: "add" }] or [{ Text: "tool" }, { Text: "install" }]:
                    AddInput(Ecosystem.NuGet, fromInput, "dotnet");
                    return;
                default:
                    return;
            }

            AddSpec(Ecosystem.NuGet, package.Value, PackageSpecs.NuGet, at);
            foreach (var source in arguments.Values("--source").Concat(arguments.Values("--add-source")))
            {
                if (source.Dynamic || PackageSpecs.IsUrl(source.Text))
                    AddIndex(Ecosystem.NuGet, source);
            }

        }

        private void NuGetCli(List<Word> words, int next, bool fromInput)
        {
            var arguments = CommandArguments.Parse(words, next, NuGetOptions, singleDashLong: true);
            if (arguments.Operands is not [{ Text: "install" }, var name, ..])
            {
                if (arguments.Operands is [{ Text: "install" }])
                    AddInput(Ecosystem.NuGet, fromInput, "nuget install");
                return;
            }

            if (!name.Dynamic && name.Text.EndsWith("packages.config", StringComparison.OrdinalIgnoreCase))
                return; // installs what the project declares
            AddSpec(Ecosystem.NuGet, name, PackageSpecs.NuGet);
            foreach (var source in arguments.Values("-Source"))
            {
                if (source.Dynamic || PackageSpecs.IsUrl(source.Text))
                    AddIndex(Ecosystem.NuGet, source);
            }
        }

        private void Gem(List<Word> words, int next, bool fromInput)
        {
            var arguments = CommandArguments.Parse(words, next, GemOptions);
            if (arguments.Operands is not [{ Dynamic: false, Text: "install" or "i" }, ..])
                return;
            if (arguments.Has("--file"))
                return; // installs what the Gemfile declares
            Gems(arguments, fromInput, "gem install");
        }

        private void Bundle(List<Word> words, int next, bool fromInput)
        {
            var arguments = CommandArguments.Parse(words, next, GemOptions);
            if (arguments.Operands is not [{ Dynamic: false, Text: "add" }, ..])
                return;
            if ((arguments.Value("--git") ?? arguments.Value("--github")) is { } repository)
            {
                Add(Ecosystem.RubyGems, repository.Text, repository.Dynamic ? RequestKind.Computed : RequestKind.Url);
                return;
            }

            if (!arguments.Has("--path"))
                Gems(arguments, fromInput, "bundle add");
        }

        /// <summary>The gems after the subcommand, more from input, and the sources they come from.</summary>
        private void Gems(CommandArguments arguments, bool fromInput, string program)
        {
            foreach (var word in arguments.Operands.Skip(1))
                AddSpec(Ecosystem.RubyGems, word, PackageSpecs.Gem);
            AddInput(Ecosystem.RubyGems, fromInput, program);
            foreach (var source in arguments.Values("--source"))
                AddIndex(Ecosystem.RubyGems, source);
        }

        private void Composer(List<Word> words, int next, bool fromInput)
        {
            var arguments = CommandArguments.Parse(words, next, ComposerOptions);
            var operands = arguments.Operands;
            if (operands is [{ Text: "global" }, ..])
                operands = operands.Skip(1).ToList();
            var at = Within(arguments.Value("--working-dir"));
            switch (operands)
            {
                case [{ Dynamic: false, Text: "require" or "req" or "r" }, ..]:
                    foreach (var word in operands.Skip(1))
                        AddSpec(Ecosystem.Packagist, word, PackageSpecs.Composer, at);
                    AddInput(Ecosystem.Packagist, fromInput, "composer require");
                    break;
                case [{ Dynamic: false, Text: "create-project" }, var package, ..]:
                    AddSpec(Ecosystem.Packagist, package, PackageSpecs.Composer, at);
                    break;
                default:
                    return;
            }

            if (arguments.Value("--repository") is { } repository)
                Add(Ecosystem.Packagist, repository.Text, repository.Dynamic ? RequestKind.Computed : RequestKind.OtherIndex, at);
        }
    }
}
