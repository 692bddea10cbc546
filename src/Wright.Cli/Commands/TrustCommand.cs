using System.CommandLine;
using System.Globalization;
using Wright.Cli.Hosting;
using Wright.Runtime;
using Wright.Runtime.Configuration;
using Wright.Cli.Text;

namespace Wright.Cli.Commands;

/// <summary>
/// <c>wright trust</c>: trusts the project's <c>.wright/config.json</c>, <c>.wright/mcp.json</c> and custom command
/// files (their <c>allowed-tools</c>) and <c>.wright/setup.sh</c> (which <c>wright serve</c> runs, sandboxed, in each
/// attempt's worktree) as they are now.
/// </summary>
internal static class TrustCommand
{
    public static Command Create(Option<string?> cwd)
    {
        var trust = new Command("trust", Strings.TrustDescription) { cwd };
        trust.SetAction(result =>
        {
            var workspace = WrightRuntime.Canonicalize(result.GetValue(cwd) ?? Directory.GetCurrentDirectory()) ?? Directory.GetCurrentDirectory();
            var home = WrightHome.Resolve(Environment.GetEnvironmentVariable);
            var files = new[] { ConfigLoader.FindProjectConfig(workspace), McpSetup.ProjectFile(workspace), Path.Combine(workspace, ".wright", "setup.sh") }
                .OfType<string>().Where(File.Exists)
                .Concat(Wright.Extensibility.Commands.CommandCatalog.ProjectFiles(workspace))
                .Distinct(StringComparer.Ordinal).ToList();
            if (files.Count == 0)
            {
                Console.Error.WriteLine(Strings.ErrorPrefix + string.Format(CultureInfo.InvariantCulture, Strings.NothingToTrust, workspace));
                return ExitCodes.Usage;
            }

            try
            {
                foreach (var file in files)
                    Console.WriteLine(string.Format(CultureInfo.InvariantCulture, Strings.Trusted, file, ProjectTrust.Trust(home, file)));
            }
            catch (ConfigException ex)
            {
                Console.Error.WriteLine(Strings.ErrorPrefix + ex.Message);
                return ExitCodes.Usage;
            }

            return ExitCodes.Success;
        });
        return trust;
    }
}
