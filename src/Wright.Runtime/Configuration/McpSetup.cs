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

    /// <summary>
    /// The servers to start. A user-level stdio server without a <c>cwd</c> starts in <see cref="NeutralDirectory"/>,
    /// never in the workspace: the user's servers run in every workspace, hostile ones included, and the programs
    /// that start them look for code in their working directory first (<c>npx</c> runs
    /// <c>node_modules/.bin</c> of the current directory, <c>python -m</c> imports from it, <c>node -e</c> requires
    /// from its <c>node_modules</c>), so a cloned repository would run its code on the host. A trusted project's
    /// servers are the project's own code and start in the project directory, as before.
    /// </summary>
    public static List<McpServerConfig> Load(string home, string workspace, List<string> warnings, string? trustRoot = null)
    {
        var servers = new Dictionary<string, McpServerConfig>(StringComparer.Ordinal);
        foreach (var s in Read(UserFile(home)))
            servers[s.Name] = s.Url is null && string.IsNullOrEmpty(s.Cwd) ? s with { Cwd = NeutralDirectory(home) } : s;
        if (ProjectFile(workspace) is { } project && File.Exists(project))
        {
            if (ProjectFiles.Read(project) is not { } bytes)
            {
                warnings.Add(string.Format(CultureInfo.InvariantCulture, Strings.ProjectFileUnreadable, project));
            }
            else if (ProjectTrust.IsTrusted(home, project, workspace, trustRoot, bytes))
            {
                foreach (var s in Parse(System.Text.Encoding.UTF8.GetString(bytes), project))
                    servers[s.Name] = s;
            }
            else
            {
                warnings.Add(string.Format(CultureInfo.InvariantCulture, Strings.UntrustedMcp, project));
            }
        }

        return [.. servers.Values];
    }

    /// <summary>An empty directory Wright owns (<c>$WRIGHT_HOME/run/mcp-cwd</c>): where user-level servers start.</summary>
    public static string NeutralDirectory(string home) =>
        Directory.CreateDirectory(Path.Combine(home, "run", "mcp-cwd")).FullName;

    private static IReadOnlyList<McpServerConfig> Parse(string text, string path)
    {
        try
        {
            return McpConfigFile.Parse(text, path);
        }
        catch (FormatException ex)
        {
            throw new ConfigException(ex.Message);
        }
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
