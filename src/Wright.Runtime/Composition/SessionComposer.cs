using System.Globalization;
using System.Net;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Logging;
using Wright.Core.Approvals;
using Wright.Core.Context;
using Wright.Core.Engine;
using Wright.Core.Localization;
using Wright.Core.Prompting;
using Wright.Core.Tools;
using Wright.Extensibility.Agents;
using Wright.Extensibility.Commands;
using Wright.Extensibility.Hooks;
using Wright.Extensibility.Skills;
using Wright.Mcp;
using Wright.Mcp.Auth;
using Wright.Permissions;
using Wright.Permissions.Dependencies;
using Wright.Permissions.Dependencies.Registries;
using Wright.Permissions.Dependencies.Text;
using Wright.Permissions.Rules;
using Wright.Permissions.Secrets;
using Wright.Providers;
using Wright.Providers.Middleware;
using Wright.Providers.Local;
using Wright.Runtime.Configuration;
using Wright.Runtime.Platform;
using Wright.Runtime.Sandboxing;
using Wright.Runtime.Telemetry;
using Wright.Runtime.Text;
using Wright.Sandbox;
using Wright.Sandbox.Network;
using Wright.Sessions.Memory;
using Wright.Sessions.Rewind;
using Wright.Sessions.Store;
using Wright.Tools;
using Wright.Tools.Web;

namespace Wright.Runtime.Composition;

/// <summary>
/// Composes configuration, provider, tools, permissions, sandbox, MCP, session store, checkpoints, compaction, hooks,
/// skills and subagents into one <see cref="RuntimeSession"/>, the same way for every host.
/// </summary>
internal static partial class SessionComposer
{
    /// <summary>Builds the session; on failure everything made so far is released.</summary>
    public static async Task<RuntimeSession> ComposeAsync(SessionRequest request, RuntimeHost host, CancellationToken cancellationToken)
    {
        var owned = new List<object>();
        try
        {
            return await ComposeCoreAsync(request, host, owned, cancellationToken);
        }
        catch
        {
            owned.Reverse();
            foreach (var resource in owned)
            {
                if (resource is IAsyncDisposable asyncDisposable)
                    await asyncDisposable.DisposeAsync();
                else if (resource is IDisposable disposable)
                    disposable.Dispose();
            }

            throw;
        }
    }

    private static async Task<RuntimeSession> ComposeCoreAsync(SessionRequest request, RuntimeHost host, List<object> owned, CancellationToken cancellationToken)
    {
        T Own<T>(T resource) where T : class
        {
            owned.Add(resource);
            return resource;
        }

        var home = WrightHome.Resolve(host.Environment);
        // Keys the first-run setup stored count as if set in the environment (a set variable wins).
        var environment = StoredKeys.Over(host.Environment, home);
        var stderr = host.Diagnostics;
        var time = host.Time;
        var store = Own(OpenStore(home));
        var here = NativeMethods.Canonicalize(request.Workspace ?? host.CurrentDirectory);
        var previous = FindPrevious(request, store, here);
        // A resumed session runs in its own workspace unless the request names one.
        var workspace = request.Workspace is null && previous is not null ? previous.Workspace : here;
        if (workspace is not null && File.Exists(workspace))
            throw new ConfigException(Format2(Strings.CwdIsFile, workspace, Path.GetDirectoryName(workspace) ?? "/"));
        if (workspace is null || !Directory.Exists(workspace))
            throw new ConfigException(Format(Strings.BadCwd, request.Workspace ?? previous?.Workspace ?? host.CurrentDirectory));
        var trustRoot = request.TrustRoot;
        var config = ConfigLoader.Load(home, workspace, trustRoot);
        if (HomeWorkspace.Covers(workspace, environment) is { } userHome && !request.AllowHomeWorkspace && !config.AllowHomeWorkspace
            && (request.ConfirmHomeWorkspace is null || !await request.ConfirmHomeWorkspace(workspace, userHome, cancellationToken)))
            throw new ConfigException(Format2(Strings.HomeWorkspaceRefused, workspace, userHome));
        foreach (var warning in config.Warnings)
            await stderr.WriteLineAsync(UiLanguage.Pick("warning: ", "警告：") + warning);
        RuntimeTelemetry.EnsureConfigured(config, environment);

        // Programs Wright starts are never looked up in the workspace (a planted `git` or `setsid` must not run on the host).
        Wright.Core.Processes.TrustedPrograms.Distrust(workspace);
        var (sandboxAvailable, sandboxReason) = request.CommandLauncher is not null ? (true, "") : SandboxSupport.Probe();
        var mode = ParseMode(request.PermissionMode ?? environment("WRIGHT_PERMISSION_MODE"))
            ?? ConfiguredMode(config, request.Interactive ? PermissionMode.Ask : sandboxAvailable ? PermissionMode.Auto : PermissionMode.Plan, stderr);
        if (mode == PermissionMode.Auto && !sandboxAvailable)
            throw new ConfigException(Format(Strings.AutoNeedsSandbox, sandboxReason));
        var projectTrusted = ConfigLoader.FindProjectConfig(workspace) is { } projectConfig && ProjectTrust.IsTrusted(home, projectConfig, workspace, trustRoot);
        // A project command's allowed-tools grant permissions: they count only for a command file trusted as it is now.
        var commands = CommandCatalog.Load(home, workspace, file => ProjectTrust.IsTrusted(home, file, workspace, trustRoot));
        var skills = SkillCatalog.Load(home, workspace, projectTrusted);
        var maxTurns = request.MaxTurns ?? ParseInt(environment("WRIGHT_MAX_TURNS")) ?? config.MaxTurns;
        if (maxTurns is <= 0)
            throw new ConfigException(Format(Strings.BadMaxTurns, maxTurns));
        if (request.MaxBudgetUsd is <= 0)
            throw new ConfigException(Format(Strings.BadBudget, request.MaxBudgetUsd));
        var effort = ParseEffort(request.Effort ?? environment("WRIGHT_EFFORT") ?? config.Effort);
        var prompt = request.Prompt ?? "";
        ExpandedCommand? command = null;
        try
        {
            if (prompt.Length > 0 && !prompt.TrimStart().StartsWith("/mcp__", StringComparison.Ordinal) && prompt != "/compact" && !prompt.StartsWith("/rewind", StringComparison.Ordinal) && commands.TryExpand(prompt, out command))
                prompt = command!.Prompt;
        }
        catch (ArgumentException ex)
        {
            throw new ConfigException(ex.Message);
        }

        var rules = BuildRules(config, request, workspace, environment, command?.AllowRules ?? []);

        var http = Own(CreateHttpClient(config));
        var spec = await ChooseModelAsync(request, command?.Model ?? previous?.Model, environment, config, http, stderr, cancellationToken);
        var provider = ProviderResolver.Resolve(spec, environment, config.Providers, out var providerError)
            ?? throw new ConfigException(providerError);
        var retry = new RetryOptions
        {
            MaxRetries = config.MaxRetries ?? 4,
            StreamIdleTimeout = TimeSpan.FromSeconds(config.StreamIdleTimeoutSeconds ?? 120),
            BaseDelay = ParseInt(environment("WRIGHT_RETRY_BASE_MS")) is { } baseMs ? TimeSpan.FromMilliseconds(baseMs) : TimeSpan.FromSeconds(1),
        };
        if (request.MaxBudgetUsd is not null)
            RequirePrice(provider);
        else if (provider.ModelInfo is null && provider.Id is not ("ollama" or "lmstudio"))
            await stderr.WriteLineAsync(string.Format(CultureInfo.InvariantCulture, Strings.UnknownModelNote, provider.Spec, provider.Id, provider.Model));
        var client = Own(WithRoutes(provider, WithFallback(provider, ChatClientFactory.Create(provider, http, retry), request.Fallback ?? config.Fallback,
            environment, config, http, retry, request.MaxBudgetUsd is not null), config.Routes, environment, config, http, retry, request.MaxBudgetUsd is not null));
        var summarizer = CreateSummarizer(request.CompactModel ?? environment("WRIGHT_COMPACT_MODEL") ?? config.CompactModel
            ?? config.RoleModels.GetValueOrDefault(ModelRoles.Small),
            environment, config, http, retry, request.MaxBudgetUsd is not null);
        if (summarizer is not null)
            Own(summarizer);
        if (config.CompactThresholdPercent is < 10 or > 99)
            throw new ConfigException(Format(Strings.BadCompactThreshold, config.CompactThresholdPercent));

        var mcpWarnings = new List<string>();
        var mcpServers = McpSetup.Load(home, workspace, mcpWarnings, trustRoot);
        foreach (var extra in request.ExtraMcpServers)
        {
            mcpServers.RemoveAll(s => s.Name == extra.Name);
            mcpServers.Add(extra);
        }

        foreach (var warning in mcpWarnings)
            await stderr.WriteLineAsync(UiLanguage.Pick("warning: ", "警告：") + warning);
        var mcp = Own(await McpHub.StartAsync(new McpHubOptions
        {
            Http = http,
            Tokens = OAuthTokenStore.InHome(home),
            Workspace = workspace,
            Elicitor = host.Elicitor ?? Wright.Mcp.Elicitation.DecliningElicitor.Instance,
        }, mcpServers, cancellationToken));
        await ReportMcpFailuresAsync(mcp, mcpServers, request.Interactive, stderr);
        try
        {
            if (prompt.Length > 0)
                prompt = await mcp.ExpandPromptAsync(prompt, cancellationToken) ?? prompt;
        }
        catch (ArgumentException ex)
        {
            throw new ConfigException(ex.Message);
        }

        // The sandbox's egress proxy asks the session's trifecta guard about every connection (whatever program made
        // it); the permission engine exists only below, so the decision looks it up each time.
        PermissionEngine? permissionsForEgress = null;
        ValueTask<string?> DecideEgress(EgressRequest r, CancellationToken ct) =>
            permissionsForEgress?.Egress.DecideAsync(r.Method, r.Host, r.Port, r.Target, ct) ?? ValueTask.FromResult<string?>("the session is not ready");
        // The sandbox's launcher exists whenever bubblewrap works (made on first use), so leaving yolo needs no restart.
        var sandbox = Own(new SandboxSwitch(sandboxAvailable, sandboxReason, () => new BubblewrapLauncher(workspace, [home], config.Sandbox(home, DecideEgress)), request.CommandLauncher));
        IEnumerable<ITool> skillTools = skills.Skills.Count > 0 ? [new SkillTool(skills)] : [];
        IEnumerable<ITool> resourceTools = mcp.HasResources ? [new McpResourceTool(mcp)] : [];
        var toolOptions = new ToolOptions
        {
            AllowedSecretEnvVars = config.AllowedSecretEnv,
            MaxSavedOutputBytes = config.MaxSavedOutputMb switch { null => new ToolOptions().MaxSavedOutputBytes, 0 => long.MaxValue, var mb => mb.Value * 1024L * 1024 },
            WebFetch = new WebFetchOptions { AllowPrivateNetworks = config.WebFetchAllowPrivate },
            EditorFiles = request.EditorFiles,
        };
        // In yolo mode commands run unsandboxed (by explicit choice); everywhere else they run under bubblewrap when available.
        toolOptions.Launcher = mode == PermissionMode.Yolo && !sandbox.HostSupplied ? null : sandbox.Launcher;
        var baseTools = BuiltinTools.Create(toolOptions)
            .Concat([new RememberTool(store, workspace), new RecallTool(store)])
            .Concat(skillTools).Concat(mcp.Tools).Concat(resourceTools).ToList();
        var sessionId = previous is not null && !request.Fork ? previous.Id : AgentSession.NewId(time);
        var history = previous is null ? null : store.LoadTranscript(previous.Id);
        if (previous is null)
            store.Create(sessionId, workspace, provider.Spec);
        else if (request.Fork)
            store.Fork(previous.Id, sessionId);
        var logger = RuntimeTelemetry.For(host.LoggerFactory).CreateLogger("Wright.Runtime");
        void Warn(string message)
        {
            stderr.WriteLine("warning: " + message);
            logger.LogWarning("{Warning}", message);
        }

        var hookRunner = config.Hooks.Count > 0 ? new HookRunner(config.Hooks, workspace) : null;
        // The host's prompt also answers the egress proxy's questions while a command runs.
        var permissions = new PermissionEngine(mode, rules, workspace, prompt: host.Approvals, sandboxed: sandboxAvailable,
            workspaceTrusted: projectTrusted, wrightHome: home)
        {
            Dependencies = CreateDependencyGuard(config, home, http, environment),
        };
        permissionsForEgress = permissions;
        var redactor = new SecretRedactor(SecretRedactor.FromEnvironment(EnvironmentVariables()).Append(provider.ApiKey ?? "").Concat(StoredKeys.Load(home).Values));
        var chatOptions = new ChatOptions
        {
            ModelId = provider.Model,
            Reasoning = effort is null ? null : new ReasoningOptions { Effort = effort },
        };
        var pending = new PendingApprovals();
        var agents = AgentCatalog.Load(home, workspace);
        RuntimeSession? composed = null;
        var subagentProvider = config.RoleModels.TryGetValue(ModelRoles.Subagent, out var subagentModel) ? ResolveModel(subagentModel, environment, config) : null;
        var subagents = new SubagentFactory(new SubagentContext
        {
            // models.subagent, when set, is the default model of child sessions (an agent definition's model still wins).
            Provider = () => subagentProvider ?? composed!.Provider,
            Environment = environment,
            Providers = config.Providers,
            Http = http,
            Retry = retry,
            Tools = () => baseTools,
            Permissions = permissions,
            Redactor = redactor,
            Workspace = workspace,
            SessionRoot = Path.Combine(home, "sessions"),
            ChatOptions = chatOptions,
            Store = store,
            Approvals = host.Approvals,
            PendingApprovals = pending,
            Time = time,
            SessionHooks = hookRunner is null ? null : (id => new CommandSessionHooks(hookRunner, id, Warn, subagent: true)),
            ToolHooks = hookRunner is null ? null : (id => new CommandToolHooks(hookRunner, id, Warn)),
        });
        var tools = new ToolRegistry(baseTools.Append(new TaskTool(agents, subagents)));
        // A server that announces notifications/tools/list_changed gets its new tools offered from the next request on.
        mcp.ToolsChanged += (server, fresh) => tools.Replace(t => t is McpTool m && m.Server == server, fresh);
        var sessionDirectory = Path.Combine(home, "sessions", sessionId);
        Directory.CreateDirectory(sessionDirectory);
        if (mode == PermissionMode.Yolo)
            await stderr.WriteLineAsync(Strings.YoloBanner);

        var compaction = new CompactionOptions
        {
            ContextWindow = ContextWindowOf(provider),
            Threshold = (config.CompactThresholdPercent ?? 85) / 100.0,
            Summarizer = summarizer?.Client,
            SummarizerModelId = summarizer?.Model,
            SummarizerName = summarizer?.Name,
        };
        var journal = store.OpenJournal(sessionId);
        var session = new AgentSession(client, tools, new AgentOptions
        {
            Model = provider.Spec,
            Workspace = workspace,
            SessionDirectory = sessionDirectory,
            SessionId = sessionId,
            MaxTurns = maxTurns,
            MaxBudgetUsd = request.MaxBudgetUsd,
            Redactor = redactor,
            Hooks = hookRunner is null ? null : new CommandSessionHooks(hookRunner, sessionId, Warn),
            ToolHooks = hookRunner is null ? null : new CommandToolHooks(hookRunner, sessionId, Warn),
            Approvals = host.Approvals,
            PendingApprovals = pending,
            SystemPrompt = SystemPrompt.Build(workspace, time, tools.Names,
                string.Join("\n\n", new[] { ProjectInstructions.Load(workspace, home, read: path => Wright.Tools.Files.WorkspaceFs.ReadText(path, workspace, 1024 * 1024)), MemoryPrompt.Build(store, workspace), skills.PromptSection() }.OfType<string>())),
            ChatOptions = chatOptions,
            History = history,
            Journal = journal,
            Checkpoints = new WorkspaceSnapshots(workspace, Path.Combine(home, "snapshots")),
            Compaction = compaction,
        }, permissions, time);

        composed = new RuntimeSession
        {
            Session = session,
            Store = store,
            Prompt = prompt,
            Home = home,
            Workspace = workspace,
            PriorCostUsd = store.Get(sessionId)?.CostUsd ?? 0,
            PriorCostUnknown = store.Get(sessionId)?.UnpricedRequests > 0,
            MaxBudgetUsd = request.MaxBudgetUsd,
            Commands = commands,
            Skills = skills.Skills,
            SandboxAvailable = sandboxAvailable,
            Config = config,
            Permissions = permissions,
            ToolOptions = toolOptions,
            Http = http,
            Retry = retry,
            ChatOptions = chatOptions,
            Compaction = compaction,
            Mcp = mcp,
            Host = host,
            Environment = environment,
            Sandbox = sandbox,
            TrustRoot = trustRoot,
            Logger = logger,
            Journal = journal,
            Redactor = redactor,
        };
        composed.UseProvider(provider, client);
        composed.OwnAll(owned);
        composed.Own(subagents);
        logger.LogInformation("session {SessionId} started: {Model}, mode {Mode}, workspace {Workspace}", sessionId, provider.Spec,
            PermissionEngine.ModeName(mode), workspace);
        return composed;
    }

    /// <summary>
    /// A budget is enforced by pricing every request: a model without a known price is refused up front with the
    /// config that would price it, never run with the budget silently ignored.
    /// </summary>
    public static void RequirePrice(ResolvedProvider provider)
    {
        if (provider.ModelInfo is not { IsPriced: true })
            throw new ConfigException(string.Format(CultureInfo.InvariantCulture, Strings.BudgetNeedsPrice, provider.Spec, provider.Id, provider.Model));
    }

    /// <summary>
    /// Reports each configured server that did not start, in one line naming it and the reason. An interactive session
    /// goes on without it (the line is shown at start); a headless run fails unless the server is marked
    /// <c>"required": false</c>, because a run that silently lacks a tool it was set up with is worse than no run.
    /// </summary>
    private static async Task ReportMcpFailuresAsync(McpHub mcp, List<McpServerConfig> servers, bool interactive, TextWriter stderr)
    {
        foreach (var failed in mcp.Statuses.Where(s => s.Error is not null))
        {
            var required = servers.First(s => s.Name == failed.Name).Required;
            if (!interactive && required)
                throw new ConfigException(Format2(Strings.McpRequiredFailed, failed.Name, failed.Error));
            await stderr.WriteLineAsync("warning: " + Format2(interactive ? Strings.McpFailed : Strings.McpOptionalFailed, failed.Name, failed.Error));
        }
    }

    private static Summarizer? CreateSummarizer(string? text, Func<string, string?> environment, WrightConfig config, HttpClient http,
        RetryOptions retry, bool budget)
    {
        if (string.IsNullOrWhiteSpace(text))
            return null;
        if (!ModelSpec.TryParse(text, out var spec, out var error))
            throw new ConfigException(error);
        var provider = ProviderResolver.Resolve(spec, environment, config.Providers, out var providerError) ?? throw new ConfigException(providerError);
        if (budget)
            RequirePrice(provider);
        return new Summarizer(ChatClientFactory.Create(provider, http, retry), provider.Model, provider.Spec);
    }

    /// <summary>The client, model id and spec that write compaction summaries.</summary>
    private sealed record Summarizer(IChatClient Client, string Model, string Name) : IDisposable
    {
        public void Dispose() => Client.Dispose();
    }

    /// <summary>
    /// Opens <c>$WRIGHT_HOME/wright.db</c>; an unusable <c>$WRIGHT_HOME</c> (a file, unwritable, a bad path) is one
    /// <see cref="StoreException"/> line naming it, never a stack trace.
    /// </summary>
    public static SessionStore OpenStore(string home)
    {
        try
        {
            if (File.Exists(home))
                throw new IOException(UiLanguage.Pick("it is a file, not a directory", "它是文件而不是目录"));
            return SessionStore.Open(StorePath(home));
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
        {
            throw new StoreException(Format2(Strings.BadWrightHome, home, ex.Message), ex);
        }
        catch (StoreException ex) when (ex.InnerException is not null && !IsWritableDirectory(home))
        {
            throw new StoreException(Format2(Strings.BadWrightHome, home, ex.InnerException.Message), ex);
        }
    }

    private static bool IsWritableDirectory(string path)
    {
        try
        {
            var probe = Path.Combine(path, ".wright-probe-" + Environment.ProcessId.ToString(CultureInfo.InvariantCulture));
            using (File.Create(probe, 1, FileOptions.DeleteOnClose))
            {
            }

            return true;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return false;
        }
    }

    /// <summary>The session store's file under <paramref name="home"/>.</summary>
    public static string StorePath(string home) => Path.Combine(home, "wright.db");

    private static SessionRecord? FindPrevious(SessionRequest request, SessionStore store, string? here)
    {
        if (request.Continue && request.Resume is not null)
            throw new ConfigException(Strings.ContinueAndResume);
        if (request.Fork && !request.Continue && request.Resume is null)
            throw new ConfigException(Strings.ForkNeedsSession);
        if (request.Resume is { } id)
            return store.Find(id);
        if (request.Continue)
            return (here is null ? null : store.Latest(here)) ?? throw new ConfigException(Format(Strings.NothingToContinue, here));
        return null;
    }

    private static async Task<ModelSpec> ChooseModelAsync(SessionRequest request, string? commandModel, Func<string, string?> environment, WrightConfig config,
        HttpClient http, TextWriter stderr, CancellationToken cancellationToken)
    {
        var text = request.Model ?? commandModel ?? environment("WRIGHT_MODEL") ?? config.Model;
        if (!string.IsNullOrWhiteSpace(text))
        {
            return ModelSpec.TryParse(text, out var spec, out var error) ? spec : throw new ConfigException(error);
        }

        var local = await LocalProviderProbe.FindAsync(http, environment, cancellationToken)
            ?? throw new ConfigException(Format(Strings.NoModel, config.UserFile));
        await stderr.WriteLineAsync(Format(Strings.LocalModelChosen, local));
        return local;
    }

    /// <summary>The slopsquatting guard: the config's policy, registries through Wright's HTTP client, answers cached in the home.</summary>
    internal static DependencyGuard CreateDependencyGuard(WrightConfig config, string home, HttpClient http, Func<string, string?> environment)
    {
        var text = DependencyText.Current;
        var registry = new RegistryClient(http, config.Dependencies.Endpoints, Path.Combine(home, "cache", "packages"))
        {
            CacheFor = config.Dependencies.CacheFor,
            Timeout = config.Dependencies.Timeout,
            Text = text,
        };
        return new DependencyGuard(config.Dependencies, registry, text);
    }

    internal static HttpClient CreateHttpClient(WrightConfig config)
    {
        var handler = new SocketsHttpHandler
        {
            ConnectTimeout = TimeSpan.FromSeconds(10),
            AutomaticDecompression = DecompressionMethods.All,
            PooledConnectionLifetime = TimeSpan.FromMinutes(5),
        };
        return new HttpClient(handler) { Timeout = TimeSpan.FromSeconds(config.RequestTimeoutSeconds ?? 600) };
    }

    /// <summary>
    /// The mode from config: the user's (or trusted project's) <c>permission_mode</c>, else <paramref name="fallback"/>;
    /// an untrusted project's mode replaces it only when stricter (plan &lt; ask &lt; accept-edits &lt; auto &lt; yolo),
    /// a looser one is ignored with a warning.
    /// </summary>
    internal static PermissionMode ConfiguredMode(WrightConfig config, PermissionMode fallback, TextWriter stderr)
    {
        var mode = ParseMode(config.PermissionMode) ?? fallback;
        if (config.UntrustedPermissionMode is not { } untrusted)
            return mode;
        var project = ParseMode(untrusted.Mode)!.Value;
        if (project <= mode)
            return project;
        stderr.WriteLine("warning: " + string.Format(CultureInfo.InvariantCulture, Strings.UntrustedProjectLoosens, "permission_mode", untrusted.Source));
        return mode;
    }

    internal static PermissionMode? ParseMode(string? value) => value?.ToLowerInvariant() switch
    {
        null => null,
        "plan" => PermissionMode.Plan,
        "ask" => PermissionMode.Ask,
        "accept-edits" or "acceptedits" => PermissionMode.AcceptEdits,
        "auto" => PermissionMode.Auto,
        "yolo" => PermissionMode.Yolo,
        _ => throw new ConfigException(Format(Strings.BadPermissionMode, value)),
    };

    private static RuleSet BuildRules(WrightConfig config, SessionRequest request, string workspace, Func<string, string?> environment,
        IReadOnlyList<string> commandRules)
    {
        var rules = new List<PermissionRule>();
        void Add(RuleEffect effect, string text, string source)
        {
            rules.Add(PermissionRule.Parse(effect, text, source, out var error) ?? throw new ConfigException($"{source}: {error}"));
        }

        foreach (var (effect, text, source) in config.Rules)
            Add(effect, text, source);
        foreach (var text in request.Allow)
            Add(RuleEffect.Allow, text, "--allow");
        foreach (var text in request.Ask)
            Add(RuleEffect.Ask, text, "--ask");
        foreach (var text in request.Deny)
            Add(RuleEffect.Deny, text, "--deny");
        foreach (var text in commandRules)
            Add(RuleEffect.Allow, text, "the command's allowed-tools");
        return new RuleSet(rules, workspace, environment("HOME"));
    }

    internal static ReasoningEffort? ParseEffort(string? value) => value?.ToLowerInvariant() switch
    {
        null => null,
        "low" => ReasoningEffort.Low,
        "medium" => ReasoningEffort.Medium,
        "high" => ReasoningEffort.High,
        _ => throw new ConfigException(Format(Strings.BadEffort, value)),
    };

    private static IEnumerable<KeyValuePair<string, string?>> EnvironmentVariables() =>
        Environment.GetEnvironmentVariables().Cast<System.Collections.DictionaryEntry>()
            .Select(e => new KeyValuePair<string, string?>((string)e.Key, e.Value as string));

    private static int? ParseInt(string? value) =>
        int.TryParse(value, NumberStyles.Integer, CultureInfo.InvariantCulture, out var number) ? number : null;

    private static string Format(string template, object? arg) => string.Format(CultureInfo.InvariantCulture, template, arg);

    private static string Format2(string template, object? a, object? b) => string.Format(CultureInfo.InvariantCulture, template, a, b);

    /// <summary>
    /// The context window of <paramref name="provider"/>'s model. Unknown models get a conservative 128,000 tokens; a
    /// provider's overflow error still triggers compaction.
    /// </summary>
    public static int ContextWindowOf(ResolvedProvider provider) => provider.ModelInfo?.ContextWindow is > 0 and var window ? window : 128_000;

    /// <summary>Resolves <paramref name="text"/> (provider/model) with the session's configuration, for <c>/model</c>.</summary>
    public static ResolvedProvider ResolveModel(string text, Func<string, string?> environment, WrightConfig config)
    {
        if (!ModelSpec.TryParse(text, out var spec, out var error))
            throw new ConfigException(error);
        return ProviderResolver.Resolve(spec, environment, config.Providers, out var providerError) ?? throw new ConfigException(providerError);
    }
}
