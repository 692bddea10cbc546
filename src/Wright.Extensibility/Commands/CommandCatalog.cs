using System.Text;
using System.Text.RegularExpressions;
using Wright.Extensibility.Markdown;

namespace Wright.Extensibility.Commands;

/// <summary>
/// Custom slash commands from <c>$WRIGHT_HOME/commands</c>, <c>.claude/commands</c> and <c>.wright/commands</c>
/// (later wins): <c>review.md</c> is <c>/review</c>, <c>git/commit.md</c> is <c>/git:commit</c>. Front matter:
/// <c>description</c>, <c>model</c>, <c>allowed-tools</c>, <c>argument-hint</c>. The body may use <c>$ARGUMENTS</c>
/// and <c>$1</c>…<c>$9</c>.
/// </summary>
public sealed partial class CommandCatalog
{
    private readonly Dictionary<string, CustomCommand> _commands = new(StringComparer.Ordinal);

    /// <summary>The commands.</summary>
    public IReadOnlyCollection<CustomCommand> Commands => _commands.Values;

    /// <summary>Scans the command folders.</summary>
    public static CommandCatalog Load(string? wrightHome, string workspace, bool projectTrusted) =>
        Load(wrightHome, workspace, _ => projectTrusted);

    /// <summary>
    /// Scans the command folders; a project command's <c>allowed-tools</c> count only when
    /// <paramref name="projectFileTrusted"/> says the person trusted that file as it is now.
    /// </summary>
    public static CommandCatalog Load(string? wrightHome, string workspace, Func<string, bool> projectFileTrusted)
    {
        var catalog = new CommandCatalog();
        if (wrightHome is not null)
            catalog.Scan(Path.Combine(wrightHome, "commands"), _ => true, null);
        catalog.Scan(Path.Combine(workspace, ".claude", "commands"), projectFileTrusted, workspace);
        catalog.Scan(Path.Combine(workspace, ".wright", "commands"), projectFileTrusted, workspace);
        return catalog;
    }

    /// <summary>The project's command files (<c>.claude/commands</c>, <c>.wright/commands</c>), for <c>wright trust</c>.</summary>
    public static IEnumerable<string> ProjectFiles(string workspace) =>
        new[] { Path.Combine(workspace, ".claude", "commands"), Path.Combine(workspace, ".wright", "commands") }
            .Where(Directory.Exists)
            .SelectMany(root => Directory.EnumerateFiles(root, "*.md", SearchOption.AllDirectories).Order(StringComparer.Ordinal));

    /// <summary>Finds a command by name (without the slash).</summary>
    public CustomCommand? Find(string name) => _commands.TryGetValue(name, out var c) ? c : null;

    /// <summary>
    /// If <paramref name="prompt"/> starts with <c>/name</c>, expands it. Returns false when it is not a slash command
    /// at all; throws <see cref="ArgumentException"/> for an unknown command name.
    /// </summary>
    public bool TryExpand(string prompt, out ExpandedCommand? expanded)
    {
        expanded = null;
        var match = Invocation().Match(prompt.TrimStart());
        if (!match.Success)
            return false;
        var name = match.Groups["name"].Value;
        if (Find(name) is not { } command)
        {
            var known = string.Join(", ", _commands.Keys.Order(StringComparer.Ordinal).Select(k => "/" + k));
            throw new ArgumentException($"unknown command /{name}. Available: {(known.Length > 0 ? known : "none (add markdown files to .wright/commands)")}");
        }

        expanded = new ExpandedCommand(command, Expand(command.Template, match.Groups["args"].Value.Trim()));
        return true;
    }

    /// <summary>Fills <c>$ARGUMENTS</c> and <c>$1</c>…<c>$9</c>; without placeholders, arguments are appended.</summary>
    public static string Expand(string template, string arguments)
    {
        var positional = SplitArguments(arguments);
        var hasPlaceholder = template.Contains("$ARGUMENTS", StringComparison.Ordinal) || Positional().IsMatch(template);
        var text = template.Replace("$ARGUMENTS", arguments, StringComparison.Ordinal);
        text = Positional().Replace(text, m =>
        {
            var index = m.Groups[1].Value[0] - '1';
            return index < positional.Count ? positional[index] : "";
        });
        return !hasPlaceholder && arguments.Length > 0 ? text.TrimEnd() + "\n\n" + arguments : text;
    }

    private static List<string> SplitArguments(string text)
    {
        var result = new List<string>();
        var current = new StringBuilder();
        char? quote = null;
        foreach (var c in text)
        {
            if (quote is null && c is '"' or '\'')
                quote = c;
            else if (c == quote)
                quote = null;
            else if (quote is null && char.IsWhiteSpace(c))
            {
                if (current.Length > 0)
                    result.Add(current.ToString());
                current.Clear();
            }
            else
                current.Append(c);
        }

        if (current.Length > 0)
            result.Add(current.ToString());
        return result;
    }

    private void Scan(string root, Func<string, bool> isTrusted, string? owner)
    {
        if (!ExtensionFiles.CanScan(root, owner))
            return;
        foreach (var file in Directory.EnumerateFiles(root, "*.md", SearchOption.AllDirectories).Order(StringComparer.Ordinal))
        {
            var relative = Path.GetRelativePath(root, file);
            var name = relative[..^3].Replace(Path.DirectorySeparatorChar, ':');
            if (!Invocation().IsMatch("/" + name))
                continue;
            if (ExtensionFiles.Read(file, owner) is not { } text)
                continue;
            var doc = FrontMatter.Parse(text);
            var description = doc["description"] ?? doc.Body.Split('\n').FirstOrDefault(l => l.Trim().Length > 0)?.Trim('#', ' ') ?? "";
            var allowed = doc.List("allowed-tools").Concat(doc.List("allowed_tools")).ToList();
            var trusted = isTrusted(file);
            _commands[name] = new CustomCommand(name, description, doc.Body, doc["model"], allowed, doc["argument-hint"], file, trusted);
        }
    }

    [GeneratedRegex(@"^/(?<name>[A-Za-z0-9_][A-Za-z0-9_:.\-]*)(?:\s+(?<args>[\s\S]*))?$")]
    private static partial Regex Invocation();

    [GeneratedRegex(@"\$([1-9])")]
    private static partial Regex Positional();
}
