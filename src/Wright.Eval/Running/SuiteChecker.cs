using Wright.Eval.Suites;
using Wright.Eval.Verification;
using Wright.Eval.Text;

namespace Wright.Eval.Running;

/// <summary>
/// <c>wright eval --check</c>: for each task, the untouched workspace must fail its tests and the reference solution
/// must pass them. Returns one line per task: ok, FAIL (why), env (the host lacks a tool) or malformed.
/// </summary>
internal static class SuiteChecker
{
    public sealed record CheckLine(string Task, string Status, string? Detail);

    public static async Task<List<CheckLine>> CheckAsync(IReadOnlyList<EvalTask> tasks, string scratchRoot, string cacheDir, int parallel, Action<CheckLine> progress,
        CancellationToken cancellationToken)
    {
        using var slots = new SemaphoreSlim(Math.Max(1, parallel));
        var results = await Task.WhenAll(tasks.Select(async task =>
        {
            await slots.WaitAsync(cancellationToken);
            try
            {
                var line = await CheckOneAsync(task, Path.Combine(scratchRoot, EvalRunner.Slug(task.Id)), cacheDir, cancellationToken);
                progress(line);
                return line;
            }
            finally
            {
                slots.Release();
            }
        }));
        return [.. results];
    }

    private static async Task<CheckLine> CheckOneAsync(EvalTask task, string scratch, string cacheDir, CancellationToken cancellationToken)
    {
        if (task.Problem is { } problem)
            return new CheckLine(task.Id, "malformed", problem);
        if (!task.HasSolution)
            return new CheckLine(task.Id, "FAIL", Strings.NoSolution);
        var workspace = Path.Combine(scratch, "workspace");
        try
        {
            await Workspaces.PrepareAsync(task, workspace, cancellationToken);
            var untouched = await Verifier.VerifyAsync(task, workspace, scratch, cacheDir, cancellationToken);
            if (untouched.Outcome == VerifyOutcome.EnvironmentError)
                return new CheckLine(task.Id, "env", Verifier.Tail(untouched.Output, 600));
            if (untouched.Outcome == VerifyOutcome.Passed)
                return new CheckLine(task.Id, "FAIL", Strings.UntouchedPasses);
            await Workspaces.PrepareAsync(task, workspace, cancellationToken);
            if (await Verifier.ApplySolutionAsync(task, workspace, scratch, cacheDir, cancellationToken) is { } error)
                return new CheckLine(task.Id, "FAIL", error);
            var solved = await Verifier.VerifyAsync(task, workspace, scratch, cacheDir, cancellationToken);
            return solved.Outcome switch
            {
                VerifyOutcome.Passed => new CheckLine(task.Id, "ok", null),
                VerifyOutcome.EnvironmentError => new CheckLine(task.Id, "env", Verifier.Tail(solved.Output, 600)),
                _ => new CheckLine(task.Id, "FAIL", Strings.SolutionFails + Verifier.Tail(solved.Output, 600)),
            };
        }
        catch (Exception ex) when (ex is EvalException or IOException or UnauthorizedAccessException)
        {
            return new CheckLine(task.Id, "FAIL", ex.Message);
        }
        finally
        {
            Workspaces.Remove(scratch);
        }
    }
}
