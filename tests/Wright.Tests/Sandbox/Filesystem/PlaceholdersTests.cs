using Microsoft.Extensions.Time.Testing;
using Wright.Sandbox.Filesystem;

namespace Wright.Tests.Sandbox.Filesystem;

public sealed class PlaceholdersTests : IDisposable
{
    private readonly string _workspace = Directory.CreateTempSubdirectory("wright-placeholders-").FullName;

    public void Dispose() => Directory.Delete(_workspace, recursive: true);

    [Fact]
    public void A_lock_held_for_a_moment_elsewhere_does_not_leave_the_placeholder_behind()
    {
        // What a child forked by another thread does between fork and exec: it shares the shared lock for a moment.
        var time = new FakeTimeProvider();
        var placeholders = new Placeholders(_workspace, time);
        var lease = placeholders.Hold();
        var placeholder = Path.Combine(_workspace, ".mcp.json");
        File.WriteAllBytes(placeholder, []);
        lease.Created([placeholder]);
        var other = NativeFiles.OpenDirectory(_workspace);
        Assert.True(NativeFiles.LockShared(other));

        lease.Dispose(); // returns at once: the next try is a timer, nothing sleeps
        Assert.True(File.Exists(placeholder));
        time.Advance(Placeholders.FirstPause);
        Assert.True(File.Exists(placeholder)); // still locked: another try is set

        NativeFiles.CloseDescriptor(other);
        time.Advance(Placeholders.FirstPause * 2);
        Assert.False(File.Exists(placeholder));
    }

    [Fact]
    public void A_lock_held_longer_than_the_patience_leaves_the_placeholder_to_the_other_sandbox_and_stops_trying()
    {
        var time = new FakeTimeProvider();
        var placeholders = new Placeholders(_workspace, time);
        var lease = placeholders.Hold();
        var placeholder = Path.Combine(_workspace, ".vscode");
        Directory.CreateDirectory(placeholder);
        lease.Created([placeholder]);
        var other = NativeFiles.OpenDirectory(_workspace);
        Assert.True(NativeFiles.LockShared(other));

        lease.Dispose();
        for (var waited = TimeSpan.Zero; waited <= Placeholders.Patience * 2; waited += TimeSpan.FromMilliseconds(1))
            time.Advance(TimeSpan.FromMilliseconds(1));
        NativeFiles.CloseDescriptor(other);
        time.Advance(Placeholders.Patience * 4);
        Assert.True(Directory.Exists(placeholder)); // no try after the patience: the other sandbox's end cleans up

        placeholders.Hold().Dispose(); // the next sandbox of this launcher to end removes it
        Assert.False(Directory.Exists(placeholder));
    }

    [Fact]
    public void A_running_sandbox_keeps_the_placeholder_until_the_last_one_ends()
    {
        var placeholders = new Placeholders(_workspace);
        var first = placeholders.Hold();
        var second = placeholders.Hold();
        var placeholder = Path.Combine(_workspace, ".vscode");
        Directory.CreateDirectory(placeholder);
        first.Created([placeholder]);

        first.Dispose();
        Assert.True(Directory.Exists(placeholder));

        second.Dispose();
        Assert.False(Directory.Exists(placeholder));
    }

    [Fact]
    public void A_placeholder_that_gained_content_is_left_alone()
    {
        var placeholders = new Placeholders(_workspace);
        var lease = placeholders.Hold();
        var placeholder = Path.Combine(_workspace, ".envrc");
        File.WriteAllText(placeholder, "export A=1\n");
        lease.Created([placeholder]);

        lease.Dispose();

        Assert.True(File.Exists(placeholder));
    }
}
