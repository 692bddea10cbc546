using System.Text.Json;
using System.Text.RegularExpressions;
using Wright.Core.Tools;
using Wright.Permissions.Rules;
using Wright.Permissions.Shell;

namespace Wright.Permissions;

/// <summary>Turns a tool call into an <see cref="ActionProfile"/>: what it touches, and whether it is a sink or a secret read.</summary>
public static partial class ActionClassifier
{
    private static readonly string[] EditTools = ["write_file", "edit_file", "multi_edit", "apply_patch"];

    private static readonly string[] SecretPatterns =
    [
        "**/.env", "**/.env.*", "**/*.pem", "**/*.key", "**/id_rsa*", "**/id_ed25519*", "**/id_ecdsa*", "**/.ssh/**", "**/.aws/**",
        "**/.netrc", "**/.git-credentials", "**/.npmrc", "**/.pypirc", "**/.docker/config.json", "**/.config/gh/**", "**/.kube/config",
        "**/credentials", "**/credentials.json", "**/*secret*", "/etc/shadow", "/proc/*/environ",
    ];

    private static readonly string[] ConfigPatterns =
    [
        "**/.git/config", "**/.git/hooks/**", "**/.wright/**", "**/.vscode/**", "**/.idea/**", "**/.claude/**", "**/.cursor/**",
        "**/.gitconfig", "**/.bashrc", "**/.bash_profile", "**/.profile", "**/.zshrc", "**/.config/git/**", "**/.mcp.json", "**/.gitmodules",
    ];

    private static readonly HashSet<string> NetworkPrograms = new(StringComparer.Ordinal)
    {
        "curl", "wget", "nc", "ncat", "netcat", "socat", "ssh", "scp", "sftp", "rsync", "ftp", "telnet", "ping", "ping6", "dig",
        "nslookup", "host", "drill", "traceroute", "tracepath", "http", "https", "aria2c", "gh", "aws", "gcloud", "az", "kubectl", "docker", "podman",
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

    /// <summary>Classifies a call.</summary>
    public static ActionProfile Classify(ToolCall call, ToolEffect effect, string workspace, string? home = null)
    {
        home ??= Environment.GetEnvironmentVariable("HOME") ?? "/root";
        var args = call.Arguments;
        if (call.Name == "shell" && Str(args, "command") is { } command)
            return Shell(call.Name, command, workspace, home);
        if (call.Name == "web_fetch" && Str(args, "url") is { } url)
            return WebFetch(url);
        if (call.Name is "shell_output" or "shell_kill")
        {
            // They only read or stop background jobs that an approved shell call started.
            return new ActionProfile(call.Name, ActionKind.Read, call.Name);
        }

        if (call.Name == "remember")
        {
            return new ActionProfile(call.Name, ActionKind.Other, $"remember {Str(args, "text")}")
            {
                Sink = "writes a long-term memory that later sessions' prompts carry",
                SinkOnlyWhenTainted = true,
                SuggestedRule = "remember",
            };
        }

        if (call.Name.StartsWith("mcp__", StringComparison.Ordinal))
            return new ActionProfile(call.Name, ActionKind.Mcp, call.Name) { SuggestedRule = $"mcp({McpName(call.Name)})" };

        // The file tools run outside the sandbox: a symlink inside the workspace must not carry a read or write
        // elsewhere. Rules see the resolved paths; configuration, secret and outside checks see both spellings.
        var lexical = ToolPaths(call, workspace, home);
        var paths = lexical.Select(p => Paths.Effective(p, workspace)).Distinct(StringComparer.Ordinal).ToList();
        var both = lexical.Concat(paths).Distinct(StringComparer.Ordinal).ToList();
        var outside = both.Any(p => !Paths.IsInside(p, workspace));
        if (EditTools.Contains(call.Name))
        {
            var config = both.FirstOrDefault(p => ConfigPatterns.Any(g => Glob.MatchPath(g, p)));
            return new ActionProfile(call.Name, ActionKind.Edit, $"{call.Name} {string.Join(", ", paths.Select(p => Show(p, workspace)))}")
            {
                Paths = paths,
                OutsideWorkspace = outside,
                Sink = config is null ? null : $"writes agent, editor or git configuration ({Show(config, workspace)})",
                SuggestedRule = paths.Count == 1 && !outside ? $"edit({Path.GetRelativePath(workspace, paths[0])})" : null,
            };
        }

        if (effect == ToolEffect.ReadOnly)
        {
            var secret = both.FirstOrDefault(p => SecretPatterns.Any(g => Glob.MatchPath(g, p)));
            return new ActionProfile(call.Name, ActionKind.Read, $"{call.Name} {string.Join(", ", paths.Select(p => Show(p, workspace)))}".TrimEnd())
            {
                Paths = paths,
                OutsideWorkspace = outside,
                SecretRead = secret is null ? null : Show(secret, workspace),
            };
        }

        return new ActionProfile(call.Name, ActionKind.Other, call.Name) { Paths = paths, OutsideWorkspace = outside };
    }

    private static ActionProfile Shell(string tool, string command, string workspace, string home)
    {
        var assessment = CommandPolicy.Assess(command, workspace, workspace);
        string? sink = null;
        string? secret = null;
        foreach (var c in assessment.Parsed.Commands)
        {
            var name = Path.GetFileName(c.Program);
            var sub = c.Words.Skip(1).FirstOrDefault(w => !w.StartsWith('-')) ?? "";
            if (NetworkPrograms.Contains(name))
                sink ??= $"network access: {name}";
            else if (name == "git" && GitNetwork.Contains(sub))
                sink ??= $"network access: git {sub}";
            else if (PackageManagers.Contains(name) && NetworkSubcommands.Contains(sub))
                sink ??= $"package download or publish: {name} {sub}";
            if (name is "env" or "printenv" || (name is "set" or "export" or "declare" && c.Words.Count <= 2))
                secret ??= "the environment";
            foreach (var word in c.Words.Skip(1).Concat(c.Redirections.Where(r => !r.Writes).Select(r => r.Target)))
            {
                if (word.StartsWith('-'))
                    continue;
                var path = Paths.Resolve(word, workspace, home);
                if (SecretPatterns.Any(g => Glob.MatchPath(g, path)))
                    secret ??= Show(path, workspace);
            }

            foreach (var r in c.Redirections.Where(r => r.Writes && !r.TargetIsDynamic))
            {
                var path = Paths.Resolve(r.Target, workspace, home);
                if (ConfigPatterns.Any(g => Glob.MatchPath(g, path)))
                    sink ??= $"writes agent, editor or git configuration ({Show(path, workspace)})";
            }
        }

        var commands = assessment.Parsed.Commands;
        return new ActionProfile(tool, ActionKind.Shell, InvisibleText.MakeVisible(command))
        {
            Command = assessment,
            Sink = sink,
            IsEgress = sink?.StartsWith("network", StringComparison.Ordinal) == true || sink?.StartsWith("package", StringComparison.Ordinal) == true,
            SecretRead = secret,
            SuggestedRule = commands.Count == 1 && assessment.RulesMayDecide ? $"shell({commands[0].Normalized})" : null,
        };
    }

    private static ActionProfile WebFetch(string url)
    {
        Uri.TryCreate(url, UriKind.Absolute, out var uri);
        var host = uri?.Host;
        var dataBearing = uri is not null && (uri.Query.Length > 1 || uri.AbsolutePath.Length > 100 || LongToken().IsMatch(uri.PathAndQuery));
        return new ActionProfile("web_fetch", ActionKind.Network, "web_fetch " + InvisibleText.MakeVisible(url))
        {
            Host = host,
            Sink = dataBearing ? $"a request whose URL can carry data out ({host})" : null,
            IsEgress = dataBearing,
            SuggestedRule = host is null ? null : $"web_fetch(domain:{host})",
        };
    }

    private static List<string> ToolPaths(ToolCall call, string workspace, string home)
    {
        var args = call.Arguments;
        if (call.Name == "apply_patch" && Str(args, "patch") is { } patch)
        {
            return [.. PatchPaths().Matches(patch).Select(m => Paths.Resolve(m.Groups[1].Value.Trim(), workspace, home)).Distinct(StringComparer.Ordinal)];
        }

        var path = Str(args, "path");
        return path is null ? (call.Name is "grep" or "glob" or "list_dir" ? [workspace] : []) : [Paths.Resolve(path, workspace, home)];
    }

    private static string? Str(JsonElement args, string name) =>
        args.ValueKind == JsonValueKind.Object && args.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString() : null;

    private static string Show(string path, string workspace) =>
        Paths.IsInside(path, workspace) && path != workspace ? Path.GetRelativePath(workspace, path) : path;

    private static string McpName(string tool)
    {
        var parts = tool.Split("__");
        return parts.Length >= 3 ? parts[1] + "." + string.Join("__", parts[2..]) : tool;
    }

    [GeneratedRegex(@"^\*\*\* (?:Add File|Update File|Delete File|Move to): (.+)$", RegexOptions.Multiline)]
    private static partial Regex PatchPaths();

    [GeneratedRegex(@"[A-Za-z0-9+/_=-]{32,}")]
    private static partial Regex LongToken();
}
