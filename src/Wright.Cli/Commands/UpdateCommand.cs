using System.CommandLine;
using Wright.Cli.Distribution;
using Wright.Runtime.Configuration;
using Wright.Cli.Text;

namespace Wright.Cli.Commands;

/// <summary><c>wright update [--check] [--yes] [--rollback]</c>: see <see cref="Updater"/>.</summary>
internal static class UpdateCommand
{
    public static Command Create()
    {
        var check = new Option<bool>("--check") { Description = Strings.UpdateCheckOption };
        var yes = new Option<bool>("--yes", "-y") { Description = Strings.UpdateYesOption };
        var rollback = new Option<bool>("--rollback") { Description = Strings.UpdateRollbackOption };
        var update = new Command("update", Strings.UpdateDescription) { check, yes, rollback };
        update.SetAction(async (result, token) =>
        {
            using var http = Client();
            var updater = new Updater(http, Console.Out, Console.Error, Ask, BuildInfo.Version, BuildInfo.Asset);
            if (result.GetValue(rollback))
                return await updater.RollbackAsync(InstallLocation.Current(), result.GetValue(yes), token);
            var settings = UpdateSettings.Load(Environment.GetEnvironmentVariable, WrightHome.Resolve(Environment.GetEnvironmentVariable));
            return await updater.UpdateAsync(settings, InstallLocation.Current(), result.GetValue(check), result.GetValue(yes), token);
        });
        return update;
    }

    /// <summary>An HTTP client for release downloads: proxies from the environment, no silent downgrade to http.</summary>
    public static HttpClient Client()
    {
        var client = new HttpClient(new SocketsHttpHandler { ConnectTimeout = TimeSpan.FromSeconds(15) }) { Timeout = Timeout.InfiniteTimeSpan };
        client.DefaultRequestHeaders.UserAgent.ParseAdd("wright/" + BuildInfo.Version.Split('+')[0]);
        return client;
    }

    /// <summary>Asks on the terminal; null when stdin is not one (a script must pass --yes).</summary>
    private static bool? Ask(string question)
    {
        if (Console.IsInputRedirected)
            return null;
        Console.Error.Write(question);
        var answer = Console.In.ReadLine()?.Trim();
        return answer is not null && (answer.Equals("y", StringComparison.OrdinalIgnoreCase) || answer.Equals("yes", StringComparison.OrdinalIgnoreCase)
            || answer is "是" or "好");
    }
}
