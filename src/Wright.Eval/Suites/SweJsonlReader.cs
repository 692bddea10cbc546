using System.Text.Json;
using Wright.Eval.Text;

namespace Wright.Eval.Suites;

/// <summary>
/// SWE-style tasks, one JSON object per line: <c>instance_id</c> (or <c>id</c>), <c>repo</c> (a local repository path,
/// relative to the file), <c>base_commit</c>, <c>problem_statement</c>, <c>test_command</c>, and optionally
/// <c>patch</c> (the reference solution, a unified diff, for <c>--check</c>).
/// </summary>
internal static class SweJsonlReader
{
    public static List<EvalTask> Read(string file)
    {
        var tasks = new List<EvalTask>();
        var root = Path.GetDirectoryName(file)!;
        var number = 0;
        foreach (var line in File.ReadLines(file))
        {
            number++;
            if (string.IsNullOrWhiteSpace(line))
                continue;
            var fallbackId = Path.GetFileNameWithoutExtension(file) + ":" + number;
            try
            {
                using var doc = JsonDocument.Parse(line);
                var e = doc.RootElement;
                string? S(string name) => e.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString() : null;
                var id = S("instance_id") ?? S("id") ?? fallbackId;
                var missing = new[] { "repo", "base_commit", "problem_statement", "test_command" }.Where(n => S(n) is null).ToList();
                if (missing.Count > 0)
                {
                    tasks.Add(new EvalTask { Id = id, Format = "swe", Root = root, Problem = Strings.SweMissing + string.Join(", ", missing) });
                    continue;
                }

                var repo = Path.GetFullPath(Path.Combine(root, S("repo")!));
                tasks.Add(new EvalTask
                {
                    Id = id,
                    Format = "swe",
                    Root = root,
                    Instruction = S("problem_statement")!,
                    Repository = repo,
                    BaseCommit = S("base_commit"),
                    TestCommand = S("test_command"),
                    SolutionPatch = S("patch"),
                    Problem = Directory.Exists(repo) ? null : Strings.SweNoRepository + repo,
                });
            }
            catch (JsonException ex)
            {
                tasks.Add(new EvalTask { Id = fallbackId, Format = "swe", Root = root, Problem = "not a JSON object: " + ex.Message.Split('\n')[0] });
            }
        }

        return tasks;
    }
}
