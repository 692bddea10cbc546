using Wright.Sandbox.Filesystem;

namespace Wright.Tests.Sandbox.Filesystem;

public sealed class PlaceholdersTests : IDisposable
{
    private readonly string _workspace = Directory.CreateTempSubdirectory("wright-placeholders-").FullName;

    public void Dispose() => Directory.Delete(_workspace, recursive: true);

    [Fact]
    public async Task A_lock_held_for_a_moment_elsewhere_does_not_leave_the_placeholder_behind()
    {
        // What a child forked by another thread does between fork and exec: it shares the shared lock for a moment.
        var placeholders = new Placeholders(_workspace);
        var lease = placeholders.Hold();
        var placeholder = Path.Combine(_workspace, ".mcp.json");
        File.WriteAllBytes(placeholder, []);
        lease.Created([placeholder]);
        var other = NativeFiles.OpenDirectory(_workspace);
        Assert.True(NativeFiles.LockShared(other));
        var released = Task.Run(async () =>
        {
            await Task.Delay(50, TestContext.Current.CancellationToken);
            NativeFiles.CloseDescriptor(other);
        }, TestContext.Current.CancellationToken);

        lease.Dispose();

        await released;
        Assert.False(File.Exists(placeholder));
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
