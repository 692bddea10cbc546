using System.Collections.Concurrent;
using Microsoft.Extensions.AI;
using Wright.Core.Engine;
using Wright.Core.Prompting;
using Wright.Core.Tools;
using Wright.Extensibility.Agents;
using Wright.Providers;

namespace Wright.Runtime.Composition;

/// <summary>
/// Builds subagents as child sessions: the definition's model (or the parent's current one), the definition's tools (or
/// all but <c>task</c>), the parent's permission engine (so taint, rules and mode are shared), redactor, hooks and
/// approval handling. Each child is journaled in the store as a session of its own, with the parent's id and the
/// agent's name; its model client is disposed when its <c>task</c> call ends.
/// </summary>
internal sealed class SubagentFactory(SubagentContext shared) : ISubagentFactory, IDisposable
{
    private readonly ConcurrentDictionary<AgentSession, IChatClient> _clients = new();

    public AgentSession Create(AgentDefinition? definition) => Create(definition, null);

    public AgentSession Create(AgentDefinition? definition, ToolContext? parent)
    {
        var parentProvider = shared.Provider();
        var provider = parentProvider;
        if (definition?.Model is { Length: > 0 } model)
        {
            if (!ModelSpec.TryParse(model, out var spec, out var specError))
                throw new InvalidOperationException($"agent {definition.Name}: {specError}");
            provider = ProviderResolver.Resolve(spec, shared.Environment, shared.Providers, out var error)
                ?? throw new InvalidOperationException($"agent {definition.Name}: {error}");
        }

        var available = shared.Tools().Where(t => t.Name != "task");
        if (definition is { Tools.Count: > 0 })
            available = available.Where(t => definition.Tools.Contains(t.Name, StringComparer.Ordinal));
        var registry = new ToolRegistry(available);
        var id = AgentSession.NewId(shared.Time);
        var agent = definition?.Name ?? "general";
        var directory = Path.Combine(shared.SessionRoot, "subagents", id);
        Directory.CreateDirectory(directory);
        var basePrompt = SystemPrompt.Build(shared.Workspace, shared.Time, registry.Names);
        var prompt = definition is null
            ? basePrompt + "\n\nYou are a subagent: do the task you are given and end with a concise report of what you found or did."
            : definition.SystemPrompt + "\n\n" + basePrompt;
        shared.Store.Create(id, shared.Workspace, provider.Spec, parent?.SessionId, agent: agent);
        var parentId = parent?.SessionId ?? id;
        var client = ChatClientFactory.Create(provider, shared.Http, shared.Retry);
        var session = new AgentSession(client, registry, new AgentOptions
        {
            Model = provider.Spec,
            Workspace = shared.Workspace,
            SessionDirectory = directory,
            SessionId = id,
            SystemPrompt = prompt,
            MaxTurns = 50,
            Redactor = shared.Redactor,
            Hooks = shared.SessionHooks?.Invoke(parentId),
            ToolHooks = shared.ToolHooks?.Invoke(parentId),
            Approvals = shared.Approvals,
            PendingApprovals = shared.PendingApprovals,
            Journal = shared.Store.OpenJournal(id),
            AgentName = agent,
            ChatOptions = ReferenceEquals(provider, parentProvider)
                ? shared.ChatOptions.Clone()
                : new ChatOptions { ModelId = provider.Model, Reasoning = shared.ChatOptions.Reasoning },
        }, shared.Permissions, shared.Time);
        _clients[session] = client;
        return session;
    }

    public ValueTask ReleaseAsync(AgentSession session)
    {
        if (_clients.TryRemove(session, out var client))
            client.Dispose();
        return ValueTask.CompletedTask;
    }

    /// <summary>Disposes the clients of subagents still running when the parent session ends.</summary>
    public void Dispose()
    {
        foreach (var session in _clients.Keys)
        {
            if (_clients.TryRemove(session, out var client))
                client.Dispose();
        }
    }
}
