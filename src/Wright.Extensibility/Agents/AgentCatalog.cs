using Wright.Extensibility.Markdown;

namespace Wright.Extensibility.Agents;

/// <summary>Subagent definitions from <c>$WRIGHT_HOME/agents</c>, <c>.claude/agents</c> and <c>.wright/agents</c> (later wins).</summary>
public sealed class AgentCatalog
{
    private readonly Dictionary<string, AgentDefinition> _agents = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>The definitions.</summary>
    public IReadOnlyCollection<AgentDefinition> Agents => _agents.Values;

    /// <summary>Scans the folders.</summary>
    public static AgentCatalog Load(string? wrightHome, string workspace)
    {
        var catalog = new AgentCatalog();
        if (wrightHome is not null)
            catalog.Scan(Path.Combine(wrightHome, "agents"), null);
        catalog.Scan(Path.Combine(workspace, ".claude", "agents"), workspace);
        catalog.Scan(Path.Combine(workspace, ".wright", "agents"), workspace);
        return catalog;
    }

    /// <summary>Finds a definition.</summary>
    public AgentDefinition? Find(string name) => _agents.TryGetValue(name, out var a) ? a : null;

    /// <summary>Adds a definition (tests, built-ins).</summary>
    public void Add(AgentDefinition definition) => _agents[definition.Name] = definition;

    /// <summary>Reads the definitions of one folder (<paramref name="owner"/>: see <see cref="ExtensionFiles"/>).</summary>
    private void Scan(string root, string? owner)
    {
        if (!ExtensionFiles.CanScan(root, owner))
            return;
        foreach (var file in Directory.EnumerateFiles(root, "*.md").Order(StringComparer.Ordinal))
        {
            if (ExtensionFiles.Read(file, owner) is not { } text)
                continue;
            var doc = FrontMatter.Parse(text);
            var name = doc["name"] is { Length: > 0 } n ? n : Path.GetFileNameWithoutExtension(file);
            _agents[name] = new AgentDefinition(name, doc["description"] ?? "", doc.List("tools"), doc["model"], doc.Body, file);
        }
    }
}
