using Wright.Mcp.Server;

namespace Wright.Tests.Mcp;

/// <summary><see cref="McpTokenStore"/>: one token, made once, kept owner-only, never read through a link.</summary>
public sealed class McpTokenStoreTests : IDisposable
{
    private readonly string _home = Directory.CreateTempSubdirectory("wright-token-").FullName;

    public void Dispose() => Directory.Delete(_home, recursive: true);

    private string TokenFile => Path.Combine(_home, McpTokenStore.FileName);

    [Fact]
    public void A_token_is_made_once_with_mode_0600_and_then_reused()
    {
        var first = McpTokenStore.LoadOrCreate(_home, out var created);
        Assert.True(created);
        Assert.True(first.Length >= 40, first);
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(TokenFile));
        Assert.Equal(first, McpTokenStore.LoadOrCreate(_home, out var again));
        Assert.False(again);
        Directory.Delete(_home, recursive: true);
        Assert.NotEqual(first, McpTokenStore.LoadOrCreate(_home, out _)); // a missing home is created, with a new token
    }

    [Fact]
    public async Task A_link_a_file_others_can_read_a_fifo_or_junk_is_refused_untouched()
    {
        var target = Path.Combine(_home, "secret.txt");
        File.WriteAllText(target, "not-a-token-but-secret\n");
        File.SetUnixFileMode(target, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        File.CreateSymbolicLink(TokenFile, target);
        Assert.Contains("symbolic link", Assert.Throws<IOException>(() => McpTokenStore.LoadOrCreate(_home, out _)).Message);
        File.Delete(TokenFile);

        File.WriteAllText(TokenFile, "shared-token-0123456789\n");
        File.SetUnixFileMode(TokenFile, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead | UnixFileMode.OtherRead);
        Assert.Contains("chmod 600", Assert.Throws<IOException>(() => McpTokenStore.LoadOrCreate(_home, out _)).Message);
        Assert.Equal("shared-token-0123456789\n", File.ReadAllText(TokenFile));
        File.Delete(TokenFile);

        File.WriteAllText(TokenFile, "short\n");
        File.SetUnixFileMode(TokenFile, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        Assert.Contains("does not hold a token", Assert.Throws<IOException>(() => McpTokenStore.LoadOrCreate(_home, out _)).Message);
        File.Delete(TokenFile);

        // A FIFO would block a plain open until someone writes to it; this one must answer at once.
        using var mkfifo = System.Diagnostics.Process.Start("mkfifo", [TokenFile])!;
        mkfifo.WaitForExit();
        File.SetUnixFileMode(TokenFile, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        var read = Task.Run(() => McpTokenStore.LoadOrCreate(_home, out _), TestContext.Current.CancellationToken);
        await Assert.ThrowsAsync<IOException>(() => read.WaitAsync(TimeSpan.FromSeconds(10), TestContext.Current.CancellationToken));
    }
}
