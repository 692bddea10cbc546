using Wright.Permissions.Shell;

namespace Wright.Permissions.Rules;

/// <summary>
/// The rules in force (user config, trusted project config, flags, and "always" answers of this session).
/// Deny beats ask beats allow; for shell, every simple command must be allowed for the line to be allowed.
/// </summary>
public sealed class RuleSet
{
    private readonly List<PermissionRule> _rules = [];
    private readonly Lock _gate = new();

    /// <summary>Creates a rule set.</summary>
    public RuleSet(IEnumerable<PermissionRule>? rules = null, string? workspace = null, string? home = null)
    {
        _rules.AddRange(rules ?? []);
        Workspace = workspace ?? "/";
        Home = home ?? Environment.GetEnvironmentVariable("HOME") ?? "/root";
    }

    /// <summary>The workspace relative path patterns refer to.</summary>
    public string Workspace { get; }

    /// <summary>The home directory <c>~</c> refers to.</summary>
    public string Home { get; }

    /// <summary>The rules.</summary>
    public IReadOnlyList<PermissionRule> Rules
    {
        get { lock (_gate) return [.. _rules]; }
    }

    /// <summary>Adds a rule (e.g. an "always allow" answer).</summary>
    public void Add(PermissionRule rule)
    {
        lock (_gate) _rules.Add(rule);
    }

    /// <summary>Removes a rule added with <see cref="Add"/> (e.g. a custom command's allowed tools when its turn ends).</summary>
    public bool Remove(PermissionRule rule)
    {
        lock (_gate) return _rules.Remove(rule);
    }

    /// <summary>The strongest effect of the rules that match, and the deciding rule; null when none matches.</summary>
    public (RuleEffect? Effect, PermissionRule? Rule) Evaluate(ActionProfile action)
    {
        var rules = Rules;
        if (action.Kind == ActionKind.Shell && action.Command is { } command)
            return EvaluateShell(rules, action.Tool, command.Parsed.Commands);

        var matching = rules.Where(r => Matches(r, action)).ToList();
        return Strongest(matching);
    }

    private (RuleEffect?, PermissionRule?) EvaluateShell(IReadOnlyList<PermissionRule> rules, string tool, IReadOnlyList<SimpleCommand> commands)
    {
        var shellRules = rules.Where(r => r.Kind == "shell" || r.Kind == tool).ToList();
        if (commands.Count == 0)
            return Strongest(shellRules.Where(r => r.Spec is null).ToList());
        var verdicts = commands
            .Select(c => Strongest(shellRules.Where(r => r.Spec is null || Glob.MatchCommand(r.Spec, c.Normalized)).ToList()))
            .ToList();
        foreach (var effect in new[] { RuleEffect.Deny, RuleEffect.Ask })
        {
            var hit = verdicts.FirstOrDefault(v => v.Item1 == effect);
            if (hit.Item1 is not null)
                return hit;
        }

        return verdicts.All(v => v.Item1 == RuleEffect.Allow) ? verdicts[0] : (null, null);
    }

    private bool Matches(PermissionRule rule, ActionProfile action)
    {
        if (rule.Kind == action.Tool)
            return rule.Spec is null || action.Paths.Count > 0 && action.Paths.All(p => PathMatches(rule.Spec, p));
        return (rule.Kind, action.Kind) switch
        {
            ("read", ActionKind.Read) or ("edit", ActionKind.Edit) =>
                rule.Spec is null || action.Paths.Count > 0 && action.Paths.All(p => PathMatches(rule.Spec, p)),
            ("web_fetch", ActionKind.Network) =>
                rule.Spec is null || action.Host is { } host && DomainMatches(rule.Spec["domain:".Length..], host),
            ("mcp", ActionKind.Mcp) => rule.Spec is null || McpMatches(rule.Spec, action.Tool),
            _ => false,
        };
    }

    private bool PathMatches(string pattern, string path)
    {
        if (pattern.StartsWith('/') || pattern.StartsWith('~'))
        {
            var absolute = pattern.StartsWith('~') ? Home.TrimEnd('/') + pattern[1..] : pattern;
            return Glob.MatchPath(absolute, path);
        }

        return Paths.IsInside(path, Workspace) && Glob.MatchPath(pattern, Path.GetRelativePath(Workspace, path));
    }

    private static bool DomainMatches(string domain, string host) =>
        host.Equals(domain, StringComparison.OrdinalIgnoreCase) || host.EndsWith("." + domain, StringComparison.OrdinalIgnoreCase);

    private static bool McpMatches(string spec, string tool)
    {
        // mcp__server__tool ↔ server.tool
        var parts = tool.Split("__");
        if (parts.Length < 3)
            return false;
        var name = parts[1] + "." + string.Join("__", parts[2..]);
        return Glob.MatchCommand(spec, name);
    }

    private static (RuleEffect?, PermissionRule?) Strongest(List<PermissionRule> matching)
    {
        var best = matching.OrderByDescending(r => r.Effect).FirstOrDefault();
        return (best?.Effect, best);
    }
}
