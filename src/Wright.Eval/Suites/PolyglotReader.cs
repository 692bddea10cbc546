using System.Text.Json;
using Wright.Eval.Text;

namespace Wright.Eval.Suites;

/// <summary>
/// Aider's polyglot benchmark layout (Exercism practice exercises): <c>.docs/instructions*.md</c>,
/// <c>.meta/config.json</c> naming the solution, test and example files. The workspace is the exercise without
/// <c>.meta</c>; the tests run with the language's own runner; after a failure the agent gets Aider's second try with
/// the test output. The prompts follow Aider's benchmark.
/// </summary>
internal static class PolyglotReader
{
    /// <summary>Whether the relative <paramref name="name"/> stays beneath <paramref name="dir"/> (and is not the folder itself).</summary>
    internal static bool Beneath(string dir, string name)
    {
        var root = Path.TrimEndingDirectorySeparator(Path.GetFullPath(dir));
        var full = Path.GetFullPath(Path.Combine(root, name));
        return !Path.IsPathRooted(name) && full.StartsWith(root + "/", StringComparison.Ordinal);
    }

    public static bool IsExercise(string dir) => File.Exists(Path.Combine(dir, ".meta", "config.json"));

    public static EvalTask Read(string dir, string id, string? language)
    {
        EvalTask Bad(string problem) => new() { Id = id, Format = "polyglot", Root = dir, Problem = problem };
        var configFile = Path.Combine(dir, ".meta", "config.json");
        if (!File.Exists(configFile))
            return Bad("no .meta/config.json");
        string[] solution, test, example;
        try
        {
            using var doc = JsonDocument.Parse(File.ReadAllBytes(configFile));
            var files = doc.RootElement.GetProperty("files");
            string[] List(string name) => files.TryGetProperty(name, out var list) && list.ValueKind == JsonValueKind.Array
                ? [.. list.EnumerateArray().Select(e => e.GetString()).OfType<string>()]
                : [];
            (solution, test, example) = (List("solution"), List("test"), List("example"));
        }
        catch (Exception ex) when (ex is JsonException or KeyNotFoundException or InvalidOperationException)
        {
            return Bad(".meta/config.json: " + ex.Message.Split('\n')[0]);
        }

        if (solution.Length == 0)
            return Bad(".meta/config.json names no solution files");
        // The names become paths on the host (copied from the exercise, written into the workspace): only ones beneath.
        if (solution.Concat(test).Concat(example).FirstOrDefault(f => !Beneath(dir, f)) is { } outside)
            return Bad(string.Format(System.Globalization.CultureInfo.InvariantCulture, Strings.PathOutsideTask, ".meta/config.json") + outside);
        if (test.Length == 0 || test.Any(t => !File.Exists(Path.Combine(dir, t))))
            return Bad(Strings.PolyglotNoTests);
        var docs = Path.Combine(dir, ".docs");
        var parts = new[] { "introduction.md", "instructions.md", "instructions.append.md" }
            .Select(f => Path.Combine(docs, f)).Where(File.Exists).Select(File.ReadAllText).ToList();
        if (parts.Count == 0)
            return Bad("no .docs/instructions.md");
        var lang = (language ?? Detect(dir))?.ToLowerInvariant();
        var command = lang switch
        {
            "python" => "python3 -m pytest -q",
            "rust" => "cargo test --offline -- --include-ignored",
            "go" => "go test ./...",
            "javascript" or "typescript" => "npm test",
            "cpp" => "mkdir -p build && cd build && cmake -DEXERCISM_RUN_ALL_TESTS=1 .. >/dev/null && make",
            "java" => "./gradlew test --offline",
            "csharp" => "dotnet test",
            _ => null,
        };
        if (command is null)
            return Bad(Strings.UnknownLanguage + (lang ?? Strings.LanguageUnknown));
        var fileList = string.Join(" ", solution);
        var instruction = string.Join("\n\n", parts) + "\n\n####\n\nUse the above instructions to modify the supplied files: " + fileList
            + "\nDon't change the names of existing functions or classes, as they may be referenced from other code like unit tests, etc.\n"
            + "Only use standard libraries, don't suggest installing any packages.\n";
        var workspaceFiles = Directory.EnumerateFileSystemEntries(dir)
            .Where(p => Path.GetFileName(p) != ".meta")
            .Select(p => (p, Path.GetFileName(p))).ToList();
        // Example files map onto solution files in order (Aider's benchmark does the same).
        var solutionFiles = example.Select((e, i) => (Path.Combine(dir, e), i < solution.Length ? solution[i] : Path.GetFileName(e)))
            .Where(p => File.Exists(p.Item1)).ToList();
        return new EvalTask
        {
            Id = id,
            Format = "polyglot",
            Root = dir,
            Instruction = instruction,
            Files = workspaceFiles,
            TestCommand = command,
            ProtectedFiles = [.. test.Select(t => (Path.Combine(dir, t), t))],
            SolutionFiles = solutionFiles,
            SecondTry = true,
        };
    }

    /// <summary>Aider's second-try prompt around the test output.</summary>
    public static string SecondTryPrompt(string testOutput, EvalTask task) =>
        testOutput + "\n\n####\n\nSee the testing errors above.\nThe tests are correct, don't try and change them.\nFix the code in "
        + string.Join(" ", task.SolutionFiles.Select(f => f.Target).DefaultIfEmpty("the solution files")) + " to resolve the errors.\n";

    private static string? Detect(string dir) =>
        File.Exists(Path.Combine(dir, "Cargo.toml")) ? "rust"
        : File.Exists(Path.Combine(dir, "go.mod")) ? "go"
        : File.Exists(Path.Combine(dir, "package.json")) ? "javascript"
        : File.Exists(Path.Combine(dir, "CMakeLists.txt")) ? "cpp"
        : File.Exists(Path.Combine(dir, "build.gradle")) ? "java"
        : Directory.EnumerateFiles(dir, "*.csproj").Any() ? "csharp"
        : Directory.EnumerateFiles(dir, "*.py").Any() ? "python"
        : null;
}
