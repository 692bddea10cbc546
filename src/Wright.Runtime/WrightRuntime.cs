using System.Globalization;
using Wright.Runtime.Composition;
using Wright.Runtime.Configuration;
using Wright.Runtime.Platform;
using Wright.Runtime.Text;
using Wright.Sessions.Store;

namespace Wright.Runtime;

/// <summary>
/// The entry every host uses: turns a <see cref="SessionRequest"/> (workspace, model, mode, rules, effort, limits,
/// resume / fork, extra MCP servers) and the host's <see cref="RuntimeHost"/> (environment, approvals, logging) into a
/// ready <see cref="RuntimeSession"/> — configuration and its precedence, project trust, provider, tools, permissions,
/// sandbox, MCP, store, checkpoints, compaction, hooks, skills and subagents composed the same way for every host.
/// </summary>
public static class WrightRuntime
{
    /// <summary>
    /// Starts a new session, or takes up a stored one (<see cref="SessionRequest.Continue"/>,
    /// <see cref="SessionRequest.Resume"/>, <see cref="SessionRequest.Fork"/>). Throws <see cref="ConfigException"/> for a
    /// configuration or usage problem (one clear line) and <see cref="StoreException"/> for a store problem; nothing is
    /// left running then. Dispose the session to close it.
    /// </summary>
    public static Task<RuntimeSession> StartAsync(SessionRequest request, RuntimeHost host, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(host);
        return SessionComposer.ComposeAsync(request, host, cancellationToken);
    }

    /// <summary><c>$WRIGHT_HOME</c> (default <c>~/.wright</c>).</summary>
    public static string Home(Func<string, string?> environment) => WrightHome.Resolve(environment);

    /// <summary>Opens the session store of <paramref name="home"/> (for hosts that list, export or rewind stored sessions).</summary>
    public static SessionStore OpenStore(string home) => SessionComposer.OpenStore(home);

    /// <summary>
    /// Checks, before anything is queued, that a session could talk to <paramref name="model"/> (null: the configured
    /// one, <c>WRIGHT_MODEL</c> or the user's config): the spec parses, the provider is known and its key is set, and
    /// with a <paramref name="budget"/> the model has a price. Returns the spec; throws <see cref="ConfigException"/>.
    /// </summary>
    public static string CheckModel(string? model, Func<string, string?> environment, bool budget = false)
    {
        ArgumentNullException.ThrowIfNull(environment);
        var home = WrightHome.Resolve(environment);
        environment = StoredKeys.Over(environment, home);
        var config = ConfigLoader.LoadUser(home);
        var text = model ?? environment("WRIGHT_MODEL") ?? config.Model;
        if (string.IsNullOrWhiteSpace(text))
            throw new ConfigException(string.Format(CultureInfo.InvariantCulture, Strings.NoModel, config.UserFile));
        var provider = SessionComposer.ResolveModel(text, environment, config);
        if (budget)
            SessionComposer.RequirePrice(provider);
        return provider.Spec;
    }

    /// <summary>The path of the store database of <paramref name="home"/> (hosts that keep their own tables in it: the task queue).</summary>
    public static string OpenStorePath(string home) => SessionComposer.StorePath(home);

    /// <summary>Parses a permission mode as written on the command line (plan, ask, accept-edits, auto, yolo); null when unknown or absent.</summary>
    public static Wright.Permissions.PermissionMode? ParseMode(string? value) => SessionComposer.ParseMode(value);

    /// <summary>The canonical absolute path of <paramref name="path"/> (links resolved), or null when it does not exist.</summary>
    public static string? Canonicalize(string path) => NativeMethods.Canonicalize(path);

    /// <summary>An HTTP client set up as the sessions' (proxy settings, deadlines); the caller disposes it.</summary>
    public static HttpClient CreateHttpClient(WrightConfig config) => SessionComposer.CreateHttpClient(config);

    /// <summary>
    /// The slopsquatting guard of <paramref name="config"/> (for <c>wright check-deps</c>): its policy, the registries
    /// asked through <paramref name="http"/>, answers cached under <paramref name="home"/>, messages in the environment's language.
    /// </summary>
    public static Wright.Permissions.Dependencies.DependencyGuard CreateDependencyGuard(WrightConfig config, string home, HttpClient http, Func<string, string?> environment) =>
        SessionComposer.CreateDependencyGuard(config, home, http, environment);

    /// <summary>The checkpoint of <paramref name="turn"/> in <paramref name="checkpoints"/>; throws <see cref="StoreException"/> naming the turns that have one.</summary>
    public static CheckpointRecord FindCheckpoint(IReadOnlyList<CheckpointRecord> checkpoints, string sessionId, int turn)
    {
        ArgumentNullException.ThrowIfNull(checkpoints);
        return checkpoints.FirstOrDefault(c => c.Turn == turn)
            ?? throw new StoreException(string.Format(CultureInfo.InvariantCulture, Strings.NoCheckpoint, turn, sessionId,
                checkpoints.Count == 0 ? "-" : string.Join(", ", checkpoints.Select(c => c.Turn))));
    }
}
