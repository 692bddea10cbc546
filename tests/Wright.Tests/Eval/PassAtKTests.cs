using Wright.Eval.Reports;

namespace Wright.Tests.Eval;

/// <summary>The statistics: the unbiased pass@k of Chen et al. 2021, the bootstrap and Wilson intervals.</summary>
public sealed class PassAtKTests
{
    [Theory]
    [InlineData(1, 1, 1, 1.0)]
    [InlineData(1, 0, 1, 0.0)]
    [InlineData(4, 2, 1, 0.5)]
    [InlineData(4, 1, 2, 0.5)]       // 1 - C(3,2)/C(4,2) = 1 - 3/6
    [InlineData(5, 2, 3, 0.9)]       // 1 - C(3,3)/C(5,3) = 1 - 1/10
    [InlineData(3, 0, 3, 0.0)]
    [InlineData(3, 1, 3, 1.0)]
    public void Pass_at_k_is_the_unbiased_estimator(int n, int c, int k, double expected) =>
        Assert.Equal(expected, PassAtK.ForTask(n, c, k), 9);

    [Fact]
    public void The_mean_is_over_tasks_and_the_bootstrap_interval_brackets_it_reproducibly()
    {
        var tasks = new List<(int, int)> { (2, 2), (2, 1), (2, 0), (2, 0) };
        Assert.Equal(0.375, PassAtK.Mean(tasks, 1), 9);
        Assert.Equal(0.5, PassAtK.Mean(tasks, 2), 9);
        var (low, high) = PassAtK.Bootstrap(tasks, 1);
        Assert.True(low <= 0.375 && 0.375 <= high, $"{low}–{high}");
        Assert.Equal((low, high), PassAtK.Bootstrap(tasks, 1));
        Assert.Equal((0.0, 0.0), PassAtK.Bootstrap([], 1));
    }

    [Fact]
    public void Wilson_matches_the_textbook_values()
    {
        var (low, high) = PassAtK.Wilson(8, 10);
        Assert.Equal(0.4902, low, 3);
        Assert.Equal(0.9433, high, 3);
        Assert.Equal((0.0, 0.0), PassAtK.Wilson(0, 0));
    }
}
