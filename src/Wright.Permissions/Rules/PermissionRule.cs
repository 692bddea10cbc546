using System.Text.RegularExpressions;

namespace Wright.Permissions.Rules;

/// <summary>
/// One rule in the syntax <c>kind(spec)</c> or a bare <c>kind</c>:
/// <c>shell(git diff *)</c> (each simple command's normalised text; <c>*</c> matches anything, a trailing
/// <c> *</c> also matches no arguments), <c>edit(src/**)</c> and <c>read(~/.ssh/**)</c> (path globs, relative to the
/// workspace or absolute or <c>~/</c>), <c>web_fetch(domain:docs.python.org)</c> (the host or its subdomains),
/// <c>mcp(server.tool)</c> / <c>mcp(server.*)</c>, or an exact tool name such as <c>todo_write</c>.
/// </summary>
public sealed partial record PermissionRule(RuleEffect Effect, string Kind, string? Spec, string Source)
{
    /// <summary>The rule as written.</summary>
    public string Text => Spec is null ? Kind : $"{Kind}({Spec})";

    /// <summary>Parses a rule; returns null and a message when it is malformed.</summary>
    public static PermissionRule? Parse(RuleEffect effect, string text, string source, out string error)
    {
        error = "";
        text = text.Trim();
        var match = RuleSyntax().Match(text);
        if (!match.Success)
        {
            error = $"'{text}' is not a rule: use kind(spec), e.g. shell(npm test), edit(src/**), read(~/.ssh/**), web_fetch(domain:example.com), mcp(server.tool)";
            return null;
        }

        var kind = match.Groups["kind"].Value;
        var spec = match.Groups["spec"].Success ? match.Groups["spec"].Value.Trim() : null;
        if (kind == "web_fetch" && spec is not null && !spec.StartsWith("domain:", StringComparison.Ordinal))
        {
            error = $"'{text}': web_fetch rules take domain:NAME";
            return null;
        }

        if (spec is { Length: 0 })
            spec = null;
        return new PermissionRule(effect, kind, spec, source);
    }

    [GeneratedRegex(@"^(?<kind>[a-z][a-z0-9_]*)(\((?<spec>.*)\))?$", RegexOptions.Singleline)]
    private static partial Regex RuleSyntax();
}
