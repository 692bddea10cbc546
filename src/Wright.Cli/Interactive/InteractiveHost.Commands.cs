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
                    await SwitchModelAsync(argument, cancellationToken);
                    break;
                case "mode":
                    SwitchMode(argument);
                    break;
                case "effort":
                    SetEffort(argument);
                    break;
                case "compact":
                    Info(TurnRenderer.Describe(await Session.CompactAsync(cancellationToken)));
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

    /// <summary>Ctrl-O at the prompt: the last turn in full (the prompt and its status line are drawn again under it).</summary>
    private void Expand()
    {
        _renderer.Expand();
        if (!terminal.IsTerminal)
            terminal.WriteLine(TurnRenderer.Truncate(StatusLine(), terminal.Width));
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

    /// <summary>/model spec switches; /model alone opens a picker over the models whose provider has a key here.</summary>
    private async Task SwitchModelAsync(string argument, CancellationToken cancellationToken)
    {
        if (argument.Length == 0)
        {
            var ready = Session.ReadyModels();
            if (ready.Count == 0 || !terminal.IsTerminal)
            {
                Info(string.Format(Inv, Strings.TuiModelUsage, Session.Model));
                Info(ready.Count == 0 ? Strings.TuiModelNoneReady : Strings.TuiModelAvailable);
                if (ready.Count > 0)
                {
                    foreach (var row in TextWrapper.Wrap("  " + string.Join("  ", ready), terminal.Width, "  "))
                        terminal.WriteLine(row);
                }

                return;
            }

            var items = ready.Contains(Session.Model) ? ready : [Session.Model, .. ready];
            var chosen = await new Picker(keys, terminal).PickAsync(string.Format(Inv, Strings.TuiModelPickerTitle, Session.Model), items, Session.Model,
                cancellationToken, ModelNote);
            if (chosen is null || chosen == Session.Model)
                return;
            argument = chosen;
        }

        // Stored by the runtime, so that `wright -c` resumes the session with the model it was switched to.
        var changed = Session.SetModel(argument);
        Info(string.Format(Inv, Strings.TuiModelSwitched, changed.Model));
    }

    /// <summary>A model's window and prices, as the picker shows them beside its name.</summary>
    internal static string ModelNote(string spec)
    {
        if (!Wright.Providers.ModelSpec.TryParse(spec, out var parsed, out _) || Wright.Providers.Catalog.ModelCatalog.Find(parsed.Provider, parsed.Model) is not { } info)
            return "";
        var window = info.ContextWindow >= 1_000_000 ? $"{info.ContextWindow / 1_000_000.0:0.#}M" : $"{info.ContextWindow / 1000}k";
        return info.InputPrice is { } input && info.OutputPrice is { } output ? string.Format(Inv, "{0} · ${1:0.##}/${2:0.##}", window, input, output) : window;
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
        Info(string.Format(Inv, Strings.TuiContext, usage.Total, Session.ContextWindow, ContextPercent(usage.Total), Session.Messages.Count));
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

    /// <summary>
    /// /rewind lists the checkpoints numbered by the user's prompts (1, 2, 3…: the first checkpoint of each prompt that
    /// changed something); /rewind N asks, then restores files and conversation to before prompt N (the rewind operation).
    /// </summary>
    private async Task RewindAsync(string argument, CancellationToken cancellationToken)
    {
        var points = RewindPoints(Session.Checkpoints());
        if (argument.Length == 0)
        {
            if (points.Count == 0)
            {
                Info(Strings.TuiRewindNone);
                return;
            }

            Info(Strings.TuiRewindHeader);
            for (var i = 0; i < points.Count; i++)
            {
                var prompt = points[i].Prompt.ReplaceLineEndings(" ");
                terminal.WriteLine(string.Format(Inv, "{0,5}  {1:HH:mm:ss}  {2}", i + 1, points[i].Time.ToLocalTime(), TurnRenderer.Truncate(prompt, Math.Max(10, terminal.Width - 20))));
            }

            Info(Strings.TuiRewindHint);
            return;
        }

        if (!int.TryParse(argument, NumberStyles.Integer, Inv, out var wanted))
            throw new ConfigException(Strings.TuiRewindHint);
        if (wanted < 1 || wanted > points.Count)
        {
            Info(string.Format(Inv, Strings.TuiRewindUnknown, wanted));
            return;
        }

        var point = points[wanted - 1];
        var ansi = terminal.Ansi;
        terminal.Write(ansi.Yellow(string.Format(Inv, Strings.TuiRewindQuestion, wanted, TurnRenderer.Truncate(point.Prompt.ReplaceLineEndings(" "), 40))));
        var key = (await keys.ReadAsync(cancellationToken)).Key;
        var yes = char.ToLowerInvariant(key.KeyChar) == 'y' && (key.Modifiers & ConsoleModifiers.Control) == 0;
        terminal.WriteLine(yes ? ansi.Green(Strings.TuiApproved) : ansi.Red(Strings.TuiDeclined));
        if (!yes)
        {
            Info(Strings.TuiRewindKept);
            return;
        }

        var rewound = await Session.RewindAsync(point.Turn, RewindScope.Both, cancellationToken);
        foreach (var change in rewound.Changes)
            terminal.WriteLine("  " + change);
        Info(string.Format(Inv, Strings.TuiRewoundPrompt, wanted, rewound.UndoSnapshot));
    }

    /// <summary>The first checkpoint of each prompt, in order: a prompt whose requests took several has one point, before its first change.</summary>
    internal static List<CheckpointRecord> RewindPoints(IReadOnlyList<CheckpointRecord> checkpoints)
    {
        var points = new List<CheckpointRecord>();
        foreach (var checkpoint in checkpoints)
        {
            // Checkpoints of one prompt share the transcript up to it; a new prompt starts a new point.
            if (points.Count > 0 && points[^1].Prompt == checkpoint.Prompt && points[^1].Generation == checkpoint.Generation
                && SamePrompt(points[^1], checkpoint))
                continue;
            points.Add(checkpoint);
        }

        return points;
    }

    /// <summary>Two checkpoints of one prompt: no user prompt came between them (their prompt text is the same and nothing was rewound).</summary>
    private static bool SamePrompt(CheckpointRecord earlier, CheckpointRecord later) => later.Messages >= earlier.Messages;
}
