using System.Globalization;
using System.Runtime.InteropServices;
using Wright.Cli.Hosting;
using Wright.Cli.Text;
using Wright.Core.Context;
using Wright.Core.Events;
using Wright.Extensibility.Commands;
using Wright.Permissions;
using Wright.Runtime;
using Wright.Runtime.Configuration;
using Wright.Sessions.Store;

namespace Wright.Cli.Interactive;

/// <summary>
/// The interactive session: an inline REPL (the terminal's scrollback is kept) over a runtime session. Reads a prompt,
/// runs it while rendering the events, answers approvals with its dialog, and turns slash commands into the session's
/// operations.
/// </summary>
internal sealed partial class InteractiveHost(HeadlessRequest request, Func<string, string?> environment, IKeySource keys,
    TerminalOutput terminal)
{
    private const string PromptMark = "› ";
    private readonly InputGate _gate = new();
    private readonly List<KeyInput> _typeAhead = [];
    private RuntimeSession? _session;
    private ArchitectEditor? _pair;
    private TurnRenderer _renderer = new(terminal);

    private RuntimeSession Session => _session ?? throw new InvalidOperationException("no session");

    /// <summary>Runs until the user exits; returns the exit code.</summary>
    public async Task<int> RunAsync(CancellationToken cancellationToken)
    {
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        using var sigterm = PosixSignalRegistration.Create(PosixSignal.SIGTERM, context =>
        {
            context.Cancel = true;
            stop.Cancel();
        });
        try
        {
            // Nothing names a model (no --model, no architect/editor pair, nothing configured): the first-run setup
            // chooses one (and its key) before the session starts.
            if (terminal.IsTerminal && request.Resume is null && !request.Continue && request.Architect is null && request.Editor is null
                && FirstRunSetup.IsNeeded(request.Model, request.Cwd ?? Directory.GetCurrentDirectory(), environment)
                && await new SetupScreen(keys, terminal, environment).RunAsync(stop.Token) is null)
            {
                terminal.WriteLine(terminal.Ansi.Yellow(Strings.SetupLeft));
                return ExitCodes.Usage;
            }

            await OpenAsync(request, stop.Token);
            var history = new InputHistory(Path.Combine(Session.Home, "history"));
            FileMentions? mentions = null;
            LineEditor? editor = null;
            var initial = request.InitialPrompt;
            while (!stop.IsCancellationRequested)
            {
                // @path completes against the session's workspace, which /resume can change.
                if (mentions?.Workspace != Session.Workspace)
                {
                    mentions = new FileMentions(Session.Workspace);
                    editor = new LineEditor(keys, terminal, history, mentions)
                    {
                        OnExpand = Expand,
                        Status = () => [terminal.Ansi.Dim(StatusLine())],
                        Commands = SlashCommands,
                    };
                }

                // On a terminal the status line is drawn under the prompt, in place; elsewhere it is a line of its own.
                if (!terminal.IsTerminal)
                    terminal.WriteLine(TurnRenderer.Truncate(StatusLine(), terminal.Width));
                List<KeyInput> typedAhead;
                lock (_typeAhead)
                {
                    typedAhead = [.. _typeAhead];
                    _typeAhead.Clear();
                }

                string? text;
                if (initial is not null)
                {
                    // wright "prompt": the first prompt is sent as if typed, and shown as such.
                    text = initial;
                    initial = null;
                    terminal.WriteLine(PromptMark + text);
                    lock (_typeAhead)
                        _typeAhead.InsertRange(0, typedAhead);
                }
                else
                {
                    text = await editor!.ReadAsync(PromptMark, stop.Token, typedAhead);
                }

                if (text is null)
                    break;
                if (string.IsNullOrWhiteSpace(text))
                    continue;
                text = text.Trim();
                if (text.StartsWith('!'))
                {
                    if (text.Length > 1)
                        await ShellAsync(text[1..].Trim(), stop.Token);
                    continue;
                }

                if (text.StartsWith('/') && SkillPrompt(text) is { } skillPrompt)
                {
                    text = skillPrompt;
                }
                else if (text.StartsWith('/') && !text.StartsWith("/mcp__", StringComparison.Ordinal) && Session.Commands.Find(CommandName(text)) is null)
                {
                    if (!await CommandAsync(text, stop.Token))
                        break;
                    continue;
                }

                ExpandedCommand? expanded;
                try
                {
                    if (!Session.Commands.TryExpand(text, out expanded))
                        expanded = null;
                }
                catch (ArgumentException ex)
                {
                    terminal.WriteLine(terminal.Ansi.Red(Strings.ErrorPrefix + ex.Message));
                    continue;
                }

                // Images go beside the prompt for a model that takes them (or may: unknown to the catalog); else a note says so.
                // In architect/editor mode that model is the architect's, which plans from them.
                var reader = _pair?.Architect ?? Session;
                var noImages = reader.Provider.ModelInfo?.TakesImages == false ? reader.Model : null;
                var (attached, notes) = mentions.Attach(expanded?.Prompt ?? text, noImages, expanded is null ? editor!.PastedImages : [], out var images);
                foreach (var note in notes)
                {
                    foreach (var row in TextWrapper.Wrap(note.Text, terminal.Width, "  "))
                        terminal.WriteLine(note.Refused ? terminal.Ansi.Yellow(row) : terminal.Ansi.Dim(row));
                }

                if (expanded is null)
                    await TurnAsync(attached, images, stop.Token);
                else
                    await CommandTurnAsync(expanded with { Prompt = attached }, stop.Token);
                terminal.WriteLine();
            }

            terminal.WriteLine(terminal.Ansi.Dim(string.Format(CultureInfo.InvariantCulture, Strings.TuiGoodbye, Session.Id)));
            return ExitCodes.Success;
        }
        catch (OperationCanceledException) when (stop.IsCancellationRequested)
        {
            return ExitCodes.Cancelled;
        }
        catch (Exception ex) when (ex is ConfigException or StoreException)
        {
            terminal.WriteLine(terminal.Ansi.Red(Strings.ErrorPrefix + ex.Message));
            return ExitCodes.Usage;
        }
        finally
        {
            await CloseAsync();
        }
    }

    /// <summary>Disposes the current session (both sessions in architect/editor mode).</summary>
    private async Task CloseAsync()
    {
        if (_pair is not null)
            await _pair.DisposeAsync();
        else if (_session is not null)
            await _session.DisposeAsync();
        _pair = null;
        _session = null;
    }

    /// <summary>Starts a session for <paramref name="wanted"/> (replacing the current one: new, resume) and greets.</summary>
    private async Task OpenAsync(HeadlessRequest wanted, CancellationToken cancellationToken)
    {
        var approval = new TuiApprovalPrompt(keys, terminal, _gate,
            request => DiffRenderer.IsEdit(request.Tool) ? DiffRenderer.Render(request.Tool, request.Arguments, terminal.Ansi) : [])
        {
            BeforeAsk = () => _renderer.Settle(),
        };
        var warnings = new StringWriter(CultureInfo.InvariantCulture);
        var host = new RuntimeHost
        {
            Environment = environment,
            Diagnostics = warnings,
            Approvals = approval,
            Elicitor = new TuiElicitationPrompt(keys, terminal, _gate) { BeforeAsk = () => _renderer.Settle() },
        };
        var sessionRequest = (wanted with { ConfirmHomeWorkspace = ConfirmHomeWorkspaceAsync }).ToSessionRequest(interactive: true);
        // Architect/editor mode: the editor's session is the session (commands, status line, approvals for edits); the
        // architect's plans each prompt first, in plan mode.
        ArchitectEditor? pair = null;
        if (wanted.Architect is not null || wanted.Editor is not null)
        {
            var (architect, editor) = HeadlessCommand.PairModels(wanted, environment);
            pair = await ArchitectEditor.StartAsync(sessionRequest, architect, editor, host, cancellationToken);
        }

        var next = pair?.Editor ?? await WrightRuntime.StartAsync(sessionRequest, host, cancellationToken);
        await CloseAsync();
        _session = next;
        _pair = pair;
        _renderer = new TurnRenderer(terminal);
        foreach (var line in warnings.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries))
            terminal.WriteLine(terminal.Ansi.Yellow(line));
        foreach (var row in TextWrapper.Wrap(string.Format(CultureInfo.InvariantCulture, Strings.TuiWelcome, Version(), next.Model, next.Workspace), terminal.Width))
            terminal.WriteLine(terminal.Ansi.Bold(row));
        if (pair is not null)
            terminal.WriteLine(terminal.Ansi.Dim(string.Format(CultureInfo.InvariantCulture, Strings.TuiArchitectEditor, pair.Architect.Model, pair.Editor.Model)));
        var messages = next.Messages.Count;
        if (messages > 1)
        {
            terminal.WriteLine(terminal.Ansi.Dim(string.Format(CultureInfo.InvariantCulture, Strings.TuiResumed, next.Id, messages)));
            Recap(next.Messages);
        }
    }

    /// <summary>Runs one prompt; Esc (or Ctrl-C) cancels it and returns to the prompt.</summary>
    private Task TurnAsync(string prompt, CancellationToken cancellationToken) => TurnAsync(prompt, [], cancellationToken);

    /// <summary>Runs one prompt with its attached images (in architect/editor mode, the architect gets them).</summary>
    private Task TurnAsync(string prompt, IReadOnlyList<Microsoft.Extensions.AI.AIContent> images, CancellationToken cancellationToken) =>
        RenderRunAsync(token => _pair is { } pair ? PairRunAsync(pair, prompt, images, token) : Session.RunAsync(prompt, images, token), cancellationToken);

    /// <summary>Architect/editor: each run of either session is announced with the model that answers it.</summary>
    private async IAsyncEnumerable<AgentEvent> PairRunAsync(ArchitectEditor pair, string prompt, IReadOnlyList<Microsoft.Extensions.AI.AIContent> images,
        [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var architect = true;
        var announce = true;
        await foreach (var item in pair.RunAsync(prompt, images, cancellationToken))
        {
            if (announce)
            {
                _renderer.Settle();
                terminal.WriteLine(terminal.Ansi.Dim(string.Format(CultureInfo.InvariantCulture,
                    architect ? Strings.TuiArchitectTurn : Strings.TuiEditorTurn, architect ? pair.Architect.Model : pair.Editor.Model)));
                announce = false;
            }

            yield return item;
            if (item is RunFinished)
            {
                architect = !architect;
                announce = true;
            }
        }
    }

    /// <summary>
    /// Runs a custom command's prompt with its front matter in force for that turn only (the runtime applies its model
    /// and allowed tools and undoes them when the turn ends).
    /// </summary>
    private async Task CommandTurnAsync(ExpandedCommand command, CancellationToken cancellationToken)
    {
        var previous = Session.Model;
        IAsyncEnumerable<AgentEvent> run;
        try
        {
            run = Session.RunCommandAsync(command, cancellationToken);
        }
        catch (ConfigException ex)
        {
            terminal.WriteLine(terminal.Ansi.Red(Strings.ErrorPrefix + ex.Message));
            return;
        }

        if (command.Model is not null && Session.Model != previous)
            terminal.WriteLine(terminal.Ansi.Dim(string.Format(CultureInfo.InvariantCulture, Strings.TuiCommandModel, command.Command.Name, Session.Model)));
        await RenderRunAsync(_ => run, cancellationToken);
    }

    /// <summary>Renders a run's events; Esc (or Ctrl-C) cancels it (the interrupt operation) and returns to the prompt.</summary>
    private async Task RenderRunAsync(Func<CancellationToken, IAsyncEnumerable<AgentEvent>> start, CancellationToken cancellationToken)
    {
        using var watching = new CancellationTokenSource();
        var interrupted = false;
        _renderer.BeginRun();
        var watcher = WatchForInterruptAsync(() =>
        {
            interrupted = true;
            Session.Cancel();
            _pair?.Architect.Cancel();
        }, watching.Token);
        var ticker = terminal.IsTerminal ? ShowProgressAsync(watching.Token) : Task.CompletedTask;
        var cancelled = false;
        try
        {
            await foreach (var item in start(cancellationToken))
            {
                _renderer.Handle(item);
                if (item is RunFinished { Status: RunStatus.Cancelled })
                    cancelled = true;
            }
        }
        catch (OperationCanceledException) when (interrupted && !cancellationToken.IsCancellationRequested)
        {
            cancelled = true;
        }
        finally
        {
            await watching.CancelAsync();
            await watcher;
            await ticker;
            terminal.ClearLive();
            _renderer.Settle();
        }

        if (cancelled && !cancellationToken.IsCancellationRequested)
        {
            terminal.WriteLine(terminal.Ansi.Yellow(Strings.TuiInterrupted));
            // After an interrupt, what was queued waits in the prompt to be looked at; it is not sent.
            lock (_typeAhead)
            {
                if (_typeAhead is [.., { IsPaste: false, Key.Key: ConsoleKey.Enter }])
                    _typeAhead.RemoveAt(_typeAhead.Count - 1);
            }
        }
    }

    /// <summary>
    /// Watches the keyboard while a turn runs (unless an approval dialog has it) for Esc or Ctrl-C; every other key is
    /// kept (type-ahead) and fills the next prompt.
    /// </summary>
    private async Task WatchForInterruptAsync(Action interrupt, CancellationToken stop)
    {
        try
        {
            while (!stop.IsCancellationRequested)
            {
                if (!_gate.Held && keys.TryRead(out var input))
                {
                    var key = input.Key;
                    if (!input.IsPaste && (key.Key == ConsoleKey.Escape || (key.Key == ConsoleKey.C && (key.Modifiers & ConsoleModifiers.Control) != 0)))
                    {
                        interrupt();
                        return;
                    }

                    lock (_typeAhead)
                        _typeAhead.Add(input);
                    continue;
                }

                await Task.Delay(25, stop);
            }
        }
        catch (OperationCanceledException)
        {
        }
    }

    /// <summary>model · mode · context % · cost · sandbox.</summary>
    internal string StatusLine()
    {
        var session = Session;
        // The same measure as /context, so the two figures agree.
        var percent = ContextPercent(session.MeasureContext().Total);
        return string.Format(CultureInfo.InvariantCulture, Strings.TuiStatus, session.Model, PermissionEngine.ModeName(session.Mode), percent, SessionCostText(),
            session.Sandboxed ? Strings.TuiSandboxOn : Strings.TuiSandboxOff);
    }

    /// <summary>
    /// The session's cost so far. Unknown when a request had no price; before any request, unknown only when the
    /// model has no price.
    /// </summary>
    private string SessionCostText()
    {
        var session = Session;
        var unpriced = session.PriorCostUnknown || _renderer.CostUnknown
            || (session.PriorCostUsd + _renderer.CostUsd == 0 && session.Provider.ModelInfo is not { IsPriced: true });
        return CostText.Format(session.PriorCostUsd + _renderer.CostUsd, unpriced, Strings.TuiCostUnknown);
    }

    private static string CommandName(string text)
    {
        var end = text.IndexOf(' ', StringComparison.Ordinal);
        return (end < 0 ? text[1..] : text[1..end]).Trim();
    }

    private static string Version() => Distribution.BuildInfo.Version;
}
