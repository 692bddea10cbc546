using System.Globalization;
using System.Text;

namespace Wright.Eval.Reports;

/// <summary>The terminal report: one row per configuration (best first), then which configurations solved each task.</summary>
internal static class Leaderboard
{
    public static string Render(RunResults results)
    {
        var c = CultureInfo.InvariantCulture;
        var sb = new StringBuilder();
        sb.Append(c, $"run {results.RunId} · {results.Suite} · {results.Attempts} attempt(s) per task\n\n");
        var rows = new List<string[]> { new[] { "#", "configuration", "solved", "pass@1 (95% CI)", $"pass@{results.Attempts}", "cost", "tokens in/out", "turns", "time", "tool errors", "env errors" } };
        var rank = 0;
        foreach (var r in results.Configs.OrderByDescending(r => r.PassAt1).ThenByDescending(r => r.Solved).ThenBy(r => r.CostUsd ?? decimal.MaxValue))
        {
            rank++;
            rows.Add([rank.ToString(c), r.Label, $"{r.Solved}/{r.Total}", $"{r.PassAt1:0.00} ({r.PassAt1Ci[0]:0.00}–{r.PassAt1Ci[1]:0.00})", $"{r.PassAtK:0.00}",
                r.CostUsd is { } cost ? "$" + cost.ToString("0.0000", c) : "unknown", $"{r.InputTokens}/{r.OutputTokens}", r.Turns.ToString(c),
                (r.WallMs / 1000.0).ToString("0.0", c) + "s", r.ToolErrors.ToString(c), r.EnvErrors.ToString(c)]);
        }

        Table(sb, rows);
        if (results.Configs.Count > 0)
        {
            sb.Append("\nper task (solved by):\n");
            foreach (var task in results.Configs[0].Tasks.Select(t => t.Task))
            {
                var by = results.Configs.Where(r => r.Tasks.Any(t => t.Task == task && t.Solved)).Select(r => r.Label).ToList();
                var env = results.Configs.Any(r => r.Tasks.Any(t => t.Task == task && t.Status == "env_error"));
                sb.Append(c, $"  {task}: {(by.Count > 0 ? string.Join(", ", by) : env ? "— (environment error)" : "—")}\n");
            }
        }

        foreach (var bad in results.Malformed)
            sb.Append(c, $"malformed task {bad.Task}: {bad.Problem}\n");
        return sb.ToString();
    }

    internal static void Table(StringBuilder sb, List<string[]> rows)
    {
        var widths = Enumerable.Range(0, rows[0].Length).Select(i => rows.Max(r => r[i].Length)).ToArray();
        foreach (var row in rows)
            sb.Append(string.Join("  ", row.Select((cell, i) => cell.PadRight(widths[i]))).TrimEnd()).Append('\n');
    }
}
