using System.Globalization;
using System.Net;
using Microsoft.Extensions.AI;
using Wright.Cli.Configuration;
using Wright.Cli.Runtime;
using Wright.Cli.Text;
using Wright.Core.Context;
using Wright.Core.Engine;
using Wright.Core.Prompting;
using Wright.Core.Tools;
using Wright.Extensibility.Agents;
using Wright.Extensibility.Commands;
using Wright.Extensibility.Hooks;
using Wright.Extensibility.Skills;
using Wright.Mcp;
using Wright.Permissions;
using Wright.Permissions.Dependencies;
using Wright.Permissions.Dependencies.Registries;
using Wright.Permissions.Dependencies.Text;
using Wright.Permissions.Rules;
using Wright.Permissions.Secrets;
using Wright.Providers;
using Wright.Providers.Middleware;
using Wright.Providers.Local;
using Wright.Sandbox;
using Wright.Sandbox.Network;
using Wright.Sessions.Memory;
using Wright.Sessions.Rewind;
using Wright.Sessions.Store;
using Wright.Tools;
using Wright.Tools.Web;

namespace Wright.Cli.Hosting;

/// <summary>
/// Composes configuration, provider, tools, permissions, sandbox, MCP, session store, checkpoints and compaction into
/// one <see cref="AgentSession"/>, for the headless and the interactive host alike.
/// </summary>
internal static partial class SessionComposer
{
    /// <summary>
    /// Builds the session. <paramref name="readPrompt"/> supplies the headless prompt (expanded as a custom command or
    /// MCP prompt); null for an interactive session. <paramref name="approvalPrompt"/> is the person to ask (null:
    /// calls that need one are denied). <paramref name="interactive"/> makes <c>ask</c> the default mode.
    /// </summary>
    public static async Task<ComposedSession> ComposeAsync(HeadlessRequest request, Func<string, string?> environment,
        Func<Task<string>>? readPrompt, IApprovalPrompt? approvalPrompt, bool interactive, TextWriter stderr,
        CancellationToken cancellationToken)
    {
        var owned = new List<object>();
        try
        {
            return await ComposeCoreAsync(request, environment, readPrompt, approvalPrompt, interactive, stderr, owned, cancellationToken);
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

    private static async Task<ComposedSession> ComposeCoreAsync(HeadlessRequest request, Func<string, string?> environment,
        Func<Task<string>>? readPrompt, IApprovalPrompt? approvalPrompt, bool interactive, TextWriter stderr, List<object> owned,
        CancellationToken cancellationToken)
    {
        T Own<T>(T resource) where T : class
        {
            owned.Add(resource);
            return resource;
        }

        var home = WrightHome.Resolve(environment);
        var store = Own(OpenStore(home));
        var here = NativeMethods.Canonicalize(request.Cwd ?? Directory.GetCurrentDirectory());
        var previous = FindPrevious(request, store, here);
        // A resumed session runs in its own workspace unless --cwd says otherwise.
        var workspace = request.Cwd is null && previous is not null ? previous.Workspace : here;
        if (workspace is null || !Directory.Exists(workspace))
            throw new ConfigException(Format(Strings.BadCwd, request.Cwd ?? previous?.Workspace ?? Directory.GetCurrentDirectory()));
        var config = ConfigLoader.Load(home, workspace);
        if (HomeWorkspace.Covers(workspace, environment) is { } userHome && !request.AllowHomeWorkspace && !config.AllowHomeWorkspace
            && (request.ConfirmHomeWorkspace is null || !await request.ConfirmHomeWorkspace(workspace, userHome, cancellationToken)))
            throw new ConfigException(Format2(Strings.HomeWorkspaceRefused, workspace, userHome));
        foreach (var warning in config.Warnings)
            await stderr.WriteLineAsync("warning: " + warning);

        // Programs Wright starts are never looked up in the workspace (a planted `git` or `setsid` must not run on the host).
        Wright.Core.Processes.TrustedPrograms.Distrust(workspace);
        var sandbox = SandboxSupport.Probe();
        var mode = ParseMode(request.PermissionMode ?? environment("WRIGHT_PERMISSION_MODE"))
            ?? ConfiguredMode(config, interactive ? PermissionMode.Ask : sandbox.Available ? PermissionMode.Auto : PermissionMode.Plan, stderr);
        if (mode == PermissionMode.Auto && !sandbox.Available)
            throw new ConfigException(Format(Strings.AutoNeedsSandbox, sandbox.Reason));
        var projectTrusted = ConfigLoader.FindProjectConfig(workspace) is { } projectConfig && ProjectTrust.IsTrusted(home, projectConfig);
        // A project command's allowed-tools grant permissions: they count only for a command file trusted as it is now.
        var commands = CommandCatalog.Load(home, workspace, file => ProjectTrust.IsTrusted(home, file));
        var skills = SkillCatalog.Load(home, workspace, projectTrusted);
        var maxTurns = request.MaxTurns ?? ParseInt(environment("WRIGHT_MAX_TURNS")) ?? config.MaxTurns;
        if (maxTurns is <= 0)
            throw new ConfigException(Format(Strings.BadMaxTurns, maxTurns));
        if (request.MaxBudgetUsd is <= 0)
            throw new ConfigException(Format(Strings.BadBudget, request.MaxBudgetUsd));
        var effort = ParseEffort(request.Effort ?? environment("WRIGHT_EFFORT") ?? config.Effort);
        var prompt = readPrompt is null ? "" : await readPrompt();
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
        var client = Own(new SwitchableChatClient(ChatClientFactory.Create(provider, http, retry)));
        var summarizer = CreateSummarizer(request.CompactModel ?? environment("WRIGHT_COMPACT_MODEL") ?? config.CompactModel,
            environment, config, http, retry);
        if (summarizer is not null)
            Own(summarizer);
        if (config.CompactThresholdPercent is < 10 or > 99)
            throw new ConfigException(Format(Strings.BadCompactThreshold, config.CompactThresholdPercent));

        var mcpWarnings = new List<string>();
        var mcpServers = McpSetup.Load(home, workspace, mcpWarnings);
        foreach (var warning in mcpWarnings)
            await stderr.WriteLineAsync("warning: " + warning);
        var mcp = Own(await McpHub.StartAsync(mcpServers, http, cancellationToken));
        foreach (var failed in mcp.Statuses.Where(s => s.Error is not null))
            await stderr.WriteLineAsync("warning: " + Format2(Strings.McpFailed, failed.Name, failed.Error));
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
        // it); the approver exists only below, and /mode may replace its engine, so the decision looks it up each time.
        SwitchableApprover? approverForEgress = null;
        ValueTask<string?> DecideEgress(EgressRequest r, CancellationToken ct) =>
            approverForEgress?.Engine.Egress.DecideAsync(r.Method, r.Host, r.Port, r.Target, ct) ?? ValueTask.FromResult<string?>("the session is not ready");
        IEnumerable<ITool> skillTools = skills.Skills.Count > 0 ? [new SkillTool(skills)] : [];
        IEnumerable<ITool> resourceTools = mcp.HasResources ? [new McpResourceTool(mcp)] : [];
        var toolOptions = new ToolOptions
        {
            AllowedSecretEnvVars = config.AllowedSecretEnv,
            MaxSavedOutputBytes = config.MaxSavedOutputMb switch { null => new ToolOptions().MaxSavedOutputBytes, 0 => long.MaxValue, var mb => mb.Value * 1024L * 1024 },
            WebFetch = new WebFetchOptions { AllowPrivateNetworks = config.WebFetchAllowPrivate },
            // In yolo mode commands run unsandboxed (by explicit choice); everywhere else they run under bubblewrap when available.
            Launcher = mode != PermissionMode.Yolo && sandbox.Available ? new BubblewrapLauncher(workspace, [home], config.Sandbox(home, DecideEgress)) : null,
        };
        var baseTools = BuiltinTools.Create(toolOptions)
            .Concat([new RememberTool(store, workspace), new RecallTool(store)])
            .Concat(skillTools).Concat(mcp.Tools).Concat(resourceTools).ToList();
        var sessionId = previous is not null && !request.Fork ? previous.Id : AgentSession.NewId(TimeProvider.System);
        var history = previous is null ? null : store.LoadTranscript(previous.Id);
        if (previous is null)
            store.Create(sessionId, workspace, provider.Spec);
        else if (request.Fork)
            store.Fork(previous.Id, sessionId);
        void Warn(string message) => stderr.WriteLine("warning: " + message);
        var hookRunner = config.Hooks.Count > 0 ? new HookRunner(config.Hooks, workspace) : null;
        var engine = new PermissionEngine(mode, rules, workspace, prompt: approvalPrompt, sandboxed: sandbox.Available,
            workspaceTrusted: projectTrusted, wrightHome: home)
        {
            Dependencies = CreateDependencyGuard(config, home, http, environment),
        };
        var approver = new SwitchableApprover(engine, inner => hookRunner is null
            ? inner
            : new HookedApprover(inner, hookRunner, sessionId, Warn));
        approverForEgress = approver;
        var redactor = new SecretRedactor(SecretRedactor.FromEnvironment(EnvironmentVariables()).Append(provider.ApiKey ?? ""));
        var chatOptions = new ChatOptions
        {
            ModelId = provider.Model,
            Reasoning = effort is null ? null : new ReasoningOptions { Effort = effort },
        };
        var agents = AgentCatalog.Load(home, workspace);
        var subagents = new SubagentFactory(provider, environment, config.Providers, http, retry, () => baseTools, approver, redactor,
            workspace, Path.Combine(home, "sessions"), chatOptions,
            hookRunner is null ? null : new CommandSessionHooks(hookRunner, sessionId, Warn, subagent: true));
        var tools = new ToolRegistry(baseTools.Append(new TaskTool(agents, subagents)));
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
            SystemPrompt = SystemPrompt.Build(workspace, TimeProvider.System, tools.Names,
                string.Join("\n\n", new[] { ProjectInstructions.Load(workspace, home, read: path => Wright.Tools.Files.WorkspaceFs.ReadText(path, workspace, 1024 * 1024)), MemoryPrompt.Build(store, workspace), skills.PromptSection() }.OfType<string>())),
            ChatOptions = chatOptions,
            History = history,
            Journal = journal,
            Checkpoints = new WorkspaceSnapshots(workspace, Path.Combine(home, "snapshots")),
            Compaction = compaction,
        }, approver);

        var composed = new ComposedSession
        {
            Session = session,
            Store = store,
            Prompt = prompt,
            Home = home,
            Workspace = workspace,
            Config = config,
            Provider = provider,
            Mode = mode,
            Sandboxed = sandbox.Available,
            Http = http,
            Retry = retry,
            Client = client,
            ChatOptions = chatOptions,
            Approver = approver,
            Rules = rules,
            Commands = commands,
            Journal = journal,
            Compaction = compaction,
        };
        composed.OwnAll(owned);
        return composed;
    }

    private static Summarizer? CreateSummarizer(string? text, Func<string, string?> environment, WrightConfig config, HttpClient http,
        RetryOptions retry)
    {
        if (string.IsNullOrWhiteSpace(text))
            return null;
        if (!ModelSpec.TryParse(text, out var spec, out var error))
            throw new ConfigException(error);
        var provider = ProviderResolver.Resolve(spec, environment, config.Providers, out var providerError) ?? throw new ConfigException(providerError);
        return new Summarizer(ChatClientFactory.Create(provider, http, retry), provider.Model, provider.Spec);
    }

    /// <summary>The client, model id and spec that write compaction summaries.</summary>
    private sealed record Summarizer(IChatClient Client, string Model, string Name) : IDisposable
    {
        public void Dispose() => Client.Dispose();
    }

    /// <summary>Opens the session store under <paramref name="home"/> (<c>wright.db</c>).</summary>
    public static SessionStore OpenStore(string home) => SessionStore.Open(Path.Combine(home, "wright.db"));

    private static SessionRecord? FindPrevious(HeadlessRequest request, SessionStore store, string? here)
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

    private static async Task<ModelSpec> ChooseModelAsync(HeadlessRequest request, string? commandModel, Func<string, string?> environment, WrightConfig config,
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
        var registry = new RegistryClient(http, config.Dependencies.Endpoints, Path.Combine(home, "cache", "packages"))
        {
            CacheFor = config.Dependencies.CacheFor,
            Timeout = config.Dependencies.Timeout,
        };
        return new DependencyGuard(config.Dependencies, registry, DependencyText.For(environment));
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

    private static RuleSet BuildRules(WrightConfig config, HeadlessRequest request, string workspace, Func<string, string?> environment,
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

    /// <summary>Resolves <paramref name="text"/> (provider/model) with the session's configuration, for <c>/model</c>.</summary>
    /// <summary>
    /// The context window of <paramref name="provider"/>'s model. Unknown models get a conservative 128,000 tokens; a
    /// provider's overflow error still triggers compaction.
    /// </summary>
    public static int ContextWindowOf(ResolvedProvider provider) => provider.ModelInfo?.ContextWindow is > 0 and var window ? window : 128_000;

    public static ResolvedProvider ResolveModel(string text, Func<string, string?> environment, WrightConfig config)
    {
        if (!ModelSpec.TryParse(text, out var spec, out var error))
            throw new ConfigException(error);
        return ProviderResolver.Resolve(spec, environment, config.Providers, out var providerError) ?? throw new ConfigException(providerError);
    }
}
