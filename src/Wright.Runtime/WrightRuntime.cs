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
