using Microsoft.Extensions.AI;
using Wright.Core.Engine;
using Wright.Core.Prompting;
using Wright.Core.Tools;
using Wright.Extensibility.Agents;
using Wright.Providers;
using Wright.Providers.Middleware;

namespace Wright.Cli.Hosting;

/// <summary>
/// Builds subagent sessions: the definition's model (or the parent's), the definition's tools (or all but
/// <c>task</c>), the parent's permission engine (so taint and rules are shared) and redactor.
/// </summary>
internal sealed class SubagentFactory(
    ResolvedProvider parentProvider,
    Func<string, string?> environment,
    IReadOnlyDictionary<string, ProviderOverride> providers,
    HttpClient http,
    RetryOptions retry,
    Func<IReadOnlyList<ITool>> tools,
    IToolApprover approver,
    IRedactor redactor,
    string workspace,
    string sessionRoot,
    ChatOptions? chatOptions,
    ISessionHooks? hooks) : ISubagentFactory
{
    private readonly List<IChatClient> _clients = [];

    public AgentSession Create(AgentDefinition? definition)
    {
        var provider = parentProvider;
        if (definition?.Model is { Length: > 0 } model)
        {
            if (!ModelSpec.TryParse(model, out var spec, out var specError))
                throw new InvalidOperationException($"agent {definition.Name}: {specError}");
            provider = ProviderResolver.Resolve(spec, environment, providers, out var error)
                ?? throw new InvalidOperationException($"agent {definition.Name}: {error}");
        }

        var client = ChatClientFactory.Create(provider, http, retry);
        lock (_clients)
            _clients.Add(client);
        var available = tools().Where(t => t.Name != "task");
        if (definition is { Tools.Count: > 0 })
            available = available.Where(t => definition.Tools.Contains(t.Name, StringComparer.Ordinal));
        var registry = new ToolRegistry(available);
        var id = AgentSession.NewId(TimeProvider.System);
        var directory = Path.Combine(sessionRoot, "subagents", id);
        Directory.CreateDirectory(directory);
        var basePrompt = SystemPrompt.Build(workspace, TimeProvider.System, registry.Names);
        var prompt = definition is null
            ? basePrompt + "\n\nYou are a subagent: do the task you are given and end with a concise report of what you found or did."
            : definition.SystemPrompt + "\n\n" + basePrompt;
        return new AgentSession(client, registry, new AgentOptions
        {
            Model = provider.Spec,
            Workspace = workspace,
            SessionDirectory = directory,
            SessionId = id,
            SystemPrompt = prompt,
            MaxTurns = 50,
            Redactor = redactor,
            Hooks = hooks,
            ChatOptions = provider == parentProvider ? chatOptions : new ChatOptions { ModelId = provider.Model, Reasoning = chatOptions?.Reasoning },
        }, approver);
    }
}
