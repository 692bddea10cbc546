using Tomlyn.Parsing;
using Tomlyn.Syntax;
using Wright.Eval.Text;

namespace Wright.Eval.Suites;

/// <summary>
/// The Harbor task format (Terminal-Bench 2): <c>instruction.md</c>, <c>task.toml</c>, <c>environment/Dockerfile</c>
/// (its <c>WORKDIR</c> and <c>COPY</c>s say what the workspace holds and where), <c>tests/test.sh</c> (writes
/// <c>/logs/verifier/reward.txt</c> or <c>reward.json</c>), optional <c>solution/solve.sh</c>. <c>RUN</c> steps are not
/// replayed: the task runs on the host's toolchain.
/// </summary>
internal static class HarborReader
{
    public static bool IsTask(string dir) => File.Exists(Path.Combine(dir, "task.toml")) || File.Exists(Path.Combine(dir, "instruction.md"));

    public static EvalTask Read(string dir, string id)
    {
        EvalTask Bad(string problem) => new() { Id = id, Format = "harbor", Root = dir, Problem = problem };
        var instructionFile = Path.Combine(dir, "instruction.md");
        if (!File.Exists(instructionFile))
            return Bad(Strings.NoInstruction);
        var tests = Path.Combine(dir, "tests");
        if (!File.Exists(Path.Combine(tests, "test.sh")))
            return Bad(Strings.NoTestScript);
        var agentTimeout = TimeSpan.FromMinutes(15);
        var verifierTimeout = TimeSpan.FromMinutes(5);
        var toml = Path.Combine(dir, "task.toml");
        if (File.Exists(toml))
        {
            // Tomlyn's syntax tree, not its serializer: the serializer's reflection path is not NativeAOT-safe, and only two keys are read.
            var document = SyntaxParser.Parse(File.ReadAllText(toml), toml, true);
            if (document.HasErrors)
                return Bad(Strings.BadToml + FirstLine(document.Diagnostics.ToString() ?? ""));
            if (Seconds(document, "agent") is { } agent)
                agentTimeout = agent;
            if (Seconds(document, "verifier") is { } verifier)
                verifierTimeout = verifier;
        }

        var environment = Path.Combine(dir, "environment");
        var (workDir, files, problem) = Dockerfile(environment);
        if (problem is not null)
            return Bad(problem);
        var solve = Path.Combine(dir, "solution", "solve.sh");
        return new EvalTask
        {
            Id = id,
            Format = "harbor",
            Root = dir,
            Instruction = File.ReadAllText(instructionFile),
            WorkDir = workDir,
            Environment = environment,
            Files = files,
            TestsDir = tests,
            SolutionScript = File.Exists(solve) ? solve : null,
            AgentTimeout = agentTimeout,
            VerifierTimeout = verifierTimeout,
        };
    }

    /// <summary><c>[section] timeout_sec</c> as a positive duration; null when absent.</summary>
    private static TimeSpan? Seconds(DocumentSyntax document, string section)
    {
        foreach (var table in document.Tables)
        {
            if (table.Name?.ToString().Trim() != section)
                continue;
            foreach (var item in table.Items)
            {
                if (item is not KeyValueSyntax { } pair || pair.Key?.ToString().Trim() != "timeout_sec")
                    continue;
                return pair.Value switch
                {
                    IntegerValueSyntax { Value: > 0 } i => TimeSpan.FromSeconds(i.Value),
                    FloatValueSyntax { Value: > 0 } f => TimeSpan.FromSeconds(f.Value),
                    _ => null,
                };
            }
        }

        return null;
    }

    /// <summary>The Dockerfile's last WORKDIR (default /app) and its COPY sources mapped into the workspace.</summary>
    private static (string WorkDir, List<(string, string)> Files, string? Problem) Dockerfile(string environment)
    {
        var files = new List<(string, string)>();
        var dockerfile = Path.Combine(environment, "Dockerfile");
        if (!File.Exists(dockerfile))
            return ("/app", files, null);
        var workDir = "/app";
        foreach (var raw in File.ReadAllLines(dockerfile))
        {
            var line = raw.Trim();
            var parts = line.Split(' ', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
            if (parts.Length < 2)
                continue;
            var instruction = parts[0].ToUpperInvariant();
            if (instruction == "WORKDIR")
                workDir = parts[1].StartsWith('/') ? parts[1] : workDir.TrimEnd('/') + "/" + parts[1];
            else if (instruction is "COPY" or "ADD")
            {
                var args = parts.Skip(1).Where(p => !p.StartsWith("--", StringComparison.Ordinal)).ToList();
                if (args.Count < 2)
                    return (workDir, files, Strings.DockerfileUnreadable + line);
                var destination = args[^1];
                var target = destination.StartsWith('/') ? destination : workDir.TrimEnd('/') + "/" + destination;
                foreach (var source in args[..^1])
                {
                    var from = Path.GetFullPath(Path.Combine(environment, source));
                    if (!from.StartsWith(environment + Path.DirectorySeparatorChar, StringComparison.Ordinal) && from != environment)
                        return (workDir, files, Strings.CopyOutsideContext + source);
                    if (!File.Exists(from) && !Directory.Exists(from))
                        return (workDir, files, Strings.CopySourceMissing + source);
                    // Paths under WORKDIR land in the workspace; others are not reproducible without the image.
                    var relative = RelativeTo(target, workDir);
                    if (relative is null)
                        return (workDir, files, Strings.CopyOutsideWorkDir + line);
                    if (relative.Length > 0 && !PolyglotReader.Beneath("/workspace", relative))
                        return (workDir, files, string.Format(System.Globalization.CultureInfo.InvariantCulture, Strings.PathOutsideTask, "Dockerfile") + line);
                    var copyInto = destination.EndsWith('/') || Directory.Exists(from) || args.Count > 2;
                    files.Add((from, copyInto && File.Exists(from) ? Path.Combine(relative, Path.GetFileName(from)) : relative));
                }
            }
        }

        // WORKDIR becomes a bind target (bubblewrap) and half of docker's `-v workspace:WORKDIR`: a plain absolute path only.
        if (workDir.IndexOfAny([':', ',', '\n', '\r', '\0']) >= 0 || Path.TrimEndingDirectorySeparator(Path.GetFullPath(workDir)) != Path.TrimEndingDirectorySeparator(workDir))
            return (workDir, files, Strings.BadWorkDir + workDir);
        return (workDir, files, null);
    }

    private static string? RelativeTo(string target, string workDir)
    {
        var t = target.TrimEnd('/');
        var w = workDir.TrimEnd('/');
        if (t == w || t == ".")
            return "";
        return t.StartsWith(w + "/", StringComparison.Ordinal) ? t[(w.Length + 1)..] : null;
    }

    private static string FirstLine(string text) => text.Split('\n')[0].Trim();
}
