namespace Wright.Permissions.Shell;

/// <summary>
/// Judges a parsed shell command: which constructs always need a person's approval, whatever the allow rules say
/// (substitution, eval, <c>sh -c</c>, source, expansion operators, arithmetic on names and array subscripts,
/// environment prefixes, state-changing builtins, commands that run other commands or take code in options or
/// scripts, writes outside the workspace, too many commands), and which only an allow rule may not approve alone
/// (files written through options, options hidden behind globs; see <see cref="OptionHazards"/>).
/// </summary>
public static partial class CommandPolicy
{
    /// <summary>Above this many simple commands a line always asks.</summary>
    public const int MaxSimpleCommands = 16;

    private static readonly HashSet<string> Shells = new(StringComparer.Ordinal) { "sh", "bash", "zsh", "dash", "ksh", "mksh", "fish", "busybox", "csh", "tcsh" };

    private static readonly HashSet<string> Evaluators = new(StringComparer.Ordinal)
    {
        "eval", "source", ".", "exec", "command", "builtin", "enable", "compgen", "complete", "fc", "bind",
    };

    private static readonly HashSet<string> StateBuiltins = new(StringComparer.Ordinal)
    {
        "export", "declare", "typeset", "readonly", "local", "alias", "unalias", "set", "shopt", "trap", "hash", "unset", "ulimit", "umask",
    };

    private static readonly HashSet<string> Wrappers = new(StringComparer.Ordinal)
    {
        "env", "xargs", "sudo", "doas", "su", "nohup", "nice", "ionice", "timeout", "time", "stdbuf", "setsid", "chroot", "flock",
        "watch", "strace", "ltrace", "unbuffer", "script", "parallel", "chrt", "taskset", "runuser", "systemd-run", "nsenter", "unshare",
    };

    /// <summary>Operators of <c>[[ … ]]</c> that evaluate both sides as arithmetic.</summary>
    private static readonly HashSet<string> ArithmeticTests = new(StringComparer.Ordinal) { "-eq", "-ne", "-lt", "-le", "-gt", "-ge" };

    /// <summary>Programs whose file operands (or destination) they write.</summary>
    private static readonly HashSet<string> Writers = new(StringComparer.Ordinal)
    {
        "tee", "cp", "mv", "install", "ln", "rm", "rmdir", "touch", "truncate", "mkdir", "chmod", "chown", "chgrp", "dd", "sed", "curl", "wget",
    };

    private static readonly string[] SafeWriteTargets = ["/dev/null", "/dev/stdout", "/dev/stderr", "/dev/tty"];

    /// <summary>Assesses a command line run in <paramref name="workingDirectory"/> inside <paramref name="workspace"/>.</summary>
    public static CommandAssessment Assess(string command, string workspace, string workingDirectory)
    {
        var parsed = ShellParser.Parse(command);
        var reasons = new List<string>(parsed.Hazards);
        var ruleReasons = new List<string>();
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
            if (SubscriptHazard(c) is { } subscript)
                reasons.Add(subscript);
            if (OptionHazards.Why(c) is { } hazard)
                (hazard.RuleOnly ? ruleReasons : reasons).Add(hazard.Reason);
            foreach (var r in c.Redirections.Where(r => r.Writes))
            {
                if (r.TargetIsDynamic)
                    reasons.Add($"redirects output to a computed path: {r.Target}");
                else if (!SafeWriteTargets.Contains(r.Target) && !Paths.IsInside(Paths.Resolve(r.Target, workingDirectory), workspace))
                    reasons.Add($"writes outside the workspace: {r.Operator} {r.Target}");
            }
        }

        return new CommandAssessment(parsed, [.. reasons.Distinct(StringComparer.Ordinal)]) { RuleReasons = [.. ruleReasons.Distinct(StringComparer.Ordinal)] };
    }

    /// <summary>
    /// The files a simple command writes (or deletes): its write redirections, and the operands of programs that write
    /// them (<c>tee</c>, <c>cp</c>/<c>mv</c>/<c>install</c>/<c>ln</c> destinations, <c>rm</c>, <c>touch</c>, <c>chmod</c>,
    /// <c>sed -i</c>, <c>dd of=</c>, <c>curl -o</c>, <c>wget -O</c>, …), with whether each is computed at run time.
    /// </summary>
    public static IEnumerable<(string Target, bool Dynamic)> WriteTargets(SimpleCommand command)
    {
        ArgumentNullException.ThrowIfNull(command);
        foreach (var r in command.Redirections.Where(r => r.Writes))
            yield return (r.Target, r.TargetIsDynamic);
        var name = Path.GetFileName(command.Program);
        if (!Writers.Contains(name))
            yield break;
        var words = command.Words;
        var operands = Enumerable.Range(1, words.Count - 1).Where(i => !words[i].StartsWith('-') || words[i] == "-").ToList();
        IEnumerable<int> targets = name switch
        {
            "cp" or "mv" or "install" or "ln" => TargetDirectory(words) is { } t ? [t] : operands.Count >= 2 ? [operands[^1]] : [],
            "sed" => words.Skip(1).Any(w => w.StartsWith('-') && !w.StartsWith("--", StringComparison.Ordinal) && w.Contains('i', StringComparison.Ordinal) || w.StartsWith("--in", StringComparison.Ordinal))
                ? operands.Skip(words.Skip(1).Any(w => w is "-e" or "--expression" || w.StartsWith("--expression=", StringComparison.Ordinal)) ? 0 : 1)
                : [],
            "dd" => Enumerable.Range(1, words.Count - 1).Where(i => words[i].StartsWith("of=", StringComparison.Ordinal)),
            "curl" => Enumerable.Range(1, Math.Max(0, words.Count - 2)).Where(i => words[i] is "-o" or "--output").Select(i => i + 1),
            "wget" => Enumerable.Range(1, Math.Max(0, words.Count - 2)).Where(i => words[i] is "-O" or "--output-document").Select(i => i + 1),
            "chmod" or "chown" or "chgrp" => operands.Skip(1),
            _ => operands,
        };
        foreach (var i in targets)
        {
            var word = words[i];
            var target = word.StartsWith("of=", StringComparison.Ordinal) ? word[3..] : word.StartsWith("--target-directory=", StringComparison.Ordinal) ? word[19..] : word;
            yield return (target, i < command.Dynamic.Count && command.Dynamic[i]);
        }
    }

    private static int? TargetDirectory(IReadOnlyList<string> words)
    {
        for (var i = 1; i < words.Count; i++)
        {
            if (words[i] == "-t" && i + 1 < words.Count)
                return i + 1;
            if (words[i].StartsWith("--target-directory=", StringComparison.Ordinal))
                return i;
        }

        return null;
    }

    /// <summary>
    /// Builtins that take a variable name (<c>test -v</c>, <c>[[ -v ]]</c>, <c>printf -v</c>, <c>read</c>,
    /// <c>mapfile</c>, <c>getopts</c>, <c>wait -p</c>) evaluate an array subscript in it as arithmetic, and arithmetic
    /// runs <c>$(…)</c> even from a quoted word (<c>test -v 'a[$(id)]'</c>); <c>let</c> and the arithmetic operators of
    /// <c>[[ … ]]</c> evaluate any non-literal operand the same way.
    /// </summary>
    private static string? SubscriptHazard(SimpleCommand c)
    {
        var words = c.Words;
        var program = c.Program;
        bool Subscript(string word) => word.Contains('[', StringComparison.Ordinal);
        switch (program)
        {
            case "let":
                return "evaluates its arguments as arithmetic, which can run commands: let";
            case "test" or "[" or "[[":
                for (var i = 1; i < words.Count; i++)
                {
                    if (words[i] is "-v" or "-R" && i + 1 < words.Count && Subscript(words[i + 1]))
                        return $"evaluates an array subscript, which can run commands: {program} {words[i]} {words[i + 1]}";
                    if (program == "[[" && ArithmeticTests.Contains(words[i])
                        && ((i > 1 && !IsNumber(words[i - 1], c.Dynamic[i - 1])) || (i + 1 < words.Count && !IsNumber(words[i + 1], c.Dynamic[i + 1]))))
                        return $"evaluates operands as arithmetic, which can run commands: [[ … {words[i]} … ]]";
                }

                return null;
            case "printf" or "wait":
                for (var i = 1; i + 1 < words.Count; i++)
                {
                    if (words[i] is "-v" or "-p" && Subscript(words[i + 1]))
                        return $"evaluates an array subscript, which can run commands: {program} {words[i]} {words[i + 1]}";
                }

                return null;
            case "mapfile" or "readarray" when words.Skip(1).Any(w => w.StartsWith('-') && w.Contains('C', StringComparison.Ordinal)):
                return $"runs a callback command for each line: {program} -C";
            case "read" or "mapfile" or "readarray" or "getopts":
                return words.Skip(1).FirstOrDefault(Subscript) is { } name ? $"evaluates an array subscript, which can run commands: {program} {name}" : null;
            default:
                return null;
        }
    }

    private static bool IsNumber(string word, bool dynamic) =>
        !dynamic && word.Length > 0 && word.TrimStart('-', '+').Length > 0 && word.TrimStart('-', '+').All(char.IsAsciiDigit);
}
