namespace Wright.Permissions.Shell;

/// <summary>
/// Judges a parsed shell command: which constructs always need a person's approval, whatever the allow rules say
/// (substitution, eval, <c>sh -c</c>, source, expansion operators, environment prefixes, state-changing builtins,
/// commands that run other commands or take code in options, writes outside the workspace, too many commands).
/// </summary>
public static partial class CommandPolicy
{
    /// <summary>Above this many simple commands a line always asks.</summary>
    public const int MaxSimpleCommands = 16;

    private static readonly HashSet<string> Shells = new(StringComparer.Ordinal) { "sh", "bash", "zsh", "dash", "ksh", "mksh", "fish", "busybox", "csh", "tcsh" };

    private static readonly HashSet<string> Evaluators = new(StringComparer.Ordinal) { "eval", "source", ".", "exec", "command", "builtin", "enable" };

    private static readonly HashSet<string> StateBuiltins = new(StringComparer.Ordinal)
    {
        "export", "declare", "typeset", "readonly", "local", "alias", "unalias", "set", "shopt", "trap", "hash", "unset", "ulimit", "umask",
    };

    private static readonly HashSet<string> Wrappers = new(StringComparer.Ordinal)
    {
        "env", "xargs", "sudo", "doas", "su", "nohup", "nice", "ionice", "timeout", "time", "stdbuf", "setsid", "chroot", "flock",
        "watch", "strace", "ltrace", "unbuffer", "script", "parallel", "chrt", "taskset", "runuser", "systemd-run", "nsenter", "unshare",
    };

    private static readonly string[] SafeWriteTargets = ["/dev/null", "/dev/stdout", "/dev/stderr", "/dev/tty"];

    /// <summary>Assesses a command line run in <paramref name="workingDirectory"/> inside <paramref name="workspace"/>.</summary>
    public static CommandAssessment Assess(string command, string workspace, string workingDirectory)
    {
        var parsed = ShellParser.Parse(command);
        var reasons = new List<string>(parsed.Hazards);
        if (parsed.Error is { } error)
            reasons.Add("could not be parsed: " + error);
        if (parsed.Commands.Count > MaxSimpleCommands)
            reasons.Add($"has {parsed.Commands.Count} commands (more than {MaxSimpleCommands})");
        if (InvisibleText.Contains(command))
            reasons.Add("contains invisible or control characters");

        foreach (var c in parsed.Commands)
        {
            if (c.Assignments.Count > 0)
                reasons.Add($"sets environment variables before running: {string.Join(' ', c.Assignments)}");
            var program = c.Program;
            var name = Path.GetFileName(program);
            if (c.Words.Count > 0 && c.Dynamic[0])
                reasons.Add($"the program name is computed at run time: {program}");
            if (Evaluators.Contains(program))
                reasons.Add($"runs code indirectly: {program}");
            if (StateBuiltins.Contains(program))
                reasons.Add($"changes the shell's state: {program}");
            if (Shells.Contains(name) && c.Words.Skip(1).Any(w => w.StartsWith('-') && w.Contains('c', StringComparison.Ordinal) && !w.StartsWith("--", StringComparison.Ordinal)))
                reasons.Add($"runs a command string through {name} -c");
            if (Wrappers.Contains(name))
                reasons.Add($"runs another command through {name}");
            if (OptionHazard(name, c.Words) is { } option)
                reasons.Add(option);
            foreach (var r in c.Redirections.Where(r => r.Writes))
            {
                if (r.TargetIsDynamic)
                    reasons.Add($"redirects output to a computed path: {r.Target}");
                else if (!SafeWriteTargets.Contains(r.Target) && !Paths.IsInside(Paths.Resolve(r.Target, workingDirectory), workspace))
                    reasons.Add($"writes outside the workspace: {r.Operator} {r.Target}");
            }
        }

        return new CommandAssessment(parsed, [.. reasons.Distinct(StringComparer.Ordinal)]);
    }

    private static string? OptionHazard(string program, IReadOnlyList<string> words)
    {
        var args = words.Skip(1).ToList();
        bool Has(params string[] options) => args.Any(a => options.Any(o => a == o || a.StartsWith(o + "=", StringComparison.Ordinal)));
        return program switch
        {
            "find" when Has("-exec", "-execdir", "-ok", "-okdir", "-delete", "-fprint", "-fprint0", "-fprintf", "-fls") =>
                "find runs commands or writes files through its options (-exec/-delete/…)",
            "rg" when Has("--pre", "--pre-glob", "--search-zip", "-z") => "rg runs a preprocessor (--pre)",
            "git" when Has("-c", "--config-env", "--exec-path", "--upload-pack", "--receive-pack", "-u") || args.Any(a => a.StartsWith("--ext-diff", StringComparison.Ordinal))
                => "git is given configuration or helper programs on the command line",
            "sed" when args.Any(a => !a.StartsWith('-') && SedExecutes().IsMatch(a)) => "sed script runs commands (the e command or s///e)",
            "awk" or "gawk" or "mawk" when args.Any(a => a.Contains("system(", StringComparison.Ordinal) || a.Contains("| getline", StringComparison.Ordinal)) =>
                "awk program runs commands (system/getline)",
            "tar" when Has("--to-command", "--use-compress-program", "-I", "--checkpoint-action", "--info-script", "--new-volume-script") =>
                "tar runs a program through its options",
            "less" or "more" or "man" or "vi" or "vim" or "nvim" or "emacs" or "nano" => $"{program} is interactive and can run commands",
            "ssh" or "scp" or "sftp" or "rsync" when Has("-o", "-e", "--rsh", "-F") => $"{program} is given a helper program or config",
            "python" or "python3" or "node" or "perl" or "ruby" or "php" or "deno" or "bun" when Has("-c", "-e", "--eval", "-E", "-r", "-p", "--print") =>
                $"{program} runs inline code",
            _ => null,
        };
    }

    [System.Text.RegularExpressions.GeneratedRegex(@"(^|[;\n{}]\s*)e(\s|$)|^s(.).*\3.*\3[gpiImM0-9w]*e")]
    private static partial System.Text.RegularExpressions.Regex SedExecutes();
}
