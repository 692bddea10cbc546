using System.Globalization;
using System.Net;
using System.Text;

namespace Wright.Eval.Reports;

/// <summary>
/// report.html: one self-contained file (inline CSS and SVG, no script, no network) with the leaderboard, success
/// against cost per configuration, a per-task heatmap (share of attempts passed), and cost and time distributions
/// (one dot per attempt); trajectories are linked relative to the run's folder.
/// </summary>
internal static class HtmlReport
{
    private static readonly CultureInfo C = CultureInfo.InvariantCulture;
    private static readonly string[] Palette = ["#4e79a7", "#f28e2b", "#e15759", "#76b7b2", "#59a14f", "#edc948", "#b07aa1", "#ff9da7"];

    public static string Render(RunResults results, string? trajectoryBase)
    {
        var sb = new StringBuilder();
        sb.Append("<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>Wright eval ").Append(E(results.RunId)).Append("</title><style>")
          .Append("body{font-family:system-ui,sans-serif;margin:2em;color:#222}table{border-collapse:collapse;margin:1em 0}td,th{border:1px solid #ccc;padding:4px 8px;text-align:left}")
          .Append("h2{margin-top:1.5em}svg{background:#fafafa;border:1px solid #ddd}.legend span{display:inline-block;margin-right:1em}</style></head><body>")
          .Append("<h1>Wright eval — ").Append(E(results.Suite)).Append("</h1><p>run ").Append(E(results.RunId)).Append(", ")
          .Append(results.Attempts.ToString(C)).Append(" attempt(s) per task. ").Append(E(results.Estimator)).Append("</p>");
        sb.Append("<h2>Leaderboard</h2><table id=\"leaderboard\"><tr><th>configuration</th><th>solved</th><th>pass@1 (95% CI)</th><th>pass@k</th><th>cost (USD)</th><th>tokens in/out</th><th>turns</th><th>time (s)</th><th>tool errors</th><th>env errors</th></tr>");
        foreach (var r in results.Configs)
        {
            sb.Append(C, $"<tr><td>{E(r.Label)}</td><td>{r.Solved}/{r.Total}</td><td>{r.PassAt1:0.00} ({r.PassAt1Ci[0]:0.00}–{r.PassAt1Ci[1]:0.00})</td><td>{r.PassAtK:0.00}</td>")
              .Append(C, $"<td>{(r.CostUsd is { } cost ? cost.ToString("0.0000", C) : "unknown")}</td><td>{r.InputTokens}/{r.OutputTokens}</td><td>{r.Turns}</td><td>{r.WallMs / 1000.0:0.0}</td><td>{r.ToolErrors}</td><td>{r.EnvErrors}</td></tr>");
        }

        sb.Append("</table>");
        sb.Append("<p class=\"legend\">");
        for (var i = 0; i < results.Configs.Count; i++)
            sb.Append("<span><svg width=\"12\" height=\"12\" style=\"border:0\"><rect width=\"12\" height=\"12\" fill=\"").Append(Color(i)).Append("\"/></svg> ").Append(E(results.Configs[i].Label)).Append("</span>");
        sb.Append("</p><h2>Success against cost</h2>").Append(Scatter(results));
        sb.Append("<h2>Per-task heatmap</h2>").Append(Heatmap(results));
        sb.Append("<h2>Cost per attempt</h2>").Append(Strip(results, a => (double)(a.CostUsd ?? 0), "USD", "cost-distribution"));
        sb.Append("<h2>Time per attempt</h2>").Append(Strip(results, a => a.WallMs / 1000.0, "s", "time-distribution"));
        sb.Append("<h2>Attempts</h2><table><tr><th>configuration</th><th>task</th><th>attempt</th><th>status</th><th>cost</th><th>trajectory</th></tr>");
        foreach (var r in results.Configs)
        {
            foreach (var t in r.Tasks)
            {
                foreach (var a in t.Runs)
                {
                    var link = a.Trajectory is null ? "" : $"<a href=\"{E((trajectoryBase ?? "") + a.Trajectory)}\">{E(a.Trajectory)}</a>";
                    sb.Append(C, $"<tr><td>{E(r.Label)}</td><td>{E(t.Task)}</td><td>{a.Attempt}</td><td>{E(a.Status)}</td><td>{(a.CostUsd is { } c ? c.ToString("0.0000", C) : "")}</td><td>{link}</td></tr>");
                }
            }
        }

        sb.Append("</table>");
        if (results.Malformed.Count > 0)
        {
            sb.Append("<h2>Malformed tasks</h2><ul>");
            foreach (var m in results.Malformed)
                sb.Append("<li>").Append(E(m.Task)).Append(": ").Append(E(m.Problem)).Append("</li>");
            sb.Append("</ul>");
        }

        return sb.Append("</body></html>\n").ToString();
    }

    private static string Scatter(RunResults results)
    {
        const int W = 640, H = 360, L = 60, B = 40, T = 20, R = 20;
        var maxCost = Math.Max(1e-9, results.Configs.Select(r => (double)(r.CostUsd ?? 0)).DefaultIfEmpty(0).Max()) * 1.1;
        var sb = new StringBuilder();
        sb.Append(C, $"<svg id=\"success-vs-cost\" width=\"{W}\" height=\"{H}\" viewBox=\"0 0 {W} {H}\" xmlns=\"http://www.w3.org/2000/svg\" role=\"img\">");
        sb.Append(C, $"<line x1=\"{L}\" y1=\"{H - B}\" x2=\"{W - R}\" y2=\"{H - B}\" stroke=\"#333\"/><line x1=\"{L}\" y1=\"{T}\" x2=\"{L}\" y2=\"{H - B}\" stroke=\"#333\"/>");
        sb.Append(C, $"<text x=\"{W / 2}\" y=\"{H - 8}\" text-anchor=\"middle\" font-size=\"12\">cost (USD, 0–{maxCost:0.####})</text>");
        sb.Append(C, $"<text x=\"14\" y=\"{H / 2}\" font-size=\"12\" transform=\"rotate(-90 14 {H / 2})\" text-anchor=\"middle\">pass@1</text>");
        for (var tick = 0; tick <= 4; tick++)
        {
            var y = H - B - (tick / 4.0 * (H - B - T));
            sb.Append(C, $"<text x=\"{L - 6}\" y=\"{y + 4:0.#}\" text-anchor=\"end\" font-size=\"10\">{tick / 4.0:0.00}</text>");
        }

        for (var i = 0; i < results.Configs.Count; i++)
        {
            var r = results.Configs[i];
            var x = L + ((double)(r.CostUsd ?? 0) / maxCost * (W - L - R));
            var y = H - B - (r.PassAt1 * (H - B - T));
            var y1 = H - B - (r.PassAt1Ci[0] * (H - B - T));
            var y2 = H - B - (r.PassAt1Ci[1] * (H - B - T));
            sb.Append(C, $"<line x1=\"{x:0.#}\" y1=\"{y1:0.#}\" x2=\"{x:0.#}\" y2=\"{y2:0.#}\" stroke=\"{Color(i)}\"/>");
            sb.Append(C, $"<circle class=\"point\" cx=\"{x:0.#}\" cy=\"{y:0.#}\" r=\"6\" fill=\"{Color(i)}\"><title>{E(r.Label)}: pass@1 {r.PassAt1:0.00}, ${r.CostUsd:0.####}</title></circle>");
            sb.Append(C, $"<text x=\"{x + 9:0.#}\" y=\"{y - 6:0.#}\" font-size=\"11\">{E(r.Label)}</text>");
        }

        return sb.Append("</svg>").ToString();
    }

    private static string Heatmap(RunResults results)
    {
        var tasks = results.Configs.Count == 0 ? [] : results.Configs[0].Tasks.Select(t => t.Task).ToList();
        const int Cell = 28, Left = 220, Top = 120;
        var w = Left + (results.Configs.Count * Cell) + 20;
        var h = Top + (tasks.Count * Cell) + 10;
        var sb = new StringBuilder();
        sb.Append(C, $"<svg id=\"heatmap\" width=\"{w}\" height=\"{h}\" viewBox=\"0 0 {w} {h}\" xmlns=\"http://www.w3.org/2000/svg\" role=\"img\">");
        for (var j = 0; j < results.Configs.Count; j++)
            sb.Append(C, $"<text x=\"{Left + (j * Cell) + 14}\" y=\"{Top - 6}\" font-size=\"11\" transform=\"rotate(-45 {Left + (j * Cell) + 14} {Top - 6})\">{E(results.Configs[j].Label)}</text>");
        for (var i = 0; i < tasks.Count; i++)
        {
            sb.Append(C, $"<text x=\"{Left - 6}\" y=\"{Top + (i * Cell) + 18}\" font-size=\"11\" text-anchor=\"end\">{E(tasks[i])}</text>");
            for (var j = 0; j < results.Configs.Count; j++)
            {
                var t = results.Configs[j].Tasks.FirstOrDefault(x => x.Task == tasks[i]);
                var share = t is null || t.Attempts == 0 ? -1 : (double)t.Passed / t.Attempts;
                var fill = share < 0 ? "#bbbbbb" : $"rgb({(int)(220 - (share * 170))},{(int)(80 + (share * 120))},{(int)(80 + (share * 40))})";
                var label = t is null ? "not run" : $"{t.Status}: {t.Passed}/{t.Attempts}";
                sb.Append(C, $"<rect class=\"cell\" x=\"{Left + (j * Cell)}\" y=\"{Top + (i * Cell)}\" width=\"{Cell - 2}\" height=\"{Cell - 2}\" fill=\"{fill}\"><title>{E(tasks[i])} · {E(results.Configs[j].Label)}: {E(label)}</title></rect>");
            }
        }

        return sb.Append("</svg>").ToString();
    }

    private static string Strip(RunResults results, Func<AttemptResult, double> value, string unit, string id)
    {
        const int W = 640, Row = 36, L = 220, R = 30;
        var all = results.Configs.SelectMany(r => r.Tasks.SelectMany(t => t.Runs)).Select(value).ToList();
        var max = Math.Max(1e-9, all.DefaultIfEmpty(0).Max()) * 1.05;
        var h = (results.Configs.Count * Row) + 40;
        var sb = new StringBuilder();
        sb.Append(C, $"<svg id=\"{id}\" width=\"{W}\" height=\"{h}\" viewBox=\"0 0 {W} {h}\" xmlns=\"http://www.w3.org/2000/svg\" role=\"img\">");
        sb.Append(C, $"<text x=\"{W / 2}\" y=\"{h - 8}\" text-anchor=\"middle\" font-size=\"12\">{E(unit)} (0–{max:0.####})</text>");
        for (var i = 0; i < results.Configs.Count; i++)
        {
            var y = 20 + (i * Row);
            sb.Append(C, $"<text x=\"{L - 8}\" y=\"{y + 4}\" text-anchor=\"end\" font-size=\"11\">{E(results.Configs[i].Label)}</text><line x1=\"{L}\" y1=\"{y}\" x2=\"{W - R}\" y2=\"{y}\" stroke=\"#ddd\"/>");
            var values = results.Configs[i].Tasks.SelectMany(t => t.Runs).Select(value).Order().ToList();
            foreach (var v in values)
                sb.Append(C, $"<circle class=\"dot\" cx=\"{L + (v / max * (W - L - R)):0.#}\" cy=\"{y}\" r=\"4\" fill=\"{Color(i)}\" fill-opacity=\"0.7\"><title>{v:0.####} {E(unit)}</title></circle>");
            if (values.Count > 0)
            {
                var median = values[values.Count / 2];
                var mx = L + (median / max * (W - L - R));
                sb.Append(C, $"<line x1=\"{mx:0.#}\" y1=\"{y - 10}\" x2=\"{mx:0.#}\" y2=\"{y + 10}\" stroke=\"#000\" stroke-width=\"2\"><title>median {median:0.####}</title></line>");
            }
        }

        return sb.Append("</svg>").ToString();
    }

    private static string Color(int i) => Palette[i % Palette.Length];

    private static string E(string text) => WebUtility.HtmlEncode(text);
}
