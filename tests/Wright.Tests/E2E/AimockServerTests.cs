namespace Wright.Tests.E2E;

/// <summary>The test helper itself: a server that cannot start is reported with its own words.</summary>
public sealed class AimockServerTests
{
    [Fact]
    public async Task A_server_that_exits_at_start_is_reported_with_its_stderr_and_exit_code()
    {
        var dir = Directory.CreateTempSubdirectory("wright-aimock-test-").FullName;
        var script = Path.Combine(dir, "broken-cli.cjs");
        await File.WriteAllTextAsync(script, "console.error('aimock-broken-start: port taken'); process.exit(3);\n", TestContext.Current.CancellationToken);

        var ex = await Assert.ThrowsAsync<InvalidOperationException>(() => AimockServer.StartAsync("""{"fixtures":[]}""", script));

        Assert.Contains("aimock-broken-start: port taken", ex.Message, StringComparison.Ordinal);
        Assert.Contains("exit code 3", ex.Message, StringComparison.Ordinal);
    }
}
