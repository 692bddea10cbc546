using System.Globalization;
using System.Text;

namespace Wright.Eval.Reports;

/// <summary><c>wright eval diff RUN1 RUN2</c>: per configuration present in both (or the only one of each), the tasks whose outcome changed.</summary>
internal static class RunDiff
{
    public static string Render(RunResults before, RunResults after)
    {
        var c = CultureInfo.InvariantCulture;
        var sb = new StringBuilder();
        sb.Append(c, $"{before.RunId} → {after.RunId}\n");
        var pairs = before.Configs.Join(after.Configs, b => b.Label, a => a.Label, (b, a) => (b, a)).ToList();
        if (pairs.Count == 0 && before.Configs.Count == 1 && after.Configs.Count == 1)
            pairs.Add((before.Configs[0], after.Configs[0]));
        if (pairs.Count == 0)
            sb.Append("no configuration in common\n");
        foreach (var (b, a) in pairs)
        {
            sb.Append(c, $"\n{(b.Label == a.Label ? b.Label : b.Label + " → " + a.Label)}: solved {b.Solved}/{b.Total} → {a.Solved}/{a.Total}, pass@1 {b.PassAt1:0.00} → {a.PassAt1:0.00}\n");
            var changed = 0;
            foreach (var task in b.Tasks.Select(t => t.Task).Union(a.Tasks.Select(t => t.Task)).Order(StringComparer.Ordinal))
            {
                var was = b.Tasks.FirstOrDefault(t => t.Task == task)?.Status ?? "absent";
                var now = a.Tasks.FirstOrDefault(t => t.Task == task)?.Status ?? "absent";
                if (was == now)
                    continue;
                changed++;
                var mark = now == "passed" ? "+" : was == "passed" ? "-" : "~";
                sb.Append(c, $"  {mark} {task}: {was} → {now}\n");
            }

            if (changed == 0)
                sb.Append("  no task changed\n");
        }

        return sb.ToString();
    }
}
