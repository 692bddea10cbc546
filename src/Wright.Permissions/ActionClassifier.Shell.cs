using Wright.Permissions.Protection;
using Wright.Permissions.Secrets;
using Wright.Permissions.Shell;

namespace Wright.Permissions;

public static partial class ActionClassifier
{
    private static readonly HashSet<string> NetworkPrograms = new(StringComparer.Ordinal)
    {
        "curl", "wget", "nc", "ncat", "netcat", "socat", "ssh", "scp", "sftp", "rsync", "ftp", "telnet", "ping", "ping6", "dig",
        "nslookup", "host", "drill", "traceroute", "tracepath", "http", "https", "aria2c", "gh", "aws", "gcloud", "az", "kubectl", "docker", "podman",
        "lynx", "w3m", "links", "elinks", "xh", "httpie", "openssl",
    };

    private static readonly HashSet<string> PackageManagers = new(StringComparer.Ordinal)
    {
        "npm", "pnpm", "yarn", "bun", "npx", "pip", "pip3", "uv", "pipx", "poetry", "cargo", "go", "gem", "bundle", "composer", "dotnet",
        "nuget", "apt", "apt-get", "brew", "conda", "mvn", "gradle",
    };

    private static readonly HashSet<string> NetworkSubcommands = new(StringComparer.Ordinal)
    {
        "install", "i", "add", "publish", "get", "fetch", "update", "upgrade", "restore", "download", "push", "pull", "clone", "exec", "dlx", "x",
    };

    private static readonly HashSet<string> GitNetwork = new(StringComparer.Ordinal) { "push", "fetch", "pull", "clone", "ls-remote", "submodule", "remote", "send-email", "request-pull" };

    private static ActionProfile Shell(string tool, string command, string workspace, string home, string? wrightHome)
    {
        var assessment = CommandPolicy.Assess(command, workspace, workspace);
        string? sink = null;
        string? secret = null;
        string? protectedWhy = null;
        string? instruction = null;
        var instructionOutside = false;
        string? thirdParty = null;
        foreach (var c in assessment.Parsed.Commands)
        {
            var name = Path.GetFileName(c.Program);
            var sub = name == "git" ? OptionHazards.GitSubcommand(c.Words) ?? "" : c.Words.Skip(1).FirstOrDefault(w => !w.StartsWith('-')) ?? "";
            if (NetworkPrograms.Contains(name))
                sink ??= $"network access: {name}";
            else if (name == "git" && GitNetwork.Contains(sub))
                sink ??= $"network access: git {sub}";
            else if (PackageManagers.Contains(name) && NetworkSubcommands.Contains(sub))
                sink ??= $"package download or publish: {name} {sub}";
            if (name is "env" or "printenv" || (name is "set" or "export" or "declare" or "typeset" && c.Words.Count <= 2))
                secret ??= "the environment";
            foreach (var word in c.Words.Skip(1).Concat(c.Redirections.Where(r => !r.Writes).Select(r => r.Target)))
            {
                foreach (var path in ReadCandidates(word, workspace, home))
                {
                    if (secret is null && SecretFiles.IsSecret(path))
                        secret = Show(path, workspace);
                    if (thirdParty is null && IsDependencyPath(path, workspace))
                        thirdParty = Show(path, workspace);
                }
            }

            foreach (var (target, isDynamic) in CommandPolicy.WriteTargets(c))
            {
                if (isDynamic || target.Contains('\0', StringComparison.Ordinal))
                    continue;
                var path = Paths.Resolve(target, workspace, home);
                if (protectedWhy is null && ProtectedPaths.Why(path, workspace, wrightHome) is { } why)
                    protectedWhy = "it writes protected configuration: " + why;
                if (instruction is null && ProtectedPaths.IsInstructionFile(path))
                {
                    instruction = $"writes an instruction file that agents load into their prompts ({Show(path, workspace)})";
                    instructionOutside = !Paths.IsInside(path, workspace);
                }
            }
        }

        var commands = assessment.Parsed.Commands;
        return new ActionProfile(tool, ActionKind.Shell, InvisibleText.MakeVisible(command))
        {
            Command = assessment,
            Sink = sink,
            IsEgress = sink is not null,
            SecretRead = secret,
            ThirdPartyRead = thirdParty,
            Protected = protectedWhy,
            PersistentSink = instruction,
            PersistsBeyondWorkspace = instructionOutside,
            SuggestedRule = commands.Count == 1 && assessment.RulesMayDecide ? $"shell({commands[0].Normalized})" : null,
        };
    }

    /// <summary>
    /// The paths a word may make a command read: the word itself, a <c>@file</c>, the value of <c>--opt=file</c>, the
    /// path of a git object name (<c>HEAD:.env</c>, <c>:svc/.env</c>), each glob expanded as bash would.
    /// </summary>
    private static IEnumerable<string> ReadCandidates(string word, string workspace, string home)
    {
        if (word.Length == 0)
            yield break;
        var spellings = new List<string>();
        if (!word.StartsWith('-'))
            spellings.Add(word);
        if (word.StartsWith('@') && word.Length > 1)
            spellings.Add(word[1..]);
        var eq = word.IndexOf('=', StringComparison.Ordinal);
        if (eq >= 0 && eq + 1 < word.Length)
            spellings.Add(word[(eq + 1)..]);
        var colon = word.LastIndexOf(':');
        if (colon >= 0 && colon + 1 < word.Length && !word.Contains("://", StringComparison.Ordinal))
            spellings.Add(word[(colon + 1)..]);
        foreach (var spelling in spellings.Distinct(StringComparer.Ordinal))
        {
            if (spelling.Contains('\0', StringComparison.Ordinal))
                continue; // no file has that name
            var path = Paths.Resolve(spelling, workspace, home);
            yield return path;
            if (ShellGlob.HasGlob(spelling))
            {
                foreach (var match in ShellGlob.Expand(path))
                    yield return match;
            }
        }
    }
}
