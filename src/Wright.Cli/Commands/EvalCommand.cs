using System.CommandLine;
using System.Globalization;
using Wright.Cli.Hosting;
using Wright.Cli.Text;
using Wright.Eval;
using Wright.Eval.Running;
using Wright.Eval.Suites;
using Wright.Runtime;
using Wright.Runtime.Approvals;
using Wright.Runtime.Configuration;

namespace Wright.Cli.Commands;

/// <summary>
/// <c>wright eval</c>: parses the command line and hands over to <see cref="EvalService"/> (Wright.Eval): run a suite
/// (<c>SUITE --model A --model B [--attempts K] [--parallel N] [--out DIR]</c>), continue one (<c>--resume RUN</c>),
/// check one (<c>--check SUITE</c>), report a stored run (<c>report RUN --out DIR</c>), diff two (<c>diff RUN1 RUN2</c>).
/// </summary>
internal static class EvalCommand
{
    public static Command Create()
    {
        var suite = new Argument<string?>("suite") { Arity = ArgumentArity.ZeroOrOne, Description = Strings.EvalSuiteArgument };
        var models = new Option<string[]>("--model", "-m") { Description = Strings.EvalModelOption };
        var attempts = new Option<int>("--attempts", "-k") { Description = Strings.EvalAttemptsOption, DefaultValueFactory = _ => 1 };
        var parallel = new Option<int>("--parallel", "-j") { Description = Strings.EvalParallelOption, DefaultValueFactory = _ => 1 };
        var outDir = new Option<string?>("--out") { Description = Strings.EvalOutOption };
        var check = new Option<bool>("--check") { Description = Strings.EvalCheckOption };
        var resume = new Option<string?>("--resume") { Description = Strings.EvalResumeOption };
        var taskBudget = new Option<decimal?>("--max-task-usd") { Description = Strings.EvalTaskBudgetOption };
        var runBudget = new Option<decimal?>("--max-run-usd") { Description = Strings.EvalRunBudgetOption };
        var mode = new Option<string?>("--permission-mode") { Description = Strings.PermissionModeOption };
        var maxTurns = new Option<int?>("--max-turns") { Description = Strings.MaxTurnsOption };
        var tasks = new Option<string[]>("--task") { Description = Strings.EvalTaskOption };
        var architect = new Option<string?>("--architect") { Description = Strings.EvalArchitectOption };
        var editor = new Option<string?>("--editor") { Description = Strings.EvalEditorOption };
        var env = new Option<string?>("--env") { Description = Strings.EvalEnvOption };
        env.AcceptOnlyFromAmong("local", "docker");
        var eval = new Command("eval", Strings.EvalDescription) { suite, models, attempts, parallel, outDir, check, resume, taskBudget, runBudget, mode, maxTurns, tasks, env, architect, editor };
        eval.SetAction(async (result, token) =>
        {
            var suitePath = result.GetValue(suite);
            if (result.GetValue(check))
            {
                if (suitePath is null)
                    return Fail(Strings.EvalNeedsSuite, ExitCodes.Usage);
                return await Guard(async service =>
                {
                    var lines = await service.CheckAsync(suitePath, Math.Max(1, result.GetValue(parallel)), Console.Out.WriteLine, token);
                    var bad = lines.Count(l => l.Status != "ok");
                    Console.Out.WriteLine(string.Format(CultureInfo.InvariantCulture, Strings.EvalCheckSummary, lines.Count - bad, lines.Count,
                        lines.Count(l => l.Status == "FAIL"), lines.Count(l => l.Status == "env"), lines.Count(l => l.Status == "malformed")));
                    return bad == 0 ? ExitCodes.Success : ExitCodes.Error;
                });
            }

            var resumeId = result.GetValue(resume);
            EvalOptions? options = null;
            if (resumeId is null)
            {
                if (suitePath is null)
                    return Fail(Strings.EvalNeedsSuite, ExitCodes.Usage);
                var specs = result.GetValue(models) ?? [];
                if (result.GetValue(attempts) < 1 || result.GetValue(parallel) < 1)
                    return Fail(Strings.EvalBadCounts, ExitCodes.Usage);
                var (architectModel, editorModel) = (result.GetValue(architect), result.GetValue(editor));
                if ((architectModel is null) != (editorModel is null))
                    return Fail(Strings.EvalArchitectNeedsEditor, ExitCodes.Usage);
                var configs = specs.Distinct(StringComparer.Ordinal).Select(m => new EvalConfig(m, m)).ToList();
                if (architectModel is not null)
                    configs.Add(new EvalConfig(string.Format(CultureInfo.InvariantCulture, Strings.EvalPairLabel, architectModel, editorModel), editorModel!)
                        { Architect = architectModel, Editor = editorModel });
                options = new EvalOptions
                {
                    Suite = suitePath,
                    Configs = configs,
                    Attempts = result.GetValue(attempts),
                    Parallel = result.GetValue(parallel),
                    MaxTaskUsd = result.GetValue(taskBudget),
                    MaxRunUsd = result.GetValue(runBudget),
                    PermissionMode = result.GetValue(mode),
                    MaxTurns = result.GetValue(maxTurns),
                    Environment = result.GetValue(env) ?? "local",
                    Tasks = [.. result.GetValue(tasks) ?? []],
                };
            }

            return await Guard(async service =>
            {
                var results = await service.RunAsync(options, resumeId, line => Console.Error.WriteLine(line), token);
                Console.Out.Write(EvalService.Leaderboard(results));
                if (result.GetValue(outDir) is { } dir)
                {
                    service.WriteReports(results, dir);
                    Console.Out.WriteLine(string.Format(CultureInfo.InvariantCulture, Strings.EvalWrote, Path.Combine(dir, "results.json"), Path.Combine(dir, "report.html")));
                }

                return ExitCodes.Success;
            });
        });

        var run1 = new Argument<string>("run1");
        var run2 = new Argument<string>("run2");
        var diff = new Command("diff", Strings.EvalDiffDescription) { run1, run2 };
        diff.SetAction(result => Guard(service =>
        {
            Console.Out.Write(service.Diff(result.GetValue(run1)!, result.GetValue(run2)!));
            return Task.FromResult(ExitCodes.Success);
        }));
        eval.Add(diff);

        var run = new Argument<string>("run");
        var reportOut = new Option<string?>("--out") { Description = Strings.EvalOutOption };
        var report = new Command("report", Strings.EvalReportDescription) { run, reportOut };
        report.SetAction(result => Guard(service =>
        {
            var results = service.Load(result.GetValue(run)!);
            Console.Out.Write(EvalService.Leaderboard(results));
            if (result.GetValue(reportOut) is { } dir)
                service.WriteReports(results, dir);
            return Task.FromResult(ExitCodes.Success);
        }));
        eval.Add(report);
        return eval;
    }

    private static async Task<int> Guard(Func<EvalService, Task<int>> action)
    {
        try
        {
            var host = new RuntimeHost { Diagnostics = TextWriter.Null, Approvals = DenyingApprovals.Instance };
            using var service = new EvalService(WrightRuntime.Home(Environment.GetEnvironmentVariable), host, TimeProvider.System);
            return await action(service);
        }
        catch (Exception ex) when (ex is EvalException or ConfigException or IOException or UnauthorizedAccessException)
        {
            return Fail(ex.Message, ExitCodes.Usage);
        }
        catch (OperationCanceledException)
        {
            return ExitCodes.Cancelled;
        }
    }

    private static int Fail(string message, int code)
    {
        Console.Error.WriteLine(Strings.ErrorPrefix + message);
        return code;
    }
}
