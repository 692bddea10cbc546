using System.Text.Json;
using Wright.Core.Tools;
using Wright.Permissions.Protection;
using Wright.Permissions.Secrets;
using Wright.Permissions.Shell;

namespace Wright.Permissions;

/// <summary>Turns a tool call into an <see cref="ActionProfile"/>: what it touches, and whether it is a sink or a secret read.</summary>
public static partial class ActionClassifier
{
    private static readonly string[] EditTools = ["write_file", "edit_file", "multi_edit", "apply_patch"];

    private static readonly string[] PatchPrefixes = ["*** Add File:", "*** Update File:", "*** Delete File:", "*** Move to:"];

    /// <summary>Folders of third-party code inside a workspace (installed packages, vendored trees).</summary>
    private static readonly HashSet<string> DependencyDirectories = new(StringComparer.Ordinal)
    {
        "node_modules", "bower_components", "jspm_packages", "vendor", "third_party", "third-party", "site-packages", "dist-packages",
        ".venv", "venv", "Pods", ".bundle", ".yarn", ".pnpm-store", ".m2", ".cargo", ".nuget",
    };

    /// <summary>Classifies a call; <paramref name="wrightHome"/> is Wright's own home (protected like the workspace's <c>.wright</c>).</summary>
    public static ActionProfile Classify(ToolCall call, ToolEffect effect, string workspace, string? home = null, string? wrightHome = null)
    {
        home ??= Environment.GetEnvironmentVariable("HOME") ?? "/root";
        var args = call.Arguments;
        if (call.Name == "shell" && Str(args, "command") is { } command)
            return Shell(call.Name, command, workspace, home, wrightHome);
        if (call.Name == "web_fetch" && Str(args, "url") is { } url)
            return WebFetch(url);
        if (call.Name is "shell_output" or "shell_kill")
        {
            // They only read or stop background jobs that an approved shell call started.
            return new ActionProfile(call.Name, ActionKind.Read, call.Name);
        }

        if (call.Name == "remember")
        {
            var everywhere = Str(args, "scope") == "user";
            return new ActionProfile(call.Name, ActionKind.Other, $"remember {Str(args, "text")}")
            {
                PersistentSink = everywhere ? "writes a long-term memory that every later session's prompt carries"
                    : "writes a long-term memory that later sessions' prompts carry",
                PersistsBeyondWorkspace = everywhere,
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
            var protectedWhy = both.Select(p => ProtectedPaths.Why(p, workspace, wrightHome)).FirstOrDefault(w => w is not null);
            var instruction = both.FirstOrDefault(ProtectedPaths.IsInstructionFile);
            return new ActionProfile(call.Name, ActionKind.Edit, $"{call.Name} {string.Join(", ", paths.Select(p => Show(p, workspace)))}")
            {
                Paths = paths,
                OutsideWorkspace = outside,
                Protected = protectedWhy is null ? null : "it writes protected configuration: " + protectedWhy,
                PersistentSink = instruction is null ? null : $"writes an instruction file that agents load into their prompts ({Show(instruction, workspace)})",
                PersistsBeyondWorkspace = instruction is not null && !Paths.IsInside(instruction, workspace),
                SuggestedRule = paths.Count == 1 && !outside ? $"edit({Path.GetRelativePath(workspace, paths[0])})" : null,
            };
        }

        if (effect == ToolEffect.ReadOnly)
        {
            var secret = both.FirstOrDefault(SecretFiles.IsSecret);
            return new ActionProfile(call.Name, ActionKind.Read, $"{call.Name} {string.Join(", ", paths.Select(p => Show(p, workspace)))}".TrimEnd())
            {
                Paths = paths,
                OutsideWorkspace = outside,
                SecretRead = secret is null ? null : Show(secret, workspace),
                // A search over a package folder shows its files' text; a listing only their names.
                ThirdPartyRead = both.FirstOrDefault(p => IsDependencyPath(p, workspace, includeSelf: call.Name == "grep")) is { } dependency ? Show(dependency, workspace) : null,
            };
        }

        return new ActionProfile(call.Name, ActionKind.Other, call.Name) { Paths = paths, OutsideWorkspace = outside };
    }

    /// <summary>
    /// Whether <paramref name="path"/> lies in a folder of installed or vendored third-party code inside the workspace
    /// (<paramref name="includeSelf"/>: or is such a folder).
    /// </summary>
    public static bool IsDependencyPath(string path, string workspace, bool includeSelf = false)
    {
        if (!Paths.IsInside(path, workspace) || path.Length <= workspace.TrimEnd('/').Length)
            return false;
        var relative = Path.GetRelativePath(workspace, path).Split('/');
        return (includeSelf ? relative : relative.SkipLast(1)).Any(DependencyDirectories.Contains);
    }

    private static ActionProfile WebFetch(string url)
    {
        Uri.TryCreate(url, UriKind.Absolute, out var uri);
        var host = uri?.Host;
        var data = Trifecta.UrlCapacity.DataIn(url);
        return new ActionProfile("web_fetch", ActionKind.Network, "web_fetch " + InvisibleText.MakeVisible(url))
        {
            Host = host,
            Sink = data is null ? null : $"a request whose URL can carry data out: {data} ({host})",
            IsEgress = true,
            SuggestedRule = host is null ? null : $"web_fetch(domain:{host})",
        };
    }

    private static List<string> ToolPaths(ToolCall call, string workspace, string home)
    {
        var args = call.Arguments;
        if (call.Name == "apply_patch" && Str(args, "patch") is { } patch)
            return [.. PatchTargets(patch).Select(p => Paths.Resolve(p, workspace, home)).Distinct(StringComparer.Ordinal)];

        var path = Str(args, "path");
        return path is null ? (call.Name is "grep" or "glob" or "list_dir" ? [workspace] : []) : [Paths.Resolve(path, workspace, home)];
    }

    /// <summary>
    /// Every path an apply_patch names (added, updated, deleted, moved from and to), read as leniently as the patch
    /// parser reads them (CR LF, surrounding blanks, indentation), so nothing the tool will touch escapes the check.
    /// </summary>
    internal static IEnumerable<string> PatchTargets(string patch)
    {
        foreach (var raw in patch.Replace("\r\n", "\n", StringComparison.Ordinal).Split('\n', '\r'))
        {
            var line = raw.Trim();
            foreach (var prefix in PatchPrefixes)
            {
                if (line.StartsWith(prefix, StringComparison.Ordinal) && line[prefix.Length..].Trim() is { Length: > 0 } path)
                    yield return path;
            }
        }
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
}
