using System.Globalization;
using Wright.Cli.Hosting;
using Wright.Cli.Text;
using Wright.Core.Context;
using Wright.Permissions;
using Wright.Runtime;
using Wright.Runtime.Configuration;
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
                    Info(TurnRenderer.Describe(await Session.CompactAsync(cancellationToken)));
                    _renderer.LastContextTokens = TokenEstimator.UpperBound(Session.Messages);
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
        Model = resume is null ? Session.Model : null,
        PermissionMode = PermissionEngine.ModeName(Session.Mode),
    };

    private void Help()
    {
        var lines = Strings.TuiHelp.Split('\n');
        var custom = Session.Commands.Commands;
        foreach (var line in custom.Count > 0 ? lines : lines[..^1])
            terminal.WriteLine(line);
        foreach (var command in Session.Commands.Commands.OrderBy(c => c.Name, StringComparer.Ordinal))
            terminal.WriteLine($"  /{command.Name,-20} {command.Description}");
    }

    private void SwitchModel(string argument)
    {
        if (argument.Length == 0)
        {
            Info(string.Format(Inv, Strings.TuiModelUsage, Session.Model));
            // The catalog's models whose provider has a key here (or needs none).
            var ready = Session.ReadyModels();
            if (ready.Count > 0)
            {
                Info(Strings.TuiModelAvailable);
                foreach (var row in TextWrapper.Wrap("  " + string.Join("  ", ready), terminal.Width, "  "))
                    terminal.WriteLine(row);
            }

            return;
        }

        // Stored by the runtime, so that `wright -c` resumes the session with the model it was switched to.
        var changed = Session.SetModel(argument);
        Info(string.Format(Inv, Strings.TuiModelSwitched, changed.Model));
    }

    private void SwitchMode(string argument)
    {
        if (argument.Length == 0)
        {
            Info(string.Format(Inv, Strings.TuiModeUsage, PermissionEngine.ModeName(Session.Mode)));
            return;
        }

        // The runtime switches the shell's sandbox with the mode (to and from yolo), so no restart is needed.
        var changed = Session.SetMode(argument);
        Info(string.Format(Inv, Strings.TuiModeSwitched, changed.Mode));
    }

    private void SetEffort(string argument)
    {
        if (argument.Length == 0)
        {
            Info(Strings.TuiEffortUsage);
            return;
        }

        Session.SetEffort(argument);
        Info(string.Format(Inv, Strings.TuiEffortSet, argument.ToLowerInvariant()));
    }

    private void Cost()
    {
        var record = Session.Store.Get(Session.Id);
        Info(string.Format(Inv, Strings.TuiCost, record?.InputTokens ?? 0, record?.OutputTokens ?? 0, SessionCostText()));
    }

    /// <summary>What fills the context: tokens by kind of content (with a bar), then the largest items.</summary>
    private void Context()
    {
        var usage = Session.MeasureContext();
        var window = Math.Max(1, Session.ContextWindow);
        Info(string.Format(Inv, Strings.TuiContext, usage.Total, Session.ContextWindow, usage.Total * 100 / window, Session.Messages.Count));
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
        var memories = Session.Store.Memories(Session.Workspace);
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
        foreach (var record in Session.Store.List(Session.Workspace, 10))
        {
            var title = record.Title.ReplaceLineEndings(" ");
            terminal.WriteLine(string.Format(Inv, "{0}  {1:yyyy-MM-dd HH:mm}  {2,3} turns  {3}", record.Id, record.Updated.ToLocalTime(), record.Turns,
                TurnRenderer.Truncate(title, Math.Max(10, terminal.Width - 50))));
        }
    }

    /// <summary>/rewind lists the checkpoints; /rewind N restores files and conversation there (the rewind operation).</summary>
    private async Task RewindAsync(string argument, CancellationToken cancellationToken)
    {
        var checkpoints = Session.Checkpoints();
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
        var rewound = await Session.RewindAsync(wanted, RewindScope.Both, cancellationToken);
        foreach (var change in rewound.Changes)
            terminal.WriteLine("  " + change);
        _renderer.LastContextTokens = TokenEstimator.UpperBound(Session.Messages);
        Info(string.Format(Inv, Strings.TuiRewound, wanted, rewound.UndoSnapshot));
    }
}
