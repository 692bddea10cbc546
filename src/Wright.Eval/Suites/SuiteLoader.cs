using System.Globalization;
using Wright.Eval.Text;

namespace Wright.Eval.Suites;

/// <summary>
/// Reads a suite in any of the supported formats, found by its shape: a <c>.jsonl</c> file (SWE-style records), a
/// folder of Harbor tasks (each with <c>task.toml</c> or <c>instruction.md</c>), or an Aider polyglot tree
/// (<c>&lt;language&gt;/exercises/practice/&lt;exercise&gt;</c>, or exercise folders with <c>.meta/config.json</c>).
/// A single task folder is a suite of one. Malformed tasks come back with their problem; they never stop the others.
/// </summary>
public static class SuiteLoader
{
    /// <summary>Loads the suite at <paramref name="path"/>; throws <see cref="EvalException"/> when it is no suite at all.</summary>
    public static IReadOnlyList<EvalTask> Load(string path)
    {
        var full = Path.GetFullPath(path);
        if (File.Exists(full) && full.EndsWith(".jsonl", StringComparison.OrdinalIgnoreCase))
            return SweJsonlReader.Read(full);
        if (!Directory.Exists(full))
            throw new EvalException(string.Format(CultureInfo.InvariantCulture, Strings.NoSuite, path));
        if (HarborReader.IsTask(full))
            return [HarborReader.Read(full, Path.GetFileName(full))];
        if (PolyglotReader.IsExercise(full))
            return [PolyglotReader.Read(full, Path.GetFileName(full), Path.GetFileName(full))];
        var tasks = new List<EvalTask>();
        foreach (var dir in Directory.EnumerateDirectories(full).Order(StringComparer.Ordinal))
        {
            var name = Path.GetFileName(dir);
            if (name.StartsWith('.'))
                continue;
            var practice = Path.Combine(dir, "exercises", "practice");
            if (Directory.Exists(practice))
            {
                foreach (var exercise in Directory.EnumerateDirectories(practice).Order(StringComparer.Ordinal))
                    tasks.Add(PolyglotReader.Read(exercise, name + "/" + Path.GetFileName(exercise), name));
            }
            else if (PolyglotReader.IsExercise(dir))
                tasks.Add(PolyglotReader.Read(dir, name, null));
            else
                tasks.Add(HarborReader.Read(dir, name));
        }

        foreach (var file in Directory.EnumerateFiles(full, "*.jsonl").Order(StringComparer.Ordinal))
            tasks.AddRange(SweJsonlReader.Read(file));
        if (tasks.Count == 0)
            throw new EvalException(string.Format(CultureInfo.InvariantCulture, Strings.EmptySuite, path));
        return tasks;
    }
}
