using System.Globalization;
using System.Text.Json;
using ModelContextProtocol.Protocol;
using Wright.Cli.Text;
using Wright.Mcp.Elicitation;

namespace Wright.Cli.Interactive;

/// <summary>
/// Shows an MCP server's elicitation request as a form at the terminal: the server's message, then one line per field
/// (text, number, yes/no, a numbered choice or several) with its default in brackets; a wrong answer is explained and
/// asked again. Then the person sends (y), declines (n) or cancels (Esc, or Ctrl-D in a field). Everything the server
/// wrote is shown as its text, never interpreted.
/// </summary>
internal sealed class TuiElicitationPrompt(IKeySource keys, TerminalOutput terminal, InputGate gate) : IMcpElicitor
{
    /// <summary>Called before the form is drawn (the renderer ends a half-written line).</summary>
    public Action? BeforeAsk { get; set; }

    public async ValueTask<ElicitResult> ElicitAsync(string server, ElicitRequestParams request, CancellationToken cancellationToken)
    {
        using var held = await gate.EnterAsync(cancellationToken);
        BeforeAsk?.Invoke();
        var ansi = terminal.Ansi;
        if (request.Mode != "form")
        {
            terminal.WriteLine(ansi.Yellow(string.Format(CultureInfo.InvariantCulture, Strings.TuiElicitUrlDeclined, server)));
            return new ElicitResult { Action = "decline" };
        }

        var form = ElicitationForm.From(request);
        terminal.WriteLine(ansi.Yellow("? ") + ansi.Bold(string.Format(CultureInfo.InvariantCulture, Strings.TuiElicitTitle, server)));
        foreach (var line in Clean(form.Message).Split('\n'))
        {
            foreach (var row in TextWrapper.Wrap("  " + line, terminal.Width, "  "))
                terminal.WriteLine(row);
        }

        var values = new Dictionary<string, JsonElement>(StringComparer.Ordinal);
        foreach (var field in form.Fields)
        {
            var hint = Hint(field);
            terminal.WriteLine("  " + ansi.Bold(Clean(field.Label)) + (field.Required ? ansi.Red(" *") : "") + (hint.Length > 0 ? ansi.Dim(" " + hint) : ""));
            if (field.Description is { Length: > 0 } description)
            {
                foreach (var row in TextWrapper.Wrap("    " + Clean(description), terminal.Width, "    "))
                    terminal.WriteLine(ansi.Dim(row));
            }

            while (true)
            {
                var editor = new LineEditor(keys, terminal, new InputHistory(null));
                var typed = await editor.ReadAsync("  › ", cancellationToken);
                if (typed is null)
                {
                    terminal.WriteLine(ansi.Red(Strings.TuiElicitCancelled));
                    return new ElicitResult { Action = "cancel" };
                }

                if (field.TryParse(typed, out var value, out var error))
                {
                    if (value is { } v)
                        values[field.Name] = v;
                    break;
                }

                terminal.WriteLine(ansi.Red("    " + error));
            }
        }

        terminal.Write(ansi.Bold(Strings.TuiElicitChoices) + " ");
        while (true)
        {
            var key = (await keys.ReadAsync(cancellationToken)).Key;
            var control = (key.Modifiers & ConsoleModifiers.Control) != 0;
            switch (char.ToLowerInvariant(key.KeyChar))
            {
                case 'y' when !control:
                    terminal.WriteLine(ansi.Green(Strings.TuiElicitSent));
                    return ElicitationForm.Accept(values);
                case 'n' when !control:
                    terminal.WriteLine(ansi.Red(Strings.TuiElicitDeclined));
                    return new ElicitResult { Action = "decline" };
            }

            if (key.Key == ConsoleKey.Escape || (control && key.Key == ConsoleKey.C))
            {
                terminal.WriteLine(ansi.Red(Strings.TuiElicitCancelled));
                return new ElicitResult { Action = "cancel" };
            }
        }
    }

    private static string Hint(ElicitationField field)
    {
        var parts = new List<string>();
        switch (field.Kind)
        {
            case ElicitationFieldKind.Boolean:
                parts.Add("y/n");
                break;
            case ElicitationFieldKind.Choice:
                parts.Add(Clean(field.Choices()));
                break;
            case ElicitationFieldKind.MultiChoice:
                parts.Add(Clean(field.Choices()) + ", " + Strings.TuiElicitSeveral);
                break;
            case ElicitationFieldKind.Number or ElicitationFieldKind.Integer:
                parts.Add(field.Kind == ElicitationFieldKind.Integer ? Strings.TuiElicitInteger : Strings.TuiElicitNumber);
                break;
        }

        if (field.Default is { } d)
            parts.Add(string.Format(CultureInfo.InvariantCulture, Strings.TuiElicitDefault, Clean(d)));
        return parts.Count == 0 ? "" : "(" + string.Join("; ", parts) + ")";
    }

    /// <summary>Server text without control characters (no escape sequences reach the terminal).</summary>
    private static string Clean(string text) =>
        new([.. text.ReplaceLineEndings("\n").Where(c => c == '\n' || !char.IsControl(c))]);
}
