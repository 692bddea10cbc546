using Wright.Cli.Interactive;
using Wright.Sessions.Store;

namespace Wright.Tests.Tui;

/// <summary>/rewind numbers checkpoints by the user's prompts, not by model requests.</summary>
public sealed class RewindPointsTests
{
    [Fact]
    public void Checkpoints_of_one_prompt_make_one_point_numbered_by_prompt()
    {
        var now = DateTimeOffset.UnixEpoch;
        CheckpointRecord At(int turn, int messages, string prompt) => new("s", turn, "snap" + turn, 0, messages, now.AddMinutes(turn), prompt);
        var points = InteractiveHost.RewindPoints([At(1, 2, "make a"), At(2, 4, "make a"), At(3, 6, "make a"), At(5, 10, "make b"), At(9, 16, "make c")]);
        Assert.Equal([1, 5, 9], points.Select(p => p.Turn));
        Assert.Equal(["make a", "make b", "make c"], points.Select(p => p.Prompt));
    }
}
