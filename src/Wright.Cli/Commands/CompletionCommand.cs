using System.CommandLine;
using System.Text;
using Wright.Cli.Text;

namespace Wright.Cli.Commands;

/// <summary><c>wright completion bash|zsh|fish</c>: a completion script made from the command tree itself.</summary>
internal static class CompletionCommand
{
    public static Command Create(RootCommand root)
    {
        var shell = new Argument<string>("shell") { Description = Strings.CompletionShellArgument };
        shell.AcceptOnlyFromAmong("bash", "zsh", "fish");
        var command = new Command("completion", Strings.CompletionDescription) { shell };
        command.SetAction(result =>
        {
            Console.Out.Write(Script(root, result.GetValue(shell)!));
            return 0;
        });
        return command;
    }

    public static string Script(RootCommand root, string shell) => shell switch
    {
        "bash" => Bash(root),
        "zsh" => Zsh(root),
        _ => Fish(root),
    };

    private static IEnumerable<string> Words(Command command) =>
        command.Options.Where(o => !o.Hidden).SelectMany(o => new[] { o.Name }.Concat(o.Aliases))
            .Concat(command.Subcommands.Where(c => !c.Hidden).Select(c => c.Name)).Distinct();

    private static string Bash(RootCommand root)
    {
        var sb = new StringBuilder();
        sb.Append("# wright completion for bash: eval \"$(wright completion bash)\"\n_wright() {\n");
        sb.Append("  local cur=\"${COMP_WORDS[COMP_CWORD]}\" path=\"\" w\n");
        sb.Append("  for w in \"${COMP_WORDS[@]:1:COMP_CWORD-1}\"; do\n    case \"$w\" in -*) ;; *) path=\"$path $w\" ;; esac\n  done\n");
        sb.Append("  local words\n  case \"${path# }\" in\n");
        // Deepest first: "mcp add" must match before "mcp".
        foreach (var (path, command) in Tree(root, "").Reverse())
            sb.Append("    ").Append(path.Length == 0 ? "\"\"" : Quote(path)).Append(path.Length == 0 ? ")" : "|" + Quote(path + " ") + "*)")
                .Append(" words=").Append(Quote(string.Join(' ', Words(command)))).Append(" ;;\n");
        sb.Append("    *) words=").Append(Quote(string.Join(' ', Words(root)))).Append(" ;;\n  esac\n");
        sb.Append("  case \"$cur\" in @*|./*|/*|~*) COMPREPLY=($(compgen -f -- \"$cur\")); return ;; esac\n");
        sb.Append("  COMPREPLY=($(compgen -W \"$words\" -- \"$cur\"))\n}\ncomplete -o default -F _wright wright\n");
        return sb.ToString();
    }

    private static string Zsh(RootCommand root)
    {
        var sb = new StringBuilder();
        sb.Append("#compdef wright\n# wright completion for zsh: eval \"$(wright completion zsh)\" (after compinit)\n_wright() {\n");
        sb.Append("  local -a path_words\n  local w\n  for w in ${words[2,CURRENT-1]}; do [[ $w == -* ]] || path_words+=$w; done\n");
        sb.Append("  local -a opts\n  case \"${(j: :)path_words}\" in\n");
        foreach (var (path, command) in Tree(root, "").Where(p => p.Path.Length > 0).Reverse())
            sb.Append("    ").Append(Quote(path)).Append("*) opts=(").Append(string.Join(' ', Words(command).Select(Quote))).Append(") ;;\n");
        sb.Append("    *) opts=(").Append(string.Join(' ', Words(root).Select(Quote))).Append(") ;;\n  esac\n");
        sb.Append("  compadd -- $opts\n  _files\n}\ncompdef _wright wright\n");
        return sb.ToString();
    }

    private static string Fish(RootCommand root)
    {
        var sb = new StringBuilder("# wright completion for fish: wright completion fish | source\ncomplete -c wright -f\n");
        foreach (var (path, command) in Tree(root, ""))
        {
            var condition = path.Length == 0
                ? "__fish_use_subcommand"
                : "__fish_seen_subcommand_from " + path.Split(' ')[^1];
            foreach (var sub in command.Subcommands.Where(c => !c.Hidden))
                sb.Append("complete -c wright -n '").Append(condition).Append("' -a ").Append(Quote(sub.Name)).Append(" -d ").Append(Quote(Short(sub.Description))).Append('\n');
            foreach (var option in command.Options.Where(o => !o.Hidden))
            {
                sb.Append("complete -c wright -n '").Append(condition).Append('\'');
                foreach (var name in new[] { option.Name }.Concat(option.Aliases))
                    sb.Append(name.StartsWith("--", StringComparison.Ordinal) ? " -l " + name[2..] : " -s " + name.TrimStart('-'));
                sb.Append(" -d ").Append(Quote(Short(option.Description))).Append('\n');
            }
        }

        return sb.ToString();
    }

    private static IEnumerable<(string Path, Command Command)> Tree(Command command, string path)
    {
        yield return (path, command);
        foreach (var sub in command.Subcommands.Where(c => !c.Hidden))
            foreach (var item in Tree(sub, path.Length == 0 ? sub.Name : path + " " + sub.Name))
                yield return item;
    }

    private static string Short(string? description)
    {
        var text = (description ?? "").ReplaceLineEndings(" ");
        var cut = text.IndexOfAny(['.', '。', ':', '：']);
        return cut > 0 ? text[..cut] : text;
    }

    private static string Quote(string text) => "'" + text.Replace("'", "'\\''", StringComparison.Ordinal) + "'";
}
