using System.Globalization;
using Wright.Runtime.Text;
using Wright.Mcp;

namespace Wright.Runtime.Configuration;

/// <summary>
/// Finds the MCP servers to start: <c>$WRIGHT_HOME/mcp.json</c> (user) and the project's <c>.wright/mcp.json</c>, whose
/// servers start only once the user trusted that file's exact content (a changed file asks again).
/// </summary>
public static class McpSetup
{
    public const string FileName = "mcp.json";

    public static string UserFile(string home) => Path.Combine(home, FileName);

    public static string? ProjectFile(string workspace) =>
        ConfigLoader.FindProjectConfig(workspace) is { } config
            ? Path.Combine(Path.GetDirectoryName(config)!, FileName)
            : FindProjectDirectory(workspace) is { } dir ? Path.Combine(dir, ".wright", FileName) : null;

    public static List<McpServerConfig> Load(string home, string workspace, List<string> warnings)
    {
        var servers = new Dictionary<string, McpServerConfig>(StringComparer.Ordinal);
        foreach (var s in Read(UserFile(home)))
            servers[s.Name] = s;
        if (ProjectFile(workspace) is { } project && File.Exists(project))
        {
            if (ProjectTrust.IsTrusted(home, project))
            {
                foreach (var s in Read(project))
                    servers[s.Name] = s;
            }
            else
            {
                warnings.Add(string.Format(CultureInfo.InvariantCulture, Strings.UntrustedMcp, project));
            }
        }

        return [.. servers.Values];
    }

    private static IReadOnlyList<McpServerConfig> Read(string path)
    {
        try
        {
            return McpConfigFile.Read(path);
        }
        catch (FormatException ex)
        {
            throw new ConfigException(ex.Message);
        }
    }

    private static string? FindProjectDirectory(string workspace) =>
        ConfigLoader.ProjectDirectories(workspace).FirstOrDefault(dir => Directory.Exists(Path.Combine(dir, ".wright")));
}
