using System.Globalization;
using System.Runtime.InteropServices;
using Wright.Cli.Configuration;
using Wright.Cli.Hosting;
using Wright.Cli.Text;
using Wright.Core.Context;
using Wright.Core.Events;
using Wright.Extensibility.Commands;
using Wright.Permissions;
using Wright.Permissions.Rules;
using Wright.Sessions.Store;

namespace Wright.Cli.Interactive;

/// <summary>
/// The interactive session: an inline REPL (the terminal's scrollback is kept). Reads a prompt, runs it while
/// rendering the events, asks for approvals, and handles slash commands.
/// </summary>
internal sealed partial class InteractiveHost(HeadlessRequest request, Func<string, string?> environment, IKeySource keys,
    TerminalOutput terminal)
{
    private const string PromptMark = "› ";
    private readonly InputGate _gate = new();
    private readonly List<KeyInput> _typeAhead = [];
    private ComposedSession? _composed;
    private TurnRenderer _renderer = new(terminal);
    private TuiApprovalPrompt? _approval;
    private PermissionMode _mode;
    private decimal _priorCost;
    private bool _priorUnpriced;

    private ComposedSession Composed => _composed ?? throw new InvalidOperationException("no session");

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
            await OpenAsync(request, stop.Token);
            var history = new InputHistory(Path.Combine(Composed.Home, "history"));
            FileMentions? mentions = null;
            LineEditor? editor = null;
            while (!stop.IsCancellationRequested)
            {
                // @path completes against the session's workspace, which /resume can change.
                if (mentions?.Workspace != Composed.Workspace)
                {
                    mentions = new FileMentions(Composed.Workspace);
                    editor = new LineEditor(keys, terminal, history, mentions) { OnExpand = Expand };
                }

                terminal.WriteLine(terminal.Ansi.Dim(TurnRenderer.Truncate(StatusLine(), terminal.Width)));
                List<KeyInput> typedAhead = [.. _typeAhead];
                _typeAhead.Clear();
                var text = await editor!.ReadAsync(PromptMark, stop.Token, typedAhead);
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

                if (text.StartsWith('/') && !text.StartsWith("/mcp__", StringComparison.Ordinal) && Composed.Commands.Find(CommandName(text)) is null)
                {
                    if (!await CommandAsync(text, stop.Token))
                        break;
                    continue;
                }

                ExpandedCommand? expanded;
                try
                {
                    if (!Composed.Commands.TryExpand(text, out expanded))
                        expanded = null;
                }
                catch (ArgumentException ex)
                {
                    terminal.WriteLine(terminal.Ansi.Red(Strings.ErrorPrefix + ex.Message));
                    continue;
                }

                var (attached, notes) = mentions.Attach(expanded?.Prompt ?? text);
                foreach (var note in notes)
                {
                    foreach (var row in TextWrapper.Wrap(note.Text, terminal.Width, "  "))
                        terminal.WriteLine(note.Refused ? terminal.Ansi.Yellow(row) : terminal.Ansi.Dim(row));
                }

                if (expanded is null)
                    await TurnAsync(attached, stop.Token);
                else
                    await CommandTurnAsync(expanded with { Prompt = attached }, stop.Token);
                terminal.WriteLine();
            }

            terminal.WriteLine(terminal.Ansi.Dim(string.Format(CultureInfo.InvariantCulture, Strings.TuiGoodbye, Composed.Session.Id)));
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
            if (_composed is not null)
                await _composed.DisposeAsync();
        }
    }

    /// <summary>Composes a session for <paramref name="wanted"/> (replacing the current one) and greets.</summary>
    private async Task OpenAsync(HeadlessRequest wanted, CancellationToken cancellationToken)
    {
        _approval = new TuiApprovalPrompt(keys, terminal, _gate, tool => _renderer.DetailsFor(tool)) { BeforeAsk = () => _renderer.Settle() };
        var warnings = new StringWriter(CultureInfo.InvariantCulture);
        var next = await SessionComposer.ComposeAsync(wanted with { ConfirmHomeWorkspace = ConfirmHomeWorkspaceAsync }, environment, readPrompt: null, _approval, interactive: true, warnings, cancellationToken);
        if (_composed is not null)
            await _composed.DisposeAsync();
        _composed = next;
        _renderer = new TurnRenderer(terminal);
        next.Mcp.Elicitor = new TuiElicitationPrompt(keys, terminal, _gate) { BeforeAsk = () => _renderer.Settle() };
        _mode = next.Mode;
        var stored = next.Store.Get(next.Session.Id);
        _priorCost = stored?.CostUsd ?? 0;
        _priorUnpriced = stored?.UnpricedRequests > 0;
        foreach (var line in warnings.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries))
            terminal.WriteLine(terminal.Ansi.Yellow(line));
        foreach (var row in TextWrapper.Wrap(string.Format(CultureInfo.InvariantCulture, Strings.TuiWelcome, Version(), next.Provider.Spec, next.Workspace), terminal.Width))
            terminal.WriteLine(terminal.Ansi.Bold(row));
        var messages = next.Session.Messages.Count;
        if (messages > 1)
        {
            terminal.WriteLine(terminal.Ansi.Dim(string.Format(CultureInfo.InvariantCulture, Strings.TuiResumed, next.Session.Id, messages)));
            _renderer.LastContextTokens = TokenEstimator.UpperBound(next.Session.Messages);
        }
    }

    /// <summary>Runs one prompt; Esc (or Ctrl-C) cancels it and returns to the prompt.</summary>
    private async Task TurnAsync(string prompt, CancellationToken cancellationToken)
    {
        using var turn = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        using var watching = new CancellationTokenSource();
        var watcher = WatchForInterruptAsync(turn, watching.Token);
        var cancelled = false;
        try
        {
            await foreach (var item in Composed.Session.RunAsync(prompt, turn.Token))
            {
                _renderer.Handle(item);
                if (item is RunFinished { Status: RunStatus.Cancelled })
                    cancelled = true;
            }
        }
        catch (OperationCanceledException) when (turn.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
        {
            cancelled = true;
        }
        finally
        {
            await watching.CancelAsync();
            await watcher;
            _renderer.Settle();
        }

        if (cancelled && !cancellationToken.IsCancellationRequested)
            terminal.WriteLine(terminal.Ansi.Yellow(Strings.TuiInterrupted));
    }

    /// <summary>
    /// Runs a custom command's prompt with its front matter in force for that turn only: its <c>model</c> answers and
    /// its <c>allowed-tools</c> (of a trusted command) are allowed without asking; both are undone when the turn ends.
    /// </summary>
    private async Task CommandTurnAsync(ExpandedCommand command, CancellationToken cancellationToken)
    {
        var granted = new List<PermissionRule>();
        foreach (var text in command.AllowRules)
        {
            if (PermissionRule.Parse(RuleEffect.Allow, text, "/" + command.Command.Name, out var error) is not { } rule)
            {
                terminal.WriteLine(terminal.Ansi.Red(Strings.ErrorPrefix + $"/{command.Command.Name}: {error}"));
                return;
            }

            granted.Add(rule);
        }

        var previous = Composed.Provider;
        if (command.Model is { } model)
        {
            try
            {
                UseModel(SessionComposer.ResolveModel(model, environment, Composed.Config));
            }
            catch (ConfigException ex)
            {
                terminal.WriteLine(terminal.Ansi.Red(Strings.ErrorPrefix + $"/{command.Command.Name}: {ex.Message}"));
                return;
            }

            terminal.WriteLine(terminal.Ansi.Dim(string.Format(CultureInfo.InvariantCulture, Strings.TuiCommandModel, command.Command.Name, Composed.Provider.Spec)));
        }

        foreach (var rule in granted)
            Composed.Rules.Add(rule);
        try
        {
            await TurnAsync(command.Prompt, cancellationToken);
        }
        finally
        {
            foreach (var rule in granted)
                Composed.Rules.Remove(rule);
            if (!ReferenceEquals(previous, Composed.Provider))
                UseModel(previous);
        }
    }

    /// <summary>
    /// Watches the keyboard while a turn runs (unless an approval dialog has it) for Esc or Ctrl-C; every other key is
    /// kept (type-ahead) and fills the next prompt.
    /// </summary>
    private async Task WatchForInterruptAsync(CancellationTokenSource turn, CancellationToken stop)
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
                        await turn.CancelAsync();
                        return;
                    }

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
        var composed = Composed;
        var tokens = _renderer.LastContextTokens > 0 ? _renderer.LastContextTokens : TokenEstimator.UpperBound(composed.Session.Messages);
        var percent = composed.ContextWindow > 0 ? (int)Math.Min(100, tokens * 100 / composed.ContextWindow) : 0;
        return string.Format(CultureInfo.InvariantCulture, Strings.TuiStatus, composed.Provider.Spec, PermissionEngine.ModeName(_mode), percent, SessionCostText(),
            composed.Sandboxed && _mode != PermissionMode.Yolo ? Strings.TuiSandboxOn : Strings.TuiSandboxOff);
    }

    /// <summary>
    /// The session's cost so far. Unknown when a request had no price; before any request, unknown only when the
    /// model has no price.
    /// </summary>
    private string SessionCostText()
    {
        var unpriced = _priorUnpriced || _renderer.CostUnknown
            || (_priorCost + _renderer.CostUsd == 0 && Composed.Provider.ModelInfo is not { IsPriced: true });
        return CostText.Format(_priorCost + _renderer.CostUsd, unpriced, Strings.TuiCostUnknown);
    }

    private static string CommandName(string text)
    {
        var end = text.IndexOf(' ', StringComparison.Ordinal);
        return (end < 0 ? text[1..] : text[1..end]).Trim();
    }

    private static string Version() =>
        typeof(InteractiveHost).Assembly.GetCustomAttributes(typeof(System.Reflection.AssemblyInformationalVersionAttribute), false)
            .OfType<System.Reflection.AssemblyInformationalVersionAttribute>().FirstOrDefault()?.InformationalVersion ?? "0.0.0";
}
