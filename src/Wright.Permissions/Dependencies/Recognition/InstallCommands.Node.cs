namespace Wright.Permissions.Dependencies.Recognition;

public static partial class InstallCommands
{
    /// <summary>npm's install command and its abbreviations (npm accepts these spellings).</summary>
    private static readonly HashSet<string> NpmInstall = new(StringComparer.Ordinal)
    {
        "install", "i", "in", "ins", "inst", "insta", "instal", "isnt", "isnta", "isntal", "isntall", "add", "install-test", "it",
    };

    private static readonly Dictionary<string, string> NpmOptions = CommandArguments.Valued(["--prefix", "-C"], ["--registry"], ["--tag"],
        ["--workspace", "-w"], ["--omit"], ["--include"], ["--cache"], ["--userconfig"], ["--globalconfig"], ["--loglevel"], ["--save-prefix"],
        ["--before"], ["--install-strategy"], ["--package"], ["--call", "-c"]);

    private static readonly Dictionary<string, string> NpxOptions = CommandArguments.Valued(["--package", "-p"], ["--call", "-c"], ["--registry"],
        ["--cache"], ["--userconfig"], ["--prefix"], ["--loglevel"], ["--shell"]);

    private static readonly Dictionary<string, string> PnpmOptions = CommandArguments.Valued(["--dir", "-C"], ["--filter", "-F"], ["--registry"],
        ["--reporter"], ["--store-dir"], ["--virtual-store-dir"], ["--modules-dir"], ["--loglevel"], ["--package"], ["--workspace-concurrency"]);

    private static readonly Dictionary<string, string> YarnOptions = CommandArguments.Valued(["--cwd"], ["--registry"], ["--modules-folder"],
        ["--cache-folder"], ["--package", "-p"], ["--network-timeout"]);

    private static readonly Dictionary<string, string> BunOptions = CommandArguments.Valued(["--cwd"], ["--registry"], ["--cache-dir"],
        ["--package", "-p"], ["--config", "-c"], ["--backend"], ["--filter"]);

    private sealed partial class Scan
    {
        private void Npm(List<Word> words, int next, bool fromInput)
        {
            var arguments = CommandArguments.Parse(words, next, NpmOptions);
            var at = Within(arguments.Value("--prefix"));
            if (arguments.Operands is not [{ Dynamic: false } sub, ..])
                return;
            var operands = arguments.Operands.Skip(1).ToList();
            if (NpmInstall.Contains(sub.Text))
            {
                NodePackages(operands, fromInput, at, "npm", arguments.Value("--registry"));
            }
            else if (sub.Text is "exec" or "x")
            {
                Runner(arguments, operands, fromInput, at, "npm exec");
            }
            else if (sub.Text is "init" or "create" or "innit")
            {
                Create(operands, at);
            }
            else if (sub.Text == "pkg" && operands is [{ Text: "set" }, ..])
            {
                // npm pkg set dependencies.NAME=RANGE edits package.json's dependencies directly.
                foreach (var word in operands.Skip(1))
                {
                    var eq = word.Text.IndexOf('=', StringComparison.Ordinal);
                    var key = eq < 0 ? word.Text : word.Text[..eq];
                    foreach (var section in new[] { "dependencies.", "devDependencies.", "optionalDependencies.", "peerDependencies." })
                    {
                        if (key.StartsWith(section, StringComparison.Ordinal))
                        {
                            if (word.Dynamic)
                                Add(Ecosystem.Npm, word.Text, RequestKind.Computed, at);
                            else if (PackageSpecs.NpmEntry(key[section.Length..], eq < 0 ? "" : word.Text[(eq + 1)..]) is { } spec)
                                Add(Ecosystem.Npm, spec.Name, spec.Kind, at);
                        }
                    }
                }
            }
        }

        private void Npx(List<Word> words, int next, bool fromInput, string program)
        {
            var arguments = CommandArguments.Parse(words, next, NpxOptions, stopAtFirstOperand: true);
            Runner(arguments, arguments.Operands, fromInput, directory, program);
        }

        private void Pnpm(List<Word> words, int next, bool fromInput)
        {
            var arguments = CommandArguments.Parse(words, next, PnpmOptions);
            var at = Within(arguments.Value("--dir"));
            if (arguments.Operands is not [{ Dynamic: false } sub, ..])
                return;
            var operands = arguments.Operands.Skip(1).ToList();
            switch (sub.Text)
            {
                case "add" or "install" or "i":
                    NodePackages(operands, fromInput, at, "pnpm", arguments.Value("--registry"));
                    break;
                case "dlx":
                    Runner(CommandArguments.Parse(words, arguments.OperandPositions[0] + 1, PnpmOptions, stopAtFirstOperand: true), null, fromInput, at, "pnpm dlx");
                    break;
                case "create":
                    Create(operands, at);
                    break;
            }
        }

        private void Yarn(List<Word> words, int next, bool fromInput)
        {
            var arguments = CommandArguments.Parse(words, next, YarnOptions);
            var at = Within(arguments.Value("--cwd"));
            if (arguments.Operands is not [{ Dynamic: false } sub, ..])
                return;
            var operands = arguments.Operands.Skip(1).ToList();
            if (sub.Text == "global" && operands is [{ Text: "add" }, ..])
            {
                NodePackages(operands.Skip(1).ToList(), fromInput, at, "yarn", arguments.Value("--registry"));
                return;
            }

            switch (sub.Text)
            {
                case "add" or "install":
                    NodePackages(operands, fromInput, at, "yarn", arguments.Value("--registry"));
                    break;
                case "dlx":
                    Runner(CommandArguments.Parse(words, arguments.OperandPositions[0] + 1, YarnOptions, stopAtFirstOperand: true), null, fromInput, at, "yarn dlx");
                    break;
                case "create":
                    Create(operands, at);
                    break;
            }
        }

        private void Bun(List<Word> words, int next, bool fromInput)
        {
            var arguments = CommandArguments.Parse(words, next, BunOptions);
            var at = Within(arguments.Value("--cwd"));
            if (arguments.Operands is not [{ Dynamic: false } sub, ..])
                return;
            var operands = arguments.Operands.Skip(1).ToList();
            switch (sub.Text)
            {
                case "add" or "a" or "install" or "i":
                    NodePackages(operands, fromInput, at, "bun", arguments.Value("--registry"));
                    break;
                case "x":
                    Runner(CommandArguments.Parse(words, arguments.OperandPositions[0] + 1, BunOptions, stopAtFirstOperand: true), null, fromInput, at, "bun x");
                    break;
                case "create" or "c":
                    Create(operands, at);
                    break;
            }
        }

        /// <summary>Install operands: each a package; none installs what the manifest and lockfile already say.</summary>
        private void NodePackages(List<Word> operands, bool fromInput, string at, string program, Word? registry)
        {
            foreach (var word in operands)
                AddSpec(Ecosystem.Npm, word, PackageSpecs.Npm, at);
            AddInput(Ecosystem.Npm, fromInput, program);
            if (operands.Count > 0 || fromInput)
                AddIndex(Ecosystem.Npm, registry);
        }

        /// <summary>
        /// A runner that fetches a package and runs it (npx, npm exec, pnpm dlx, yarn dlx, bunx): the <c>--package</c>
        /// values, else the command name itself is the package.
        /// </summary>
        private void Runner(CommandArguments arguments, List<Word>? operands, bool fromInput, string at, string program)
        {
            operands ??= arguments.Operands;
            var packages = arguments.Values("--package");
            if (packages.Count > 0)
            {
                foreach (var word in packages)
                    AddSpec(Ecosystem.Npm, word, PackageSpecs.Npm, at);
            }
            else if (operands.Count > 0 && arguments.Value("--call") is null)
            {
                AddSpec(Ecosystem.Npm, operands[0], PackageSpecs.Npm, at);
            }
            else
            {
                AddInput(Ecosystem.Npm, fromInput, program);
            }

            AddIndex(Ecosystem.Npm, arguments.Value("--registry"));
        }

        /// <summary><c>npm init x</c>, <c>yarn create x</c>: the package <c>create-x</c> (<c>@s/x</c> → <c>@s/create-x</c>, <c>@s</c> → <c>@s/create</c>).</summary>
        private void Create(List<Word> operands, string at)
        {
            var first = operands.FirstOrDefault(w => w.Dynamic || !w.Text.StartsWith('-'));
            if (first.Text is null)
                return;
            if (first.Dynamic)
            {
                Add(Ecosystem.Npm, first.Text, RequestKind.Computed, at);
                return;
            }

            if (PackageSpecs.Npm(first.Text) is not { } spec)
                return;
            if (spec.Kind != RequestKind.Package)
            {
                Add(Ecosystem.Npm, spec.Name, spec.Kind, at);
                return;
            }

            var name = spec.Name;
            var creator = name.StartsWith('@')
                ? name.Contains('/', StringComparison.Ordinal) ? name.Insert(name.IndexOf('/', StringComparison.Ordinal) + 1, "create-") : name + "/create"
                : "create-" + name;
            Add(Ecosystem.Npm, creator, RequestKind.Package, at);
        }
    }
}
