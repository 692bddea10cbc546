using System.Globalization;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Logging;
using Wright.Core.Events;
using Wright.Permissions;
using Wright.Providers;
using Wright.Providers.Catalog;
using Wright.Runtime.Composition;
using Wright.Runtime.Configuration;
using Wright.Runtime.Text;
using Wright.Sessions.Rewind;
using Wright.Sessions.Store;

namespace Wright.Runtime;

/// <summary>Operations that change a session's settings, its context or its files.</summary>
public sealed partial class RuntimeSession
{
    /// <summary>
    /// Sends the next requests to <paramref name="spec"/> (<c>provider/model</c>), keeping the conversation (the set-model
    /// operation; during a run it applies from the next request). The store remembers it, so resuming the session uses
    /// it. Throws <see cref="ConfigException"/> for an unknown model or provider without a key.
    /// </summary>
    public SettingsChanged SetModel(string spec)
    {
        var provider = SessionComposer.ResolveModel(spec, Environment, Config);
        if (MaxBudgetUsd is not null)
            SessionComposer.RequirePrice(provider);
        // The old client stays alive (owned) until the session ends: a request under way may still use it.
        UseModel(provider, Own(ChatClientFactory.Create(provider, Http, Retry)), record: true);
        return Acknowledge();
    }

    /// <summary>
    /// Sets the permission mode (the set-mode operation), from the next tool call on. Crossing yolo switches the shell's
    /// launcher: into yolo commands run unsandboxed, out of it they run in the sandbox again — no restart. The session's
    /// taint and "always" rules stay. Throws <see cref="ConfigException"/> for auto without a sandbox.
    /// </summary>
    public SettingsChanged SetMode(PermissionMode mode)
    {
        if (mode == PermissionMode.Auto && !SandboxAvailable)
            throw new ConfigException(string.Format(CultureInfo.InvariantCulture, Strings.AutoNeedsSandbox, Sandbox.Reason));
        Permissions.Mode = mode;
        ToolOptions.Launcher = mode == PermissionMode.Yolo && !Sandbox.HostSupplied ? null : Sandbox.Launcher;
        Logger.LogInformation("session {SessionId}: permission mode {Mode}, sandbox {Sandboxed}", Id, PermissionEngine.ModeName(mode), Sandboxed);
        return Acknowledge();
    }

    /// <summary>Parses and sets the permission mode (plan, ask, accept-edits, auto, yolo).</summary>
    public SettingsChanged SetMode(string mode) =>
        SetMode(SessionComposer.ParseMode(mode) ?? throw new ConfigException(string.Format(CultureInfo.InvariantCulture, Strings.BadPermissionMode, mode)));

    /// <summary>Sets the reasoning effort (low, medium, high; null or empty: the provider's default) of the next requests.</summary>
    public SettingsChanged SetEffort(string? effort)
    {
        Session.SetEffort(string.IsNullOrEmpty(effort) ? null : SessionComposer.ParseEffort(effort));
        return Acknowledge();
    }

    /// <summary>
    /// The catalog's models on every preset whose provider is ready here (has a key, or needs none), <c>openai-chat</c>
    /// and regional presets included, and the models the config names under its providers, for a model picker.
    /// </summary>
    public IReadOnlyList<string> ReadyModels() =>
        [.. ModelCatalog.AllSpecs.Concat(Config.Providers.SelectMany(p => (p.Value.Models?.Keys ?? []).Select(m => p.Key + "/" + m)))
            .Distinct(StringComparer.Ordinal)
            .Where(spec => ModelSpec.TryParse(spec, out var parsed, out _)
                && ProviderResolver.Resolve(parsed, Environment, Config.Providers, out _) is not null)];

    /// <summary>
    /// Compacts the context now (the compact operation): old tool outputs are elided and the older conversation is
    /// summarised. Only between runs.
    /// </summary>
    public Task<ContextCompacted> CompactAsync(CancellationToken cancellationToken = default) => Session.CompactAsync(cancellationToken);

    /// <summary>The session's checkpoints (one per turn that changed something), oldest first.</summary>
    public IReadOnlyList<CheckpointRecord> Checkpoints() => Store.Checkpoints(Id);

    /// <summary>
    /// Goes back to the checkpoint before turn <paramref name="turn"/> (the rewind operation): restores the files (changes
    /// by shell commands included; a safety snapshot makes it undoable), cuts the conversation back, or both. Only
    /// between runs. Throws <see cref="StoreException"/> when that turn has no checkpoint.
    /// </summary>
    public async Task<RewindCompleted> RewindAsync(int turn, RewindScope scope = RewindScope.Both, CancellationToken cancellationToken = default)
    {
        if (IsRunning)
            throw new InvalidOperationException("A run is in progress in this session; rewind after it finishes.");
        var checkpoint = WrightRuntime.FindCheckpoint(Checkpoints(), Id, turn);
        IReadOnlyList<string> changes = [];
        string? undo = null;
        if (scope != RewindScope.Conversation)
        {
            var snapshots = new WorkspaceSnapshots(Workspace, Path.Combine(Home, "snapshots"));
            var restored = await snapshots.RestoreAsync(checkpoint.Snapshot, cancellationToken);
            changes = [.. restored.Changes.Select(c => $"{Mark(c.Kind)} {c.Path}")];
            undo = restored.SafetySnapshot.Id;
        }

        int? kept = null;
        if (scope != RewindScope.Files)
        {
            var transcript = Store.TranscriptAt(checkpoint);
            Session.RewindTranscript(transcript);
            kept = transcript.Count;
        }

        var completed = new RewindCompleted(turn, changes, undo, kept);
        Session.Publish(completed);
        return completed;
    }

    /// <summary>
    /// Adds context from the person at the host (the add-context operation): a user message, redacted like a tool
    /// result and journaled, that the model sees on the next run. Only between runs.
    /// </summary>
    public void AddContext(string text) => Session.AddUserNote(text);

    /// <summary>Switches the model; <paramref name="record"/>: announced and stored (a command's temporary model is not).</summary>
    private void UseModel(ResolvedProvider provider, IChatClient client, bool record)
    {
        Session.SetModel(client, provider.Spec, provider.Model, SessionComposer.ContextWindowOf(provider));
        UseProvider(provider, client);
        if (record)
            Logger.LogInformation("session {SessionId}: model {Model}", Id, provider.Spec);
        else
            Journal.Model = provider.Spec;
    }

    internal SqliteJournal Journal { get; init; } = null!;

    private SettingsChanged Acknowledge()
    {
        var changed = new SettingsChanged(Model, PermissionEngine.ModeName(Mode), Effort, Sandboxed);
        Session.Publish(changed);
        return changed;
    }

    internal static string EffortName(ReasoningEffort effort) => effort switch
    {
        ReasoningEffort.Low => "low",
        ReasoningEffort.Medium => "medium",
        ReasoningEffort.High => "high",
        _ => effort.ToString().ToLowerInvariant(),
    };

    private static string Mark(FileChangeKind kind) => kind switch
    {
        FileChangeKind.Added => "A",
        FileChangeKind.Deleted => "D",
        _ => "M",
    };
}
