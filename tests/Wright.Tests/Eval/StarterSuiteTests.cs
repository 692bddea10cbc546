using Wright.Tests.E2E;
using Wright.Tests.Support;

namespace Wright.Tests.Eval;

/// <summary>The starter suite in <c>evals/</c>: at least 20 tasks across the languages, and <c>wright eval --check</c> passes on every one.</summary>
public sealed class StarterSuiteTests
{
    private static string Suite => Path.Combine(NodePackages.RepoRoot, "evals");

    [Fact]
    public void The_suite_has_twenty_tasks_across_six_languages_and_every_kind()
    {
        var tasks = Wright.Eval.Suites.SuiteLoader.Load(Suite);
        Assert.True(tasks.Count >= 20, $"{tasks.Count} tasks");
        Assert.All(tasks, t => Assert.Null(t.Problem));
        Assert.All(tasks, t => Assert.True(t.HasSolution, t.Id));
        foreach (var prefix in new[] { "py-", "js-", "go-", "rust-", "cs-", "sh-" })
            Assert.Contains(tasks, t => t.Id.StartsWith(prefix, StringComparison.Ordinal));
        var kinds = tasks.Select(t => File.ReadAllText(Path.Combine(t.Root, "task.toml"))).ToList();
        foreach (var kind in new[] { "bugfix", "feature", "refactor", "tests", "tool" })
            Assert.Contains(kinds, k => k.Contains($"category = \"{kind}\"", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Check_passes_every_reference_solution_and_fails_every_untouched_task()
    {
        using var wright = new WrightProcess();
        // The build cache persists between runs of the suite (cargo, go, NuGet) under the user's Wright home.
        var run = await EvalFixtures.RunAsync(wright, TimeSpan.FromMinutes(10), "eval", "--check", Suite, "--parallel", "2");

        Assert.True(run.ExitCode == 0, run.ToString());
        var count = Wright.Eval.Suites.SuiteLoader.Load(Suite).Count;
        Assert.Contains($"{count}/{count} tasks ok (0 failed, 0 environment errors, 0 malformed)", run.Stdout);
    }
}
