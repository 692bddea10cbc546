using Microsoft.Extensions.AI;
using Wright.Cli.Configuration;
using Wright.Core.Context;
using Wright.Core.Engine;
using Wright.Extensibility.Commands;
using Wright.Permissions;
using Wright.Permissions.Rules;
using Wright.Providers;
using Wright.Providers.Middleware;
using Wright.Sessions.Store;

namespace Wright.Cli.Hosting;

/// <summary>
/// An <see cref="AgentSession"/> with everything it owns (store, HTTP client, model clients, MCP servers); disposing
/// it releases them in reverse order of creation.
/// </summary>
internal sealed class ComposedSession : IAsyncDisposable
{
    private readonly Stack<object> _owned = new();

    public required AgentSession Session { get; init; }

    public required SessionStore Store { get; init; }

    /// <summary>The prompt after custom-command and MCP-prompt expansion (empty for an interactive session).</summary>
    public required string Prompt { get; init; }

    public required string Home { get; init; }

    public required string Workspace { get; init; }

    public required WrightConfig Config { get; init; }

    public required ResolvedProvider Provider { get; set; }

    public required PermissionMode Mode { get; init; }

    public required bool Sandboxed { get; init; }

    public required HttpClient Http { get; init; }

    public required RetryOptions Retry { get; init; }

    /// <summary>The chat client the session talks through; <see cref="SwitchableChatClient.Swap"/> changes model.</summary>
    public required SwitchableChatClient Client { get; init; }

    /// <summary>The options the session clones for each request (model id, reasoning effort).</summary>
    public required ChatOptions ChatOptions { get; init; }

    /// <summary>The approver the session calls (the permission engine, possibly behind hooks).</summary>
    public required SwitchableApprover Approver { get; init; }

    public required RuleSet Rules { get; init; }

    public required CommandCatalog Commands { get; init; }

    /// <summary>The session's compaction settings; the context window follows a model switch.</summary>
    public required CompactionOptions Compaction { get; init; }

    /// <summary>The current model's context window in tokens.</summary>
    public int ContextWindow => Compaction.ContextWindow;

    /// <summary>The session's journal in the store (its model follows a switch).</summary>
    public required SqliteJournal Journal { get; init; }

    /// <summary>Takes ownership of <paramref name="resource"/> (disposed with the session).</summary>
    internal T Own<T>(T resource) where T : class
    {
        _owned.Push(resource);
        return resource;
    }

    internal void OwnAll(IEnumerable<object> resources)
    {
        foreach (var resource in resources)
            _owned.Push(resource);
    }

    public async ValueTask DisposeAsync()
    {
        while (_owned.TryPop(out var resource))
        {
            switch (resource)
            {
                case IAsyncDisposable asyncDisposable:
                    await asyncDisposable.DisposeAsync();
                    break;
                case IDisposable disposable:
                    disposable.Dispose();
                    break;
            }
        }
    }
}
