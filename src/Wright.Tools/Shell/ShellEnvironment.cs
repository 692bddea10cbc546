using System.Collections;
using System.Text.RegularExpressions;

namespace Wright.Tools.Shell;

/// <summary>The environment commands get: the user's, minus secrets, plus settings that keep tools non-interactive.</summary>
public static partial class ShellEnvironment
{
    /// <summary>Builds it; names like *KEY*, *SECRET*, *TOKEN*, *PASSWORD* are dropped unless allowed.</summary>
    public static Dictionary<string, string> Build(IReadOnlyCollection<string> allowedSecrets)
    {
        var env = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (DictionaryEntry entry in Environment.GetEnvironmentVariables())
        {
            var name = (string)entry.Key;
            if (IsSecret(name) && !allowedSecrets.Contains(name))
                continue;
            env[name] = entry.Value as string ?? "";
        }

        env["PATH"] = Wright.Core.Processes.TrustedPrograms.SearchPath(path: env.GetValueOrDefault("PATH")); // never '.', relative entries or the workspace
        env["TERM"] = "dumb";
        env["PAGER"] = "cat";
        env["GIT_PAGER"] = "cat";
        env["NO_COLOR"] = "1";
        env["GIT_TERMINAL_PROMPT"] = "0";
        env["DEBIAN_FRONTEND"] = "noninteractive";
        return env;
    }

    /// <summary>Whether a variable name says it holds a secret.</summary>
    public static bool IsSecret(string name) => SecretName().IsMatch(name);

    [GeneratedRegex("KEY|SECRET|TOKEN|PASSWORD|PASSWD|CREDENTIAL", RegexOptions.IgnoreCase)]
    private static partial Regex SecretName();
}
