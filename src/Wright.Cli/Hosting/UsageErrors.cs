using System.CommandLine;
using System.CommandLine.Parsing;
using System.Globalization;
using Wright.Cli.Text;
using Wright.Runtime.Configuration;

namespace Wright.Cli.Hosting;

/// <summary>
/// A command line that does not parse: one line on stderr (an unknown option with the nearest valid one), exit 2,
/// never the whole help.
/// </summary>
internal static class UsageErrors
{
    public static int Report(ParseResult parsed, TextWriter stderr, string? strayOption = null)
    {
        var command = parsed.CommandResult.Command;
        var unknown = strayOption ?? parsed.UnmatchedTokens.FirstOrDefault(t => t.StartsWith('-') && t.Length > 1);
        if (unknown is not null)
        {
            var name = unknown.Split('=', 2)[0];
            var nearest = ConfigSchema.Nearest(name.TrimStart('-'), OptionNames(command).Select(n => n.TrimStart('-')));
            var full = nearest is null ? null : OptionNames(command).First(n => n.TrimStart('-') == nearest);
            stderr.WriteLine(Strings.ErrorPrefix + (full is null
                ? string.Format(CultureInfo.InvariantCulture, Strings.UnknownOption, name, CommandPath(command))
                : string.Format(CultureInfo.InvariantCulture, Strings.UnknownOptionNearest, name, full)));
            return ExitCodes.Usage;
        }

        var first = parsed.Errors[0].Message.ReplaceLineEndings(" ").Trim();
        if (parsed.UnmatchedTokens.Count > 0 && command.Subcommands.Count > 0
            && ConfigSchema.Nearest(parsed.UnmatchedTokens[0], command.Subcommands.Select(c => c.Name)) is { } sub)
            first = string.Format(CultureInfo.InvariantCulture, Strings.UnknownCommandNearest, parsed.UnmatchedTokens[0], sub);
        stderr.WriteLine(Strings.ErrorPrefix + first + string.Format(CultureInfo.InvariantCulture, Strings.SeeHelp, CommandPath(command)));
        return ExitCodes.Usage;
    }

    /// <summary>Every option name (long and short) valid on <paramref name="command"/>, its own and inherited.</summary>
    public static IEnumerable<string> OptionNames(Command command)
    {
        for (var c = command; c is not null; c = c.Parents.OfType<Command>().FirstOrDefault())
        {
            foreach (var option in c.Options)
            {
                if (option.Hidden || (c != command && !option.Recursive))
                    continue;
                yield return option.Name;
                foreach (var alias in option.Aliases)
                    yield return alias;
            }
        }
    }

    private static string CommandPath(Command command)
    {
        var names = new List<string>();
        for (var c = command; c is not null; c = c.Parents.OfType<Command>().FirstOrDefault())
            names.Insert(0, c is RootCommand ? "wright" : c.Name);
        return string.Join(' ', names);
    }
}
