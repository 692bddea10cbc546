using System.Globalization;
using System.Text;
using Wright.Cli.Text;
using Wright.Runtime.Configuration;

namespace Wright.Cli.Interactive;

/// <summary>
/// The first run's setup in the terminal, when nothing names a model: pick a provider (local servers that answer come
/// first), give its key (stored by the runtime in <c>$WRIGHT_HOME</c> with mode 0600, or the name of a variable that
/// holds it), pick a model. The runtime checks and saves every choice; this class only draws and reads keys.
/// </summary>
internal sealed class SetupScreen(IKeySource keys, TerminalOutput terminal, Func<string, string?> environment)
{
    private static readonly CultureInfo Inv = CultureInfo.InvariantCulture;

    /// <summary>The model chosen (now in the user's config), or null when the person left the setup.</summary>
    public async Task<string?> RunAsync(CancellationToken cancellationToken)
    {
        var ansi = terminal.Ansi;
        foreach (var row in TextWrapper.Wrap(Strings.SetupWelcome, terminal.Width))
            terminal.WriteLine(ansi.Bold(row));
        var providers = await FirstRunSetup.ProvidersAsync(environment, cancellationToken);
        var byId = providers.ToDictionary(p => p.Id, StringComparer.Ordinal);
        var picker = new Picker(keys, terminal);
        var id = await picker.PickAsync(Strings.SetupPickProvider, [.. providers.Select(p => p.Id)], null, cancellationToken, id => Describe(byId[id]));
        if (id is null)
            return null;
        var provider = byId[id];
        if (!provider.IsLocal && !provider.HasKey && !await AskKeyAsync(provider, cancellationToken))
            return null;

        string? model;
        if (provider.Models.Count > 0)
        {
            model = await picker.PickAsync(string.Format(Inv, Strings.SetupPickModel, id), provider.Models, null, cancellationToken,
                name => InteractiveHost.ModelNote(id + "/" + name));
        }
        else
        {
            foreach (var row in TextWrapper.Wrap(string.Format(Inv, Strings.SetupTypeModel, id), terminal.Width))
                terminal.WriteLine(ansi.Bold(row));
            model = await ReadLineAsync(masked: false, cancellationToken);
        }

        if (string.IsNullOrWhiteSpace(model))
            return null;
        var spec = id + "/" + model.Trim();
        var file = FirstRunSetup.SaveModel(environment, spec);
        foreach (var row in TextWrapper.Wrap(string.Format(Inv, Strings.SetupDone, spec, file), terminal.Width))
            terminal.WriteLine(ansi.Green(row));
        terminal.WriteLine();
        return spec;
    }

    private static string Describe(SetupProvider provider) =>
        provider.IsLocal ? string.Format(Inv, Strings.SetupLocalFound, provider.Models.Count)
        : provider.HasKey ? string.Format(Inv, Strings.SetupKeySet, provider.KeyVariable)
        : string.Format(Inv, Strings.SetupNeedsKey, provider.KeyVariable);

    /// <summary>Asks for the key (masked) or <c>$NAME</c>; the runtime stores it or points the provider at the variable.</summary>
    private async Task<bool> AskKeyAsync(SetupProvider provider, CancellationToken cancellationToken)
    {
        var ansi = terminal.Ansi;
        var home = Wright.Runtime.WrightRuntime.Home(environment);
        foreach (var row in TextWrapper.Wrap(string.Format(Inv, Strings.SetupKeyPrompt, provider.Id, StoredKeys.PathOf(home), provider.KeyVariable), terminal.Width))
            terminal.WriteLine(ansi.Bold(row));
        while (true)
        {
            var answer = await ReadLineAsync(masked: true, cancellationToken);
            if (answer is null)
                return false;
            answer = answer.Trim();
            if (answer.Length == 0)
                continue;
            try
            {
                if (answer.StartsWith('$'))
                {
                    var variable = answer[1..];
                    var file = FirstRunSetup.UseKeyVariable(environment, provider.Id, variable);
                    terminal.WriteLine(ansi.Dim(string.Format(Inv, Strings.SetupVariableUsed, provider.Id, variable, file)));
                    if (string.IsNullOrWhiteSpace(environment(variable)))
                        terminal.WriteLine(ansi.Yellow(string.Format(Inv, Strings.SetupVariableUnset, variable)));
                }
                else
                {
                    var file = FirstRunSetup.StoreKey(environment, provider.Id, answer);
                    terminal.WriteLine(ansi.Dim(string.Format(Inv, Strings.SetupKeyStored, file)));
                }

                return true;
            }
            catch (ConfigException ex)
            {
                terminal.WriteLine(ansi.Red(Strings.ErrorPrefix + ex.Message));
            }
        }
    }

    /// <summary>
    /// Reads one line under the question: Enter ends it, Esc or Ctrl-C or Ctrl-D leave (null). Masked, a key shows as
    /// dots, and a variable name (<c>$NAME</c>) as typed.
    /// </summary>
    private async Task<string?> ReadLineAsync(bool masked, CancellationToken cancellationToken)
    {
        var text = new StringBuilder();
        void Draw()
        {
            var value = text.ToString();
            var shown = masked && !value.StartsWith('$') ? new string('•', Math.Min(value.Length, Math.Max(1, terminal.Width - 6))) : value;
            if (terminal.IsTerminal)
                terminal.Write("\r\x1b[2K" + terminal.Ansi.Bold("› ") + TurnRenderer.TruncateStart(shown, terminal.Width - 3));
        }

        if (terminal.IsTerminal)
            terminal.Write(BracketedPaste.Enable);
        try
        {
            Draw();
            while (true)
            {
                KeyInput input;
                try
                {
                    input = await keys.ReadAsync(cancellationToken);
                }
                catch (System.Threading.Channels.ChannelClosedException)
                {
                    terminal.WriteLine();
                    return null;
                }

                if (input.Paste is { } pasted)
                {
                    text.Append(pasted.ReplaceLineEndings("").Trim());
                    Draw();
                    continue;
                }

                var key = input.Key;
                var control = (key.Modifiers & ConsoleModifiers.Control) != 0;
                switch (key.Key)
                {
                    case ConsoleKey.Enter:
                        terminal.WriteLine();
                        return text.ToString();
                    case ConsoleKey.Escape:
                    case ConsoleKey.C when control:
                    case ConsoleKey.D when control:
                        terminal.WriteLine();
                        return null;
                    case ConsoleKey.Backspace when text.Length > 0:
                        text.Length--;
                        break;
                    case ConsoleKey.U when control:
                        text.Clear();
                        break;
                    default:
                        if (key.KeyChar >= ' ' && !control)
                            text.Append(key.KeyChar);
                        break;
                }

                Draw();
            }
        }
        finally
        {
            if (terminal.IsTerminal)
                terminal.Write(BracketedPaste.Disable);
        }
    }
}
