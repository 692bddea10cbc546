using System.Globalization;
using Microsoft.Extensions.AI;
using Wright.Cli.Configuration;
using Wright.Cli.Hosting;
using Wright.Cli.Text;
using Wright.Core.Context;
using Wright.Permissions;
using Wright.Providers;
using Wright.Providers.Catalog;
using Wright.Sessions.Rewind;
using Wright.Sessions.Store;

namespace Wright.Cli.Interactive;

/// <summary>Slash commands.</summary>
internal sealed partial class InteractiveHost
{
    private static readonly CultureInfo Inv = CultureInfo.InvariantCulture;

    /// <summary>Runs one slash command; false when the session should end.</summary>
    private async Task<bool> CommandAsync(string text, CancellationToken cancellationToken)
    {
        var name = CommandName(text);
        var argument = text.Length > name.Length + 1 ? text[(name.Length + 1)..].Trim() : "";
        try
        {
            switch (name)
            {
                case "quit" or "exit" or "q":
                    return false;
                case "help" or "?":
                    Help();
                    break;
                case "model":
                    SwitchModel(argument);
                    break;
                case "mode":
                    SwitchMode(argument);
                    break;
                case "effort":
                    SetEffort(argument);
                    break;
                case "compact":
                    Info(TurnRenderer.Describe(await Composed.Session.CompactAsync(cancellationToken)));
                    _renderer.LastContextTokens = TokenEstimator.UpperBound(Composed.Session.Messages);
                    break;
                case "cost":
                    Cost();
                    break;
                case "context":
                    Context();
                    break;
                case "todos":
                    foreach (var row in TurnRenderer.TodoRows(_renderer.Todos, terminal.Ansi))
                        terminal.WriteLine(row);
                    break;
                case "expand":
                    _renderer.Expand();
                    break;
                case "rewind":
                    await RewindAsync(argument, cancellationToken);
                    break;
                case "sessions":
                    Sessions();
                    break;
                case "memory" or "memories":
                    Memories();
                    break;
                case "init":
                    await TurnAsync(Commands.InitCommand.Prompt, cancellationToken);
                    break;
                case "resume":
                    if (argument.Length == 0)
                    {
                        Sessions();
                        break;
                    }

                    await OpenAsync(Reopen(argument), cancellationToken);
                    break;
                case "clear" or "new":
                    if (terminal.IsTerminal)
                        terminal.Write("\x1b[H\x1b[2J");
                    await OpenAsync(Reopen(null), cancellationToken);
                    break;
                default:
                    Info(string.Format(Inv, Strings.TuiUnknownCommand, "/" + name));
                    break;
            }
        }
        catch (Exception ex) when (ex is ConfigException or StoreException or SnapshotException)
        {
            terminal.WriteLine(terminal.Ansi.Red(Strings.ErrorPrefix + ex.Message));
        }

        return true;
    }

    /// <summary>Ctrl-O at the prompt: the last turn in full, then the status line again above the prompt.</summary>
    private void Expand()
    {
        _renderer.Expand();
        terminal.WriteLine(terminal.Ansi.Dim(TurnRenderer.Truncate(StatusLine(), terminal.Width)));
    }

    private void Info(string line)
    {
        foreach (var row in TextWrapper.Wrap(line, terminal.Width))
            terminal.WriteLine(terminal.Ansi.Dim(row));
    }

    /// <summary>The request to reopen a session with: the current model and mode carry over.</summary>
    private HeadlessRequest Reopen(string? resume) => request with
    {
        Resume = resume,
        Continue = false,
        Fork = false,
        Model = resume is null ? Composed.Provider.Spec : null,
        PermissionMode = PermissionEngine.ModeName(_mode),
    };

    private void Help()
    {
        var lines = Strings.TuiHelp.Split('\n');
        var custom = Composed.Commands.Commands;
        foreach (var line in custom.Count > 0 ? lines : lines[..^1])
            terminal.WriteLine(line);
        foreach (var command in Composed.Commands.Commands.OrderBy(c => c.Name, StringComparer.Ordinal))
            terminal.WriteLine($"  /{command.Name,-20} {command.Description}");
    }

    private void SwitchModel(string argument)
    {
        if (argument.Length == 0)
        {
            Info(string.Format(Inv, Strings.TuiModelUsage, Composed.Provider.Spec));
            // The catalog's models whose provider has a key here (or needs none).
            var ready = ModelCatalog.Specs
                .Where(spec => ModelSpec.TryParse(spec, out var parsed, out _) && ProviderResolver.Resolve(parsed, environment, Composed.Config.Providers, out _) is not null)
                .ToList();
            if (ready.Count > 0)
            {
                Info(Strings.TuiModelAvailable);
                foreach (var row in TextWrapper.Wrap("  " + string.Join("  ", ready), terminal.Width, "  "))
                    terminal.WriteLine(row);
            }

            return;
        }

        var provider = SessionComposer.ResolveModel(argument, environment, Composed.Config);
        UseModel(provider);
        // Stored, so that `wright -c` resumes the session with the model it was switched to.
        Composed.Store.SetModel(Composed.Session.Id, provider.Spec);
        Info(string.Format(Inv, Strings.TuiModelSwitched, provider.Spec));
    }

    /// <summary>Sends the next requests to <paramref name="provider"/>; usage is recorded under its name.</summary>
    private void UseModel(ResolvedProvider provider)
    {
        Composed.Client.Swap(ChatClientFactory.Create(provider, Composed.Http, Composed.Retry));
        Composed.ChatOptions.ModelId = provider.Model;
        Composed.Provider = provider;
        Composed.Journal.Model = provider.Spec;
        Composed.Compaction.ContextWindow = SessionComposer.ContextWindowOf(provider);
    }

    private void SwitchMode(string argument)
    {
        var mode = argument.Length == 0 ? null : SessionComposer.ParseMode(argument);
        if (mode is not { } next)
        {
            Info(string.Format(Inv, Strings.TuiModeUsage, PermissionEngine.ModeName(_mode)));
            return;
        }

        // The shell's launcher was chosen at start: sandboxed unless yolo. Crossing that line needs a restart.
        var sandboxedNow = Composed.Sandboxed && Composed.Mode != PermissionMode.Yolo;
        if ((next == PermissionMode.Yolo) == sandboxedNow || (next == PermissionMode.Auto && !sandboxedNow))
        {
            Info(string.Format(Inv, Strings.TuiModeNeedsRestart, PermissionEngine.ModeName(next)));
            return;
        }

        Composed.Approver.Switch(new PermissionEngine(next, Composed.Rules, Composed.Workspace, _approval, Composed.Sandboxed,
            workspaceTrusted: !Composed.Approver.Engine.Taint.HasUntrustedWorkspace, wrightHome: Composed.Home)
        {
            Dependencies = Composed.Approver.Engine.Dependencies,
        });
        _mode = next;
        Info(string.Format(Inv, Strings.TuiModeSwitched, PermissionEngine.ModeName(next)));
    }

    private void SetEffort(string argument)
    {
        var effort = argument.Length == 0 ? null : SessionComposer.ParseEffort(argument);
        if (effort is null)
        {
            Info(Strings.TuiEffortUsage);
            return;
        }

        Composed.ChatOptions.Reasoning = new ReasoningOptions { Effort = effort };
        Info(string.Format(Inv, Strings.TuiEffortSet, argument.ToLowerInvariant()));
    }

    private void Cost()
    {
        var record = Composed.Store.Get(Composed.Session.Id);
        var cost = _priorCost + _renderer.CostUsd;
        Info(string.Format(Inv, Strings.TuiCost, record?.InputTokens ?? 0, record?.OutputTokens ?? 0,
            Composed.Provider.ModelInfo is null && cost == 0 ? Strings.TuiCostUnknown : "$" + cost.ToString("0.0000", Inv)));
    }

    /// <summary>What fills the context: tokens by kind of content (with a bar), then the largest items.</summary>
    private void Context()
    {
        var usage = Composed.Session.MeasureContext();
        var window = Math.Max(1, Composed.ContextWindow);
        Info(string.Format(Inv, Strings.TuiContext, usage.Total, Composed.ContextWindow, usage.Total * 100 / window, Composed.Session.Messages.Count));
        foreach (var part in usage.Parts)
        {
            var share = usage.Total > 0 ? (double)part.Tokens / usage.Total : 0;
            var bar = new string('█', (int)Math.Round(share * 20));
            terminal.WriteLine(string.Format(Inv, "  {0,-20}{1,5}  {2,9:N0} {3}  {4,3:0}%  {5}", Strings.ContextPartName(part.Kind), part.Items, part.Tokens,
                Strings.TuiContextTokens, share * 100, terminal.Ansi.Cyan(bar)));
        }

        if (usage.Largest.Count == 0)
            return;
        Info(Strings.TuiContextLargest);
        foreach (var item in usage.Largest)
        {
            var label = TurnRenderer.Truncate(item.Label, Math.Max(10, terminal.Width - 44));
            terminal.WriteLine(string.Format(Inv, "  {0,-20}{1,9:N0} {2}  {3}", Strings.ContextPartName(item.Kind), item.Tokens, Strings.TuiContextTokens, label));
        }
    }

    private void Memories()
    {
        var memories = Composed.Store.Memories(Composed.Workspace);
        if (memories.Count == 0)
            Info(Strings.TuiNoMemories);
        foreach (var memory in memories)
        {
            foreach (var row in TextWrapper.Wrap($"#{memory.Id} [{memory.Scope}] {memory.Text.ReplaceLineEndings(" ")}", terminal.Width, "    "))
                terminal.WriteLine(row);
        }
    }

    private void Sessions()
    {
        foreach (var record in Composed.Store.List(Composed.Workspace, 10))
        {
            var title = record.Title.ReplaceLineEndings(" ");
            terminal.WriteLine(string.Format(Inv, "{0}  {1:yyyy-MM-dd HH:mm}  {2,3} turns  {3}", record.Id, record.Updated.ToLocalTime(), record.Turns,
                TurnRenderer.Truncate(title, Math.Max(10, terminal.Width - 50))));
        }
    }

    /// <summary>/rewind lists the checkpoints; /rewind N restores files and conversation and reopens the session there.</summary>
    private async Task RewindAsync(string argument, CancellationToken cancellationToken)
    {
        var id = Composed.Session.Id;
        var checkpoints = Composed.Store.Checkpoints(id);
        if (argument.Length == 0)
        {
            if (checkpoints.Count == 0)
            {
                Info(Strings.TuiRewindNone);
                return;
            }

            foreach (var c in checkpoints)
            {
                var prompt = c.Prompt.ReplaceLineEndings(" ");
                terminal.WriteLine(string.Format(Inv, "{0,5}  {1:HH:mm:ss}  {2}", c.Turn, c.Time.ToLocalTime(), TurnRenderer.Truncate(prompt, Math.Max(10, terminal.Width - 20))));
            }

            Info(Strings.TuiRewindHint);
            return;
        }

        if (!int.TryParse(argument, NumberStyles.Integer, Inv, out var wanted))
            throw new ConfigException(Strings.TuiRewindHint);
        var checkpoint = checkpoints.FirstOrDefault(c => c.Turn == wanted)
            ?? throw new StoreException(string.Format(Inv, Strings.NoCheckpoint, wanted, id,
                checkpoints.Count == 0 ? "-" : string.Join(", ", checkpoints.Select(c => c.Turn))));
        var snapshots = new WorkspaceSnapshots(Composed.Workspace, Path.Combine(Composed.Home, "snapshots"));
        var restored = await snapshots.RestoreAsync(checkpoint.Snapshot, cancellationToken);
        Composed.Store.RewindConversation(checkpoint);
        foreach (var change in restored.Changes)
            terminal.WriteLine($"  {change.Kind.ToString()[0]} {change.Path}");
        // The in-memory transcript is now ahead of the store: reopen the session from the store.
        var reopen = Reopen(id) with { Model = Composed.Provider.Spec };
        await OpenAsync(reopen, cancellationToken);
        Info(string.Format(Inv, Strings.TuiRewound, wanted, restored.SafetySnapshot.Id));
    }
}
