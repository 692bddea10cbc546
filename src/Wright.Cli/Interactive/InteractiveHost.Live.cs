using System.Globalization;
using System.Text;
using Microsoft.Extensions.AI;
using Wright.Cli.Text;

namespace Wright.Cli.Interactive;

/// <summary>The live progress of a turn, what was typed meanwhile, the slash menu's entries and the resumed conversation's recap.</summary>
internal sealed partial class InteractiveHost
{
    /// <summary>How often the progress line is redrawn: often enough for a spinner, rarely enough to cost nothing.</summary>
    private static readonly TimeSpan ProgressInterval = TimeSpan.FromMilliseconds(120);

    /// <summary>Prompts the recap of a resumed session shows.</summary>
    private const int RecapPrompts = 3;

    private readonly TimeProvider _time = TimeProvider.System;

    /// <summary>Redraws the progress line (and the type-ahead under it) in place until <paramref name="stop"/>; hidden while a dialog asks.</summary>
    private async Task ShowProgressAsync(CancellationToken stop)
    {
        var frame = 0;
        try
        {
            while (!stop.IsCancellationRequested)
            {
                if (_gate.Held)
                {
                    terminal.ClearLive();
                }
                else
                {
                    var (typed, queued) = TypeAheadText();
                    var rows = _renderer.ProgressRows(frame++, typed, queued);
                    lock (terminal.Lock)
                    {
                        // A dialog that took the keyboard since: it draws now, the progress waits.
                        if (!_gate.Held)
                            terminal.SetLive(rows);
                    }
                }

                await Task.Delay(ProgressInterval, _time, stop);
            }
        }
        catch (OperationCanceledException)
        {
        }
    }

    /// <summary>What was typed during the turn as text, and whether it ends with Enter (it is then sent when the turn ends).</summary>
    private (string Text, bool Queued) TypeAheadText()
    {
        List<KeyInput> keys;
        lock (_typeAhead)
            keys = [.. _typeAhead];
        var text = new StringBuilder();
        for (var i = 0; i < keys.Count; i++)
        {
            var input = keys[i];
            if (input.Paste is { } pasted)
            {
                text.Append(pasted);
                continue;
            }

            var key = input.Key;
            if (key.Key == ConsoleKey.Enter)
            {
                if (i < keys.Count - 1)
                    text.Append('\n');
            }
            else if (key.Key == ConsoleKey.Backspace && text.Length > 0)
            {
                text.Length -= char.IsLowSurrogate(text[^1]) && text.Length > 1 ? 2 : 1;
            }
            else if (key.KeyChar >= ' ' && (key.Modifiers & ConsoleModifiers.Control) == 0)
            {
                text.Append(key.KeyChar);
            }
        }

        var queued = keys is [.., { IsPaste: false, Key.Key: ConsoleKey.Enter }] && text.ToString().Trim().Length > 0;
        return (text.ToString(), queued);
    }

    /// <summary>The slash menu: built-in commands, then custom commands, then skills.</summary>
    private IReadOnlyList<SlashCommand> SlashCommands()
    {
        string[] builtIn = ["help", "model", "mode", "effort", "compact", "cost", "context", "todos", "expand", "rewind", "init", "memory", "sessions", "resume", "clear", "quit"];
        var list = builtIn.Select(name => new SlashCommand(name, Strings.SlashDescription(name))).ToList();
        var session = Session;
        foreach (var command in session.Commands.Commands.OrderBy(c => c.Name, StringComparer.Ordinal))
        {
            if (list.All(c => c.Name != command.Name))
                list.Add(new SlashCommand(command.Name, command.Description));
        }

        foreach (var skill in session.Skills.OrderBy(s => s.Name, StringComparer.Ordinal))
        {
            if (list.All(c => c.Name != skill.Name))
                list.Add(new SlashCommand(skill.Name, string.Format(CultureInfo.InvariantCulture, Strings.TuiSkillDescription, skill.Description)));
        }

        return list;
    }

    /// <summary><c>/skill-name text</c> asks the model to use that skill (built-in and custom commands of the same name come first).</summary>
    private string? SkillPrompt(string text)
    {
        var name = CommandName(text);
        if (SlashCommandNames.Contains(name) || Session.Commands.Find(name) is not null || Session.Skills.All(s => s.Name != name))
            return null;
        var rest = text.Length > name.Length + 1 ? text[(name.Length + 1)..].Trim() : "";
        return string.Format(CultureInfo.InvariantCulture, Strings.TuiSkillPrompt, name, rest).Trim();
    }

    private static readonly HashSet<string> SlashCommandNames =
        new(["help", "?", "model", "mode", "effort", "compact", "cost", "context", "todos", "expand", "rewind", "init", "memory", "memories", "sessions",
            "resume", "clear", "new", "quit", "exit", "q"], StringComparer.Ordinal);

    /// <summary>How full the context is, in percent of the window (the status line and /context use this one measure).</summary>
    private int ContextPercent(long tokens)
    {
        var window = Session.ContextWindow;
        return window > 0 ? (int)Math.Min(100, tokens * 100 / window) : 0;
    }

    /// <summary>
    /// A resumed session's last exchanges before the prompt: the last few prompts, each with the start of its answer
    /// and how many tools it called.
    /// </summary>
    private void Recap(IReadOnlyList<ChatMessage> messages)
    {
        var prompts = new List<int>();
        for (var i = 0; i < messages.Count; i++)
        {
            if (messages[i].Role == ChatRole.User && messages[i].Contents.OfType<FunctionResultContent>().Any() == false
                && messages[i].Text.Trim().Length > 0)
                prompts.Add(i);
        }

        if (prompts.Count == 0)
            return;
        var shown = prompts.TakeLast(RecapPrompts).ToList();
        var ansi = terminal.Ansi;
        terminal.WriteLine(ansi.Dim(TurnRenderer.Truncate(string.Format(CultureInfo.InvariantCulture, Strings.TuiRecapTitle, shown.Count, prompts.Count), terminal.Width)));
        foreach (var start in shown)
        {
            var end = prompts.FirstOrDefault(p => p > start, messages.Count);
            foreach (var row in Cut(TextWrapper.Wrap(TurnRenderer.Sanitize(messages[start].Text.ReplaceLineEndings(" ")), terminal.Width - 2), 2))
                terminal.WriteLine(ansi.Bold(PromptMark) + row);
            var calls = 0;
            var answer = "";
            for (var i = start + 1; i < end; i++)
            {
                if (messages[i].Role != ChatRole.Assistant)
                    continue;
                calls += messages[i].Contents.OfType<FunctionCallContent>().Count();
                if (messages[i].Text.Trim().Length > 0)
                    answer = messages[i].Text.Trim();
            }

            if (calls > 0)
                terminal.WriteLine("  " + ansi.Dim(string.Format(CultureInfo.InvariantCulture, Strings.TuiRecapToolCalls, calls)));
            var lines = answer.ReplaceLineEndings("\n").Split('\n').Where(l => l.Trim().Length > 0).Select(TurnRenderer.Sanitize);
            foreach (var row in Cut(lines.SelectMany(l => TextWrapper.Wrap(l, terminal.Width - 2)).ToList(), 4))
                terminal.WriteLine("  " + row);
        }

        terminal.WriteLine(ansi.Dim(new string('─', Math.Min(40, terminal.Width))));
    }

    /// <summary>The first <paramref name="count"/> rows; an ellipsis ends the last when more were left out.</summary>
    private static List<string> Cut(IReadOnlyList<string> rows, int count)
    {
        var kept = rows.Take(count).ToList();
        if (rows.Count > count && kept.Count > 0)
            kept[^1] += " …";
        return kept;
    }
}
