using System.Text;
using System.Text.Json;
using Wright.Core.Tools;
using Wright.Extensibility.Markdown;

namespace Wright.Extensibility.Skills;

/// <summary><c>skill {name}</c>: loads a skill's instructions and lists its files (run its scripts with the shell tool).</summary>
public sealed class SkillTool(SkillCatalog catalog) : ITool
{
    /// <inheritdoc />
    public string Name => "skill";

    /// <inheritdoc />
    public string Description => "Load a skill's instructions by name (see Skills in the system prompt).";

    /// <inheritdoc />
    public JsonElement ParametersSchema { get; } = ToolRegistry.Schema("""
        {"type":"object","properties":{"name":{"type":"string"}},"required":["name"],"additionalProperties":false}
        """);

    /// <inheritdoc />
    public ToolEffect Effect => ToolEffect.ReadOnly;

    /// <inheritdoc />
    public async Task<ToolResult> InvokeAsync(JsonElement arguments, ToolContext context, CancellationToken cancellationToken)
    {
        var name = arguments.GetProperty("name").GetString() ?? "";
        if (catalog.Find(name) is not { } skill)
        {
            var known = string.Join(", ", catalog.Skills.Select(s => s.Name).Order(StringComparer.Ordinal));
            return ToolResult.Error($"Error: no skill named '{name}'. Available: {(known.Length > 0 ? known : "none")}.");
        }

        // Read again as the catalog read it: the folder belongs to the project, and a link swapped in since must not lead out.
        if (ExtensionFiles.Read(Path.Combine(skill.Directory, "SKILL.md"), skill.Owner) is not { } body)
            return ToolResult.Error($"Error: the skill {skill.Name} can no longer be read safely ({Path.Combine(skill.Directory, "SKILL.md")} is gone, not a regular file, or a link leading out of the project).");
        var doc = FrontMatter.Parse(body);
        var text = new StringBuilder();
        text.Append("Skill ").Append(skill.Name).Append(" (folder: ").Append(skill.Directory).AppendLine(")");
        var files = Directory.EnumerateFiles(skill.Directory, "*", SearchOption.AllDirectories)
            .Select(f => Path.GetRelativePath(skill.Directory, f)).Where(f => f != "SKILL.md").Order(StringComparer.Ordinal).Take(50).ToList();
        if (files.Count > 0)
            text.Append("Files: ").AppendLine(string.Join(", ", files));
        text.AppendLine().Append(doc.Body);
        return new ToolResult(text.ToString()) { UntrustedSource = skill.Trusted ? null : $"skill {skill.Name} from an untrusted project" };
    }
}
