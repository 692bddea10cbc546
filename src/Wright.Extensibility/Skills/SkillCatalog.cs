using Wright.Extensibility.Markdown;

namespace Wright.Extensibility.Skills;

/// <summary>
/// Finds skills in <c>$WRIGHT_HOME/skills</c> (user), <c>.wright/skills</c> and <c>.claude/skills</c> (project; nearer
/// names win over user ones). Only names and descriptions enter the prompt; bodies load on demand.
/// </summary>
public sealed class SkillCatalog
{
    private readonly Dictionary<string, Skill> _skills = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>The skills, by name.</summary>
    public IReadOnlyCollection<Skill> Skills => _skills.Values;

    /// <summary>Scans the skill folders; <paramref name="projectTrusted"/> marks project skills as trusted instructions.</summary>
    public static SkillCatalog Load(string? wrightHome, string workspace, bool projectTrusted)
    {
        var catalog = new SkillCatalog();
        if (wrightHome is not null)
            catalog.Scan(Path.Combine(wrightHome, "skills"), "user", trusted: true, owner: null);
        catalog.Scan(Path.Combine(workspace, ".claude", "skills"), "project", projectTrusted, workspace);
        catalog.Scan(Path.Combine(workspace, ".wright", "skills"), "project", projectTrusted, workspace);
        return catalog;
    }

    /// <summary>Finds a skill.</summary>
    public Skill? Find(string name) => _skills.TryGetValue(name.Trim(), out var s) ? s : null;

    /// <summary>The lines that go into the system prompt, or null when there are no skills.</summary>
    public string? PromptSection()
    {
        if (_skills.Count == 0)
            return null;
        var lines = _skills.Values.OrderBy(s => s.Name, StringComparer.Ordinal).Select(s => $"- {s.Name}: {s.Description}");
        return "Skills (load one with the skill tool when it fits the task):\n" + string.Join('\n', lines);
    }

    private void Scan(string root, string scope, bool trusted, string? owner)
    {
        if (!ExtensionFiles.CanScan(root, owner))
            return;
        foreach (var dir in Directory.EnumerateDirectories(root).Order(StringComparer.Ordinal))
        {
            var file = Path.Combine(dir, "SKILL.md");
            if (ExtensionFiles.Read(file, owner) is not { } text)
                continue;
            var doc = FrontMatter.Parse(text);

            var name = doc["name"] is { Length: > 0 } n ? n : Path.GetFileName(dir);
            var description = (doc["description"] ?? FirstLine(doc.Body)).ReplaceLineEndings(" ");
            if (description.Length > 300)
                description = description[..300] + "…";
            _skills[name] = new Skill(name, description, dir, scope, trusted) { Owner = owner };
        }
    }

    private static string FirstLine(string body) => body.Split('\n').FirstOrDefault(l => l.Trim().Length > 0)?.Trim('#', ' ') ?? "";
}
