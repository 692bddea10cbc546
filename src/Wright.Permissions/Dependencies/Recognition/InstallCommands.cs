using System.Text.RegularExpressions;
using Wright.Permissions.Dependencies.Manifests;
using Wright.Permissions.Shell;

namespace Wright.Permissions.Dependencies.Recognition;

/// <summary>
/// Finds the new dependencies a shell command line would install, over the simple commands the shell parser found
/// (every list, pipeline, subshell and substitution): <c>npm|pnpm|yarn|bun add/install</c>, <c>npx</c> and the other
/// runners that fetch a package, <c>pip|pip3|python -m pip|uv pip install</c>, <c>uv add</c>, <c>uvx</c>,
/// <c>poetry add</c>, <c>pipx install|run</c>, <c>cargo add|install</c>, <c>go get|install|run</c>,
/// <c>dotnet add package</c>, <c>gem install</c>, <c>bundle add</c>, <c>composer require</c>. Wrappers are seen
/// through (<c>sudo</c>, <c>env</c>, <c>timeout</c>, <c>nice</c>, <c>xargs</c>, <c>sh -c '…'</c>, <c>eval</c>, …),
/// <c>cd</c> is followed for what is already present, package names computed at run time or read from input are
/// reported as such, and a command that writes a dependency manifest or lockfile itself is reported too.
/// </summary>
public static partial class InstallCommands
{
    private const int MaxDepth = 4;

    private static readonly HashSet<string> ShellNames = new(StringComparer.Ordinal) { "sh", "bash", "zsh", "dash", "ksh", "mksh", "ash", "fish", "busybox" };

    /// <summary>Programs whose file operands (or output redirections) only remove or touch files: they add no dependency.</summary>
    private static readonly HashSet<string> NonWriters = new(StringComparer.Ordinal) { "rm", "rmdir", "touch", "chmod", "chown", "chgrp", "truncate" };

    /// <summary>The new dependencies of <paramref name="command"/>, run in <paramref name="workingDirectory"/> (default: the workspace).</summary>
    public static IReadOnlyList<DependencyRequest> Find(string command, string workspace, string? workingDirectory = null)
    {
        ArgumentNullException.ThrowIfNull(command);
        var found = new List<DependencyRequest>();
        Find(ShellParser.Parse(command), workspace, workingDirectory ?? workspace, 0, found);
        return [.. found.DistinctBy(r => (r.Key, r.Directory))];
    }

    private static void Find(ParsedShell parsed, string workspace, string directory, int depth, List<DependencyRequest> found)
    {
        foreach (var command in parsed.Commands)
        {
            var words = command.Words.Select((w, i) => new Word(w, i < command.Dynamic.Count && command.Dynamic[i])).ToList();
            ManifestWrites(command, directory, workspace, found);
            if (words.Count == 0)
                continue;
            if (!words[0].Dynamic && Path.GetFileName(words[0].Text) is "cd" or "pushd")
            {
                directory = ChangeDirectory(words, directory, workspace);
                continue;
            }

            var context = new Scan(workspace, directory, depth, found);
            context.Recognize(words, 0, fromInput: false);
        }
    }

    /// <summary>
    /// Where <c>cd</c> leads: a static operand resolved against the current directory; anything else (no operand, a
    /// computed one, <c>-</c>) goes back to the workspace, which only means fewer packages count as present.
    /// </summary>
    private static string ChangeDirectory(List<Word> words, string directory, string workspace)
    {
        var operands = words.Skip(1).Where(w => !w.Text.StartsWith('-') || w.Text == "-").ToList();
        if (operands.Count != 1 || operands[0].Dynamic || operands[0].Text is "-" or "" || operands[0].Text.StartsWith('~'))
            return workspace;
        return Paths.Resolve(operands[0].Text, directory);
    }

    /// <summary>A write to a manifest or lockfile by a redirection, <c>tee</c>, <c>cp</c>, <c>mv</c>, <c>sed -i</c>, <c>curl -o</c>, ….</summary>
    private static void ManifestWrites(SimpleCommand command, string directory, string workspace, List<DependencyRequest> found)
    {
        var program = Path.GetFileName(command.Program);
        foreach (var (target, dynamic) in CommandPolicy.WriteTargets(command))
        {
            if (dynamic || target.Contains('\0', StringComparison.Ordinal) || (NonWriters.Contains(program) && !command.Redirections.Any(r => r.Writes && r.Target == target)))
                continue;
            var path = Paths.Resolve(target, directory);
            if (ManifestFiles.Classify(path) is { } kind)
                found.Add(new DependencyRequest(kind.Ecosystem, Show(path, workspace), RequestKind.ShellManifestWrite, command.Normalized) { Directory = directory });
        }
    }

    private static string Show(string path, string workspace) =>
        Paths.IsInside(path, workspace) && path != workspace ? Path.GetRelativePath(workspace, path) : path;

    /// <summary>The scan of one simple command (and what it runs), with where it runs and how deep in command strings.</summary>
    private sealed partial class Scan(string workspace, string directory, int depth, List<DependencyRequest> found)
    {
        private string _origin = "";

        public void Recognize(List<Word> words, int start, bool fromInput)
        {
            if (start >= words.Count || words[start].Dynamic)
                return;
            var program = Path.GetFileName(words[start].Text);
            _origin = Origin(words, start);
            if (Wrapped(words, start, program, ref fromInput) is { } inner)
            {
                Recognize(words, inner, fromInput);
                return;
            }

            if (CommandString(words, start, program) is { } script)
            {
                // A computed command string is not an install anyone can see (the command policy asks about it).
                if (!script.Dynamic)
                    Nested(script.Text);
                return;
            }

            if (PythonModule(words, start, program) is { } module)
            {
                RecognizeProgram(words, module.Index, module.Name, fromInput);
                return;
            }

            RecognizeProgram(words, start + 1, program, fromInput);
        }

        private void RecognizeProgram(List<Word> words, int next, string program, bool fromInput)
        {
            switch (program)
            {
                case "npm":
                    Npm(words, next, fromInput);
                    break;
                case "npx" or "pnpx":
                    Npx(words, next, fromInput, program);
                    break;
                case "pnpm":
                    Pnpm(words, next, fromInput);
                    break;
                case "yarn":
                    Yarn(words, next, fromInput);
                    break;
                case "bun":
                    Bun(words, next, fromInput);
                    break;
                case "bunx":
                    Npx(words, next, fromInput, program);
                    break;
                case "corepack":
                    if (next < words.Count && words[next].Text is "npm" or "pnpm" or "yarn" or "npx" or "pnpx")
                        Recognize(words, next, fromInput);
                    break;
                case "uv":
                    Uv(words, next, fromInput);
                    break;
                case "uvx":
                    UvRun(words, next, fromInput);
                    break;
                case "poetry":
                    Poetry(words, next, fromInput);
                    break;
                case "pipx":
                    Pipx(words, next, fromInput);
                    break;
                case "cargo":
                    Cargo(words, next, fromInput);
                    break;
                case "go":
                    Go(words, next, fromInput);
                    break;
                case "dotnet":
                    Dotnet(words, next, fromInput);
                    break;
                case "nuget" or "nuget.exe":
                    NuGetCli(words, next, fromInput);
                    break;
                case "gem":
                    Gem(words, next, fromInput);
                    break;
                case "bundle" or "bundler":
                    Bundle(words, next, fromInput);
                    break;
                case "composer" or "composer.phar":
                    Composer(words, next, fromInput);
                    break;
                default:
                    if (PipName().IsMatch(program))
                        Pip(words, next, fromInput);
                    break;
            }
        }

        /// <summary>A command string run by this one: scanned like the line itself, up to a depth past which it cannot be judged.</summary>
        private void Nested(string script)
        {
            if (depth < MaxDepth)
                InstallCommands.Find(ShellParser.Parse(script), workspace, directory, depth + 1, found);
            else
                Add(Ecosystem.Npm, script.Length > 80 ? script[..77] + "…" : script, RequestKind.Computed);
        }

        /// <summary>Reports a request (a computed word becomes <see cref="RequestKind.Computed"/>).</summary>
        private void Add(Ecosystem ecosystem, string name, RequestKind kind, string? at = null) =>
            found.Add(new DependencyRequest(ecosystem, name, kind, _origin) { Directory = at ?? directory });

        /// <summary>Reports the package an argument names, per the ecosystem's spec reader.</summary>
        private void AddSpec(Ecosystem ecosystem, Word word, Func<string, PackageSpec?> read, string? at = null)
        {
            if (word.Dynamic)
            {
                Add(ecosystem, word.Text, RequestKind.Computed, at: at);
                return;
            }

            if (read(word.Text) is { } spec)
                Add(ecosystem, spec.Name, spec.Kind, at: at);
        }

        /// <summary>An installer that takes more operands from its input (xargs) installs names nobody can see here.</summary>
        private void AddInput(Ecosystem ecosystem, bool fromInput, string program)
        {
            if (fromInput)
                Add(ecosystem, program, RequestKind.FromInput);
        }

        /// <summary>Another registry or index than the public one (unless it is the public one spelled out).</summary>
        private void AddIndex(Ecosystem ecosystem, Word? index)
        {
            if (index is not { } value)
                return;
            if (value.Dynamic)
            {
                Add(ecosystem, value.Text, RequestKind.Computed);
                return;
            }

            if (!IsPublicIndex(ecosystem, value.Text))
                Add(ecosystem, value.Text, RequestKind.OtherIndex);
        }

        private string Within(Word? option)
        {
            if (option is not { Dynamic: false } value || value.Text.Length == 0)
                return directory;
            var path = Paths.Resolve(value.Text, directory);
            return value.Text.EndsWith(".toml", StringComparison.Ordinal) || value.Text.EndsWith("proj", StringComparison.Ordinal) ? Path.GetDirectoryName(path) ?? directory : path;
        }

        private static string Origin(List<Word> words, int start)
        {
            var text = string.Join(' ', words.Skip(start).Select(w => w.Text));
            return text.Length > 120 ? text[..117] + "…" : text;
        }
    }

    /// <summary>Whether an index address is the ecosystem's public registry.</summary>
    internal static bool IsPublicIndex(Ecosystem ecosystem, string address)
    {
        if (!Uri.TryCreate(address, UriKind.Absolute, out var uri))
            return false;
        var host = uri.Host.ToLowerInvariant();
        return ecosystem switch
        {
            Ecosystem.Npm => host is "registry.npmjs.org" or "registry.npmjs.com",
            Ecosystem.PyPI => host is "pypi.org" or "pypi.python.org" or "files.pythonhosted.org",
            Ecosystem.Crates => host is "crates.io" or "index.crates.io",
            Ecosystem.NuGet => host is "api.nuget.org" or "www.nuget.org" or "nuget.org",
            Ecosystem.RubyGems => host is "rubygems.org" or "index.rubygems.org",
            Ecosystem.Packagist => host is "packagist.org" or "repo.packagist.org",
            _ => host is "proxy.golang.org",
        };
    }

    [GeneratedRegex(@"^pip(\d+(\.\d+)*)?$")]
    private static partial Regex PipName();

    [GeneratedRegex(@"^((python|pypy)(\d+(\.\d+)*)?|py)$")]
    private static partial Regex PythonName();
}
