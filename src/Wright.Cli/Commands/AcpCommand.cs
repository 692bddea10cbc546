using System.CommandLine;
using Wright.Acp;
using Wright.Cli.Text;

namespace Wright.Cli.Commands;

/// <summary>
/// <c>wright acp [--model M] [--permission-mode MODE] [--effort E] [--max-turns N] [--allow-home-workspace]</c>: Wright
/// as an Agent Client Protocol agent on stdin/stdout (<see cref="AcpServer"/>). stdout carries protocol messages only:
/// anything else written to the console goes to stderr.
/// </summary>
internal static class AcpCommand
{
    public static Command Create()
    {
        var model = new Option<string?>("--model", "-m") { Description = Strings.AcpModelOption };
        var mode = new Option<string?>("--permission-mode") { Description = Strings.AcpPermissionModeOption };
        var effort = new Option<string?>("--effort") { Description = Strings.EffortOption };
        effort.AcceptOnlyFromAmong("low", "medium", "high");
        var maxTurns = new Option<int?>("--max-turns") { Description = Strings.MaxTurnsOption };
        var allowHome = new Option<bool>("--allow-home-workspace") { Description = Strings.AllowHomeWorkspaceOption };
        var acp = new Command("acp", Strings.AcpDescription) { model, mode, effort, maxTurns, allowHome };
        acp.SetAction(async (result, ct) =>
        {
            var stdout = Console.OpenStandardOutput();
            Console.SetOut(Console.Error);
            await using var stdin = Console.OpenStandardInput();
            await AcpServer.RunAsync(stdin, stdout, Console.Error, new AcpOptions
            {
                Model = result.GetValue(model),
                PermissionMode = result.GetValue(mode),
                Effort = result.GetValue(effort),
                MaxTurns = result.GetValue(maxTurns),
                AllowHomeWorkspace = result.GetValue(allowHome),
                Version = typeof(AcpCommand).Assembly.GetCustomAttributes(typeof(System.Reflection.AssemblyInformationalVersionAttribute), false)
                    .OfType<System.Reflection.AssemblyInformationalVersionAttribute>().FirstOrDefault()?.InformationalVersion ?? "0.0.0",
            }, ct);
            await stdout.DisposeAsync();
            return 0;
        });
        return acp;
    }
}
