using System.Diagnostics;
using System.Text.RegularExpressions;
using Wright.Eval.Reports;

namespace Wright.Tests.Eval;

/// <summary>report.html opened in Debian's headless Chromium: the charts render (their SVG elements are in the DOM) and the console shows no error.</summary>
public sealed partial class HtmlReportBrowserTests
{
    private static RunResults Sample()
    {
        TaskResult Task(string id, int passed, decimal cost) => new()
        {
            Task = id,
            Attempts = 2,
            Passed = passed,
            PassedFirstTry = passed,
            Solved = passed > 0,
            Status = passed > 0 ? "passed" : "failed",
            CostUsd = cost,
            WallMs = 1500,
            Runs = [new AttemptResult(1, passed > 0 ? "passed" : "failed", passed > 0, cost / 2, 2, 700, "s1", "trajectories/a/" + id + "/1.jsonl", null),
                new AttemptResult(2, passed > 1 ? "passed" : "failed", passed > 1, cost / 2, 2, 800, "s2", "trajectories/a/" + id + "/2.jsonl", null)],
        };
        ConfigResult Config(string model, int a, int b) => new()
        {
            Label = model,
            Model = model,
            Solved = (a > 0 ? 1 : 0) + (b > 0 ? 1 : 0),
            Total = 2,
            SolvedCi = [0.1, 0.9],
            PassAt1 = (a + b) / 4.0,
            PassAt1Ci = [0.0, 1.0],
            K = 2,
            PassAtK = 0.5,
            PassAtKCi = [0.0, 1.0],
            PassAt1WithFeedback = (a + b) / 4.0,
            CostUsd = 0.5m + a,
            InputTokens = 100,
            OutputTokens = 10,
            Turns = 8,
            WallMs = 3000,
            ToolErrors = 1,
            EnvErrors = 0,
            Tasks = [Task("fix <bug> & \"quote\"", a, 0.25m + a), Task("feature", b, 0.25m)],
        };
        return new RunResults
        {
            RunId = "20261203-000000-abcdef",
            Suite = "/suite",
            Created = DateTimeOffset.UnixEpoch,
            Attempts = 2,
            Configs = [Config("deepseek/deepseek-chat", 2, 1), Config("anthropic/claude-sonnet-4-5", 1, 0)],
            Malformed = [new TaskProblem("broken", "no tests/test.sh")],
        };
    }

    [Fact]
    public async Task Chromium_renders_the_charts_without_console_errors()
    {
        var chromium = new[] { "/usr/bin/chromium", "/usr/bin/chromium-browser" }.FirstOrDefault(File.Exists)
            ?? throw new InvalidOperationException("Debian's chromium is not installed: run ./test.sh (scripts/install-deps.sh installs it)");
        var dir = Directory.CreateTempSubdirectory("wright-report-").FullName;
        try
        {
            var file = Path.Combine(dir, "report.html");
            await File.WriteAllTextAsync(file, HtmlReport.Render(Sample(), "file:///runs/x/"));
            var psi = new ProcessStartInfo(chromium) { RedirectStandardOutput = true, RedirectStandardError = true };
            foreach (var a in new[] { "--headless", "--no-sandbox", "--disable-gpu", "--no-first-run", "--user-data-dir=" + Path.Combine(dir, "profile"),
                "--enable-logging=stderr", "--v=0", "--dump-dom", new Uri(file).AbsoluteUri })
                psi.ArgumentList.Add(a);
            using var process = Process.Start(psi)!;
            var dom = process.StandardOutput.ReadToEndAsync();
            var log = process.StandardError.ReadToEndAsync();
            using var deadline = new CancellationTokenSource(TimeSpan.FromSeconds(90));
            try
            {
                await process.WaitForExitAsync(deadline.Token);
            }
            catch (OperationCanceledException)
            {
                process.Kill(entireProcessTree: true);
                throw;
            }

            var html = await dom;
            var console = (await log).Split('\n').Where(l => l.Contains("CONSOLE", StringComparison.Ordinal)).ToList();
            Assert.Empty(console);
            Assert.Contains("<svg id=\"success-vs-cost\"", html);
            Assert.Equal(2, PointRegex().Count(html));
            Assert.Equal(4, CellRegex().Count(html));
            Assert.Contains("<svg id=\"cost-distribution\"", html);
            Assert.Contains("<svg id=\"time-distribution\"", html);
            Assert.Equal(16, DotRegex().Count(html));
            Assert.Contains("fix &lt;bug&gt; &amp; \"quote\"", html);
            Assert.Contains("href=\"file:///runs/x/trajectories/a/feature/1.jsonl\"", html);
            Assert.Contains("no tests/test.sh", html);
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    [GeneratedRegex("<circle class=\"point\"")]
    private static partial Regex PointRegex();

    [GeneratedRegex("<rect class=\"cell\"")]
    private static partial Regex CellRegex();

    [GeneratedRegex("<circle class=\"dot\"")]
    private static partial Regex DotRegex();
}
