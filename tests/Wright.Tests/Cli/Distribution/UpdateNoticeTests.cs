using System.Text.Json;
using Wright.Cli.Distribution;

namespace Wright.Tests.Cli.Distribution;

/// <summary>
/// The interactive session's update notice: it shows what the last check found, looks again in the background at
/// most daily, and never looks when updates are off.
/// </summary>
public sealed class UpdateNoticeTests : IDisposable
{
    private readonly string _home = Directory.CreateTempSubdirectory("wright-notice-").FullName;
    private readonly ClockAt _time = new(new DateTimeOffset(2026, 12, 3, 10, 0, 0, TimeSpan.Zero));

    public void Dispose() => Directory.Delete(_home, recursive: true);

    private string StateFile => Path.Combine(_home, "update-check.json");

    private static Func<string, string?> Environment(string url, params (string Name, string Value)[] more) =>
        name => name == "WRIGHT_UPDATE_URL" ? url : more.FirstOrDefault(v => v.Name == name).Value;

    private async Task<JsonElement> StateWhenWrittenAsync(DateTimeOffset after)
    {
        using var deadline = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        while (true)
        {
            try
            {
                if (File.Exists(StateFile))
                {
                    var state = JsonDocument.Parse(await File.ReadAllTextAsync(StateFile, deadline.Token)).RootElement.Clone();
                    if (state.GetProperty("checked_at").GetDateTimeOffset() >= after)
                        return state;
                }
            }
            catch (Exception ex) when (ex is IOException or JsonException)
            {
                // being replaced: look again
            }

            await Task.Delay(20, deadline.Token);
        }
    }

    [Fact]
    public async Task The_first_start_only_looks_the_next_one_tells_and_a_day_later_it_looks_again()
    {
        using var release = new FakeRelease("999.0.0");
        var environment = Environment(release.Url);

        var first = UpdateNotice.Take(environment, _home, _time);
        var recorded = await StateWhenWrittenAsync(_time.GetUtcNow());
        var requestsAfterFirst = release.Server.Requests;
        _time.Now += TimeSpan.FromHours(23);
        var second = UpdateNotice.Take(environment, _home, _time);
        var requestsWithinTheDay = release.Server.Requests;
        _time.Now += TimeSpan.FromHours(2);
        var third = UpdateNotice.Take(environment, _home, _time);
        await StateWhenWrittenAsync(_time.GetUtcNow());

        Assert.Null(first);   // the start is never delayed by a check
        Assert.Equal("999.0.0", recorded.GetProperty("latest").GetString());
        Assert.Equal(1, requestsAfterFirst);
        Assert.NotNull(second);
        Assert.Contains("999.0.0", second);
        Assert.Contains("wright update", second);
        Assert.Equal(1, requestsWithinTheDay);
        Assert.NotNull(third);
        Assert.Equal(2, release.Server.Requests);
    }

    [Fact]
    public async Task An_offline_check_keeps_what_was_seen_and_nothing_newer_says_nothing()
    {
        using var release = new FakeRelease("0.0.1");
        File.WriteAllText(StateFile, """{"checked_at": "2026-11-01T00:00:00Z", "latest": "0.0.1"}""");

        var old = UpdateNotice.Take(Environment(release.Url), _home, _time);
        var state = await StateWhenWrittenAsync(_time.GetUtcNow());
        await UpdateNotice.RefreshAsync(new Uri("http://127.0.0.1:9/"), StateFile, _time);   // nothing listens on port 9
        var afterOffline = JsonDocument.Parse(await File.ReadAllTextAsync(StateFile)).RootElement;

        Assert.Null(old);
        Assert.Equal("0.0.1", state.GetProperty("latest").GetString());
        Assert.Equal("0.0.1", afterOffline.GetProperty("latest").GetString());
        Assert.Equal(_time.GetUtcNow(), afterOffline.GetProperty("checked_at").GetDateTimeOffset());
    }

    [Theory]
    [InlineData("CI", "true")]
    [InlineData("WRIGHT_NO_UPDATE", "1")]
    public async Task Off_means_no_notice_and_no_request(string variable, string value)
    {
        using var release = new FakeRelease("999.0.0");
        File.WriteAllText(StateFile, """{"checked_at": "2026-11-01T00:00:00Z", "latest": "999.0.0"}""");
        File.WriteAllText(Path.Combine(_home, "config.json"), """{"update": {"check": false}}""");

        var off = UpdateNotice.Take(Environment(release.Url, (variable, value)), _home, _time);
        var checkOff = UpdateNotice.Take(Environment(release.Url), _home, _time);

        Assert.Null(off);
        Assert.Null(checkOff);   // "update": {"check": false} in the user's config
        Assert.Equal(0, release.Server.Requests);
        Assert.Contains("2026-11-01", await File.ReadAllTextAsync(StateFile));
    }

    private sealed class ClockAt(DateTimeOffset now) : TimeProvider
    {
        public DateTimeOffset Now { get; set; } = now;

        public override DateTimeOffset GetUtcNow() => Now;
    }
}
