using Wright.Eval.Running;
using Wright.Eval.Suites;

namespace Wright.Eval.Reports;

/// <summary>Turns a run's stored attempts into <see cref="RunResults"/>.</summary>
internal static class ResultsBuilder
{
    public static RunResults Build(string runId, DateTimeOffset created, EvalOptions options, IReadOnlyList<EvalTask> tasks, IReadOnlyList<AttemptRecord> attempts)
    {
        var good = tasks.Where(t => t.Problem is null).Select(t => t.Id).ToList();
        var configs = options.Configs.Select(config =>
        {
            var mine = attempts.Where(a => a.Config == config.Label).ToList();
            var perTask = good.Select(id =>
            {
                var runs = mine.Where(a => a.Task == id).OrderBy(a => a.Attempt).ToList();
                var counted = runs.Where(a => a.Status is "passed" or "failed").ToList();
                var status = runs.Count == 0 ? "not_run"
                    : runs.Any(a => a.Passed) ? "passed"
                    : runs.All(a => a.Status == "env_error") ? "env_error"
                    : runs.All(a => a.Status == "skipped") ? "skipped"
                    : runs.Any(a => a.Status == "error") && counted.Count == 0 ? "error" : "failed";
                return new TaskResult
                {
                    Task = id,
                    Attempts = counted.Count,
                    Passed = counted.Count(a => a.Passed),
                    PassedFirstTry = counted.Count(a => a.PassedFirstTry),
                    Solved = runs.Any(a => a.Passed),
                    Status = status,
                    CostUsd = runs.Any(a => a.CostUsd is null && a.Turns > 0) ? null : runs.Sum(a => a.CostUsd ?? 0),
                    WallMs = runs.Sum(a => a.WallMs),
                    Runs = [.. runs.Select(a => new AttemptResult(a.Attempt, a.Status, a.PassedFirstTry, a.CostUsd, a.Turns, a.WallMs, a.SessionId, a.Trajectory, a.Detail))],
                };
            }).ToList();
            // Environment errors are the host's, not the model's: they leave the denominators.
            var scored = perTask.Where(t => t.Status is not ("env_error" or "not_run" or "skipped")).ToList();
            var first = scored.Select(t => (Math.Max(t.Attempts, 1), t.PassedFirstTry)).ToList();
            var final = scored.Select(t => (Math.Max(t.Attempts, 1), t.Passed)).ToList();
            var k = Math.Max(1, options.Attempts);
            var solved = scored.Count(t => t.Solved);
            var (wl, wh) = PassAtK.Wilson(solved, scored.Count);
            var (p1l, p1h) = PassAtK.Bootstrap(first, 1);
            var (pkl, pkh) = PassAtK.Bootstrap(final, k);
            return new ConfigResult
            {
                Label = config.Label,
                Model = config.Model,
                Solved = solved,
                Total = scored.Count,
                SolvedCi = [Round(wl), Round(wh)],
                PassAt1 = Round(PassAtK.Mean(first, 1)),
                PassAt1Ci = [Round(p1l), Round(p1h)],
                K = k,
                PassAtK = Round(PassAtK.Mean(final, k)),
                PassAtKCi = [Round(pkl), Round(pkh)],
                PassAt1WithFeedback = Round(PassAtK.Mean(final, 1)),
                CostUsd = perTask.Any(t => t.CostUsd is null) ? null : perTask.Sum(t => t.CostUsd ?? 0),
                InputTokens = mine.Sum(a => a.InputTokens),
                OutputTokens = mine.Sum(a => a.OutputTokens),
                Turns = mine.Sum(a => a.Turns),
                WallMs = mine.Sum(a => a.WallMs),
                ToolErrors = mine.Sum(a => a.ToolErrors),
                EnvErrors = mine.Count(a => a.Status == "env_error"),
                Tasks = perTask,
            };
        }).ToList();
        return new RunResults
        {
            RunId = runId,
            Suite = options.Suite,
            Created = created,
            Attempts = options.Attempts,
            Configs = configs,
            Malformed = [.. tasks.Where(t => t.Problem is not null).Select(t => new TaskProblem(t.Id, t.Problem!))],
        };
    }

    private static double Round(double value) => Math.Round(value, 4);
}
