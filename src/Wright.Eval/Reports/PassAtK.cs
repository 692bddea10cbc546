namespace Wright.Eval.Reports;

/// <summary>
/// The statistics of a report. pass@k is the unbiased estimator of Chen et al. 2021 ("Evaluating Large Language
/// Models Trained on Code"): per task with n attempts of which c passed, 1 − C(n−c, k) / C(n, k), averaged over tasks.
/// Its 95% confidence interval is a percentile bootstrap over tasks (2,000 resamples, fixed seed, so a report is
/// reproducible). The solved share also gets a Wilson score interval.
/// </summary>
public static class PassAtK
{
    /// <summary>pass@k of one task: n attempts, c passed.</summary>
    public static double ForTask(int n, int c, int k)
    {
        if (n <= 0 || k <= 0)
            return 0;
        k = Math.Min(k, n);
        if (n - c < k)
            return 1;
        // 1 - prod_{i=n-c+1}^{n} (1 - k/i), the numerically stable form.
        var product = 1.0;
        for (var i = n - c + 1; i <= n; i++)
            product *= 1.0 - ((double)k / i);
        return 1 - product;
    }

    /// <summary>The mean over tasks.</summary>
    public static double Mean(IReadOnlyList<(int N, int C)> tasks, int k) =>
        tasks.Count == 0 ? 0 : tasks.Average(t => ForTask(t.N, t.C, k));

    /// <summary>A 95% percentile-bootstrap interval over tasks.</summary>
    public static (double Low, double High) Bootstrap(IReadOnlyList<(int N, int C)> tasks, int k, int resamples = 2000, int seed = 17)
    {
        if (tasks.Count == 0)
            return (0, 0);
        var random = new Random(seed);
        var means = new double[resamples];
        var perTask = tasks.Select(t => ForTask(t.N, t.C, k)).ToArray();
        for (var r = 0; r < resamples; r++)
        {
            var sum = 0.0;
            for (var i = 0; i < perTask.Length; i++)
                sum += perTask[random.Next(perTask.Length)];
            means[r] = sum / perTask.Length;
        }

        Array.Sort(means);
        return (means[(int)(0.025 * (resamples - 1))], means[(int)Math.Ceiling(0.975 * (resamples - 1))]);
    }

    /// <summary>The Wilson score interval (95%) of <paramref name="successes"/> out of <paramref name="total"/>.</summary>
    public static (double Low, double High) Wilson(int successes, int total)
    {
        if (total == 0)
            return (0, 0);
        const double z = 1.959963984540054;
        var p = (double)successes / total;
        var denominator = 1 + (z * z / total);
        var centre = (p + (z * z / (2 * total))) / denominator;
        var half = z * Math.Sqrt((p * (1 - p) / total) + (z * z / (4.0 * total * total))) / denominator;
        return (Math.Max(0, centre - half), Math.Min(1, centre + half));
    }
}
