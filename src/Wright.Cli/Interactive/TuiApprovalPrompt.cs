using System.Globalization;
using Wright.Cli.Text;
using Wright.Core.Approvals;

namespace Wright.Cli.Interactive;

/// <summary>
/// The terminal's answer to approval requests: shows the tool, the parsed action, the diff of exactly the call being
/// approved (drawn from the request's own arguments, never looked up by tool name) and why it asks, then takes y (yes),
/// a (yes, and allow this pattern for the session — offered only when the request may be remembered) or n (no, with
/// optional feedback for the model). Esc and Ctrl-C answer no.
/// </summary>
internal sealed class TuiApprovalPrompt(IKeySource keys, TerminalOutput terminal, InputGate gate, Func<ApprovalRequest, IReadOnlyList<string>>? details = null)
    : IApprovalPrompt
{
    /// <summary>Called before the dialog is drawn (the renderer ends a half-written line).</summary>
    public Action? BeforeAsk { get; set; }

    public async ValueTask<ApprovalAnswer> AskAsync(ApprovalRequest request, CancellationToken cancellationToken)
    {
        using var held = await gate.EnterAsync(cancellationToken);
        BeforeAsk?.Invoke();
        var ansi = terminal.Ansi;
        terminal.WriteLine(ansi.Yellow("? ") + ansi.Bold(string.Format(CultureInfo.InvariantCulture, Strings.TuiApprovalTitle, request.Tool)));
        var extra = details?.Invoke(request) ?? [];
        foreach (var line in request.Action.ReplaceLineEndings("\n").Split('\n'))
        {
            foreach (var row in TextWrapper.Wrap("  " + line, terminal.Width, "  "))
                terminal.WriteLine(row);
        }

        foreach (var row in extra)
            terminal.WriteLine("  " + row);
        if (request.Reason.Length > 0)
        {
            foreach (var row in TextWrapper.Wrap("  " + string.Format(CultureInfo.InvariantCulture, Strings.TuiApprovalWhy, request.Reason), terminal.Width, "  "))
                terminal.WriteLine(ansi.Dim(row));
        }

        var remember = request.CanRemember;
        terminal.Write(ansi.Bold(remember
            ? string.Format(CultureInfo.InvariantCulture, Strings.TuiApprovalChoicesRemember, request.SuggestedRule)
            : Strings.TuiApprovalChoices) + " ");
        while (true)
        {
            var key = (await keys.ReadAsync(cancellationToken)).Key;
            var control = (key.Modifiers & ConsoleModifiers.Control) != 0;
            switch (char.ToLowerInvariant(key.KeyChar))
            {
                case 'y' when !control:
                    terminal.WriteLine(ansi.Green(Strings.TuiApproved));
                    return ApprovalAnswer.Once;
                case 'a' when remember && !control:
                    terminal.WriteLine(ansi.Green(string.Format(CultureInfo.InvariantCulture, Strings.TuiApprovedRemember, request.SuggestedRule)));
                    return new ApprovalAnswer(true, Remember: true);
                case 'n' when !control:
                    terminal.WriteLine(ansi.Red(Strings.TuiDeclined));
                    var feedback = await ReadFeedbackAsync(cancellationToken);
                    return ApprovalAnswer.No(string.IsNullOrWhiteSpace(feedback) ? null : feedback.Trim());
            }

            if (key.Key == ConsoleKey.Escape || (control && key.Key == ConsoleKey.C))
            {
                terminal.WriteLine(ansi.Red(Strings.TuiDeclined));
                return ApprovalAnswer.No();
            }
        }
    }

    private async Task<string?> ReadFeedbackAsync(CancellationToken cancellationToken)
    {
        var editor = new LineEditor(keys, terminal, new InputHistory(null));
        return await editor.ReadAsync(Strings.TuiApprovalFeedback, cancellationToken);
    }
}
