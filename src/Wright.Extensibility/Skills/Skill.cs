namespace Wright.Extensibility.Skills;

/// <summary>An Agent Skill: a folder with SKILL.md (name, description, body) and optional scripts and resources.</summary>
public sealed record Skill(string Name, string Description, string Directory, string Scope, bool Trusted)
{
    /// <summary>The project its files must stay beneath when read (see <see cref="Markdown.ExtensionFiles"/>); null for the user's skills.</summary>
    public string? Owner { get; init; }
}
