using Wright.Permissions.Dependencies.Manifests;
using Wright.Permissions.Shell;

namespace Wright.Permissions.Dependencies.Recognition;

public static partial class InstallCommands
{
    private static readonly Dictionary<string, string> PipOptions = CommandArguments.Valued(["--requirement", "-r"], ["--constraint", "-c"],
        ["--editable", "-e"], ["--index-url", "-i"], ["--extra-index-url"], ["--find-links", "-f"], ["--target", "-t"], ["--prefix"], ["--root"],
        ["--src"], ["--upgrade-strategy"], ["--platform"], ["--python-version"], ["--implementation"], ["--abi"], ["--progress-bar"], ["--log"],
        ["--log-file"], ["--cache-dir"], ["--proxy"], ["--timeout"], ["--retries"], ["--exists-action"], ["--cert"], ["--client-cert"],
        ["--trusted-host"], ["--global-option"], ["--install-option"], ["--config-settings", "-C"], ["--report"], ["--only-binary"],
        ["--no-binary"], ["--python"], ["--dest", "-d"], ["--wheel-dir", "-w"], ["--root-user-action"], ["--keyring-provider"], ["--use-feature"],
        ["--use-deprecated"], ["--group"], ["--index"], ["--default-index"], ["--python-platform"], ["--resolution"], ["--prerelease"],
        ["--link-mode"], ["--index-strategy"], ["--exclude-newer"], ["--overrides"], ["--build-constraints", "-b"], ["--extra"]);

    private static readonly Dictionary<string, string> UvOptions = CommandArguments.Valued(["--directory"], ["--project"], ["--cache-dir"],
        ["--config-file"], ["--python", "-p"], ["--color"], ["--group"], ["--optional"], ["--extra"], ["--requirements", "-r"],
        ["--constraints", "-c"], ["--index"], ["--default-index"], ["--index-url", "-i"], ["--extra-index-url"], ["--find-links", "-f"],
        ["--package"], ["--rev"], ["--tag"], ["--branch"], ["--script"], ["--bounds"], ["--marker", "-m"], ["--python-platform"],
        ["--upgrade-package", "-P"], ["--no-binary-package"], ["--no-build-package"], ["--reinstall-package"], ["--refresh-package"],
        ["--exclude-newer"], ["--prerelease"], ["--resolution"], ["--link-mode"], ["--keyring-provider"], ["--index-strategy"],
        ["--config-setting", "-C"], ["--with"], ["--with-requirements"], ["--with-editable"], ["--from"], ["--env-file"], ["--module"]);

    private static readonly Dictionary<string, string> PoetryOptions = CommandArguments.Valued(["--group", "-G"], ["--extras", "-E"], ["--python"],
        ["--platform"], ["--source"], ["--directory", "-C"], ["--project", "-P"], ["--markers"]);

    private static readonly Dictionary<string, string> PipxOptions = CommandArguments.Valued(["--spec"], ["--index-url", "-i"], ["--pip-args"],
        ["--python"], ["--suffix"], ["--fetch-python"], ["--backend"]);

    private sealed partial class Scan
    {
        private void Pip(List<Word> words, int next, bool fromInput)
        {
            var arguments = CommandArguments.Parse(words, next, PipOptions);
            if (arguments.Operands is not [{ Dynamic: false, Text: "install" or "download" or "wheel" }, ..])
                return;
            PipInstall(arguments, arguments.Operands.Skip(1).ToList(), fromInput, "pip");
        }

        /// <summary>pip's install arguments (also <c>uv pip install</c>, <c>uv add</c>, <c>uv tool install</c>).</summary>
        private void PipInstall(CommandArguments arguments, List<Word> operands, bool fromInput, string program)
        {
            foreach (var word in operands.Concat(arguments.Values("--editable")).Concat(arguments.Values("--with")))
                AddSpec(Ecosystem.PyPI, word, PackageSpecs.Python);
            foreach (var file in arguments.Values("--requirement").Concat(arguments.Values("--requirements")).Concat(arguments.Values("--with-requirements")))
                Requirements(file);
            AddInput(Ecosystem.PyPI, fromInput, program);
            foreach (var option in new[] { "--index-url", "--extra-index-url", "--index", "--default-index", "--find-links" })
            {
                foreach (var index in arguments.Values(option))
                {
                    if (index.Dynamic || PackageSpecs.IsUrl(index.Text))
                        AddIndex(Ecosystem.PyPI, index);
                }
            }
        }

        /// <summary>
        /// <c>-r FILE</c>: a requirements file of the project (its name says so) holds what is already declared — new
        /// entries are checked when the file tools write them, and a shell command writing it asks. Any other file, a
        /// URL, stdin or a computed name installs what Wright cannot see.
        /// </summary>
        private void Requirements(Word file)
        {
            if (file.Dynamic)
            {
                Add(Ecosystem.PyPI, file.Text, RequestKind.Computed);
                return;
            }

            if (PackageSpecs.IsUrl(file.Text))
            {
                Add(Ecosystem.PyPI, file.Text, RequestKind.Url);
                return;
            }

            var path = Paths.Resolve(file.Text, directory);
            if (file.Text is "-" or "/dev/stdin" || ManifestFiles.Classify(path) is not { IsLockfile: false })
                Add(Ecosystem.PyPI, file.Text, RequestKind.FromInput);
        }

        private void Uv(List<Word> words, int next, bool fromInput)
        {
            var arguments = CommandArguments.Parse(words, next, UvOptions);
            if (arguments.Operands is not [{ Dynamic: false } sub, ..])
                return;
            var at = Within(arguments.Value("--directory") ?? arguments.Value("--project"));
            var rest = arguments.Operands.Skip(1).ToList();
            switch (sub.Text)
            {
                case "pip" when rest is [{ Text: "install" }, ..]:
                    PipInstall(CommandArguments.Parse(words, arguments.OperandPositions[1] + 1, PipOptions), rest.Skip(1).ToList(), fromInput, "uv pip");
                    break;
                case "add":
                    WithDirectory(at, () => PipInstall(arguments, rest, fromInput, "uv add"));
                    break;
                case "tool" when rest is [{ Text: "install" }, ..]:
                    PipInstall(arguments, rest.Skip(1).ToList(), fromInput, "uv tool install");
                    break;
                case "tool" when rest is [{ Text: "run" }, ..]:
                    UvRun(words, arguments.OperandPositions[1] + 1, fromInput);
                    break;
                case "run":
                    // uv run --with X: X is installed into the run's environment.
                    var run = CommandArguments.Parse(words, arguments.OperandPositions[0] + 1, UvOptions, stopAtFirstOperand: true);
                    foreach (var word in arguments.Values("--with").Concat(run.Values("--with")).Distinct())
                        AddSpec(Ecosystem.PyPI, word, PackageSpecs.Python);
                    break;
            }
        }

        /// <summary><c>uvx X</c> / <c>uv tool run X</c>: <c>--from</c> names the package, else the command does; <c>--with</c> adds more.</summary>
        private void UvRun(List<Word> words, int next, bool fromInput)
        {
            var arguments = CommandArguments.Parse(words, next, UvOptions, stopAtFirstOperand: true);
            if (arguments.Value("--from") is { } from)
                AddSpec(Ecosystem.PyPI, from, PackageSpecs.Python);
            else if (arguments.Operands.Count > 0)
                AddSpec(Ecosystem.PyPI, arguments.Operands[0], PackageSpecs.Python);
            else
                AddInput(Ecosystem.PyPI, fromInput, "uvx");
            foreach (var word in arguments.Values("--with"))
                AddSpec(Ecosystem.PyPI, word, PackageSpecs.Python);
            foreach (var option in new[] { "--index-url", "--extra-index-url", "--index", "--default-index" })
            {
                foreach (var index in arguments.Values(option))
                    AddIndex(Ecosystem.PyPI, index);
            }
        }

        private void Poetry(List<Word> words, int next, bool fromInput)
        {
            var arguments = CommandArguments.Parse(words, next, PoetryOptions);
            var operands = arguments.Operands;
            var at = Within(arguments.Value("--directory") ?? arguments.Value("--project"));
            var start = operands is [{ Text: "add" }, ..] ? 1 : operands is [{ Text: "self" }, { Text: "add" }, ..] ? 2 : -1;
            if (start < 0)
                return;
            foreach (var word in operands.Skip(start))
                AddSpec(Ecosystem.PyPI, word, PackageSpecs.Poetry, at);
            AddInput(Ecosystem.PyPI, fromInput, "poetry add");
            if (arguments.Value("--source") is { } source)
                Add(Ecosystem.PyPI, source.Text, source.Dynamic ? RequestKind.Computed : RequestKind.OtherIndex, at);
        }

        private void Pipx(List<Word> words, int next, bool fromInput)
        {
            var arguments = CommandArguments.Parse(words, next, PipxOptions);
            var operands = arguments.Operands;
            switch (operands)
            {
                case [{ Text: "install" }, ..]:
                    foreach (var word in operands.Skip(1).Concat(arguments.Values("--spec")))
                        AddSpec(Ecosystem.PyPI, word, PackageSpecs.Python);
                    AddInput(Ecosystem.PyPI, fromInput, "pipx install");
                    break;
                case [{ Text: "inject" }, _, ..]:
                    foreach (var word in operands.Skip(2))
                        AddSpec(Ecosystem.PyPI, word, PackageSpecs.Python);
                    AddInput(Ecosystem.PyPI, fromInput, "pipx inject");
                    break;
                case [{ Text: "run" }, ..]:
                    var run = CommandArguments.Parse(words, arguments.OperandPositions[0] + 1, PipxOptions, stopAtFirstOperand: true);
                    if (run.Value("--spec") is { } spec)
                        AddSpec(Ecosystem.PyPI, spec, PackageSpecs.Python);
                    else if (run.Operands.Count > 0)
                        AddSpec(Ecosystem.PyPI, run.Operands[0], PackageSpecs.Python);
                    break;
                case [{ Text: "runpip" }, _, { Text: "install" }, ..]:
                    PipInstall(CommandArguments.Parse(words, arguments.OperandPositions[2] + 1, PipOptions), operands.Skip(3).ToList(), fromInput, "pipx runpip");
                    break;
                default:
                    return;
            }

            AddIndex(Ecosystem.PyPI, arguments.Value("--index-url"));
        }

        private void WithDirectory(string at, Action scan)
        {
            var before = found.Count;
            scan();
            for (var i = before; i < found.Count; i++)
                found[i] = found[i] with { Directory = at };
        }
    }
}
