namespace Wright.Permissions.Shell;

/// <summary>
/// Option-level hazards of common programs: options that run another program, take code, or write a file, so that an
/// allow rule such as <c>shell(git log *)</c> or <c>shell(sort *)</c> cannot be turned into code execution or an
/// arbitrary write (after Codex's <c>is_safe_command</c> lists, extended). Options are matched as the programs' own
/// parsers read them: long options also by unique prefix (GNU getopt and git accept <c>--out=f</c> for
/// <c>--output=f</c>), with attached or separate values; short options inside clusters (<c>-rofile</c> is
/// <c>-r -o file</c>) up to the first option that takes a value; <c>--</c> is not trusted to end the options (a value
/// can be <c>--</c>). sed scripts and awk programs are read (<see cref="SedScript"/>, <see cref="AwkProgram"/>), and a
/// word that starts with a glob may expand to a file named like an option.
/// </summary>
public static class OptionHazards
{
    private static readonly Dictionary<string, Spec[]> Programs = new(StringComparer.Ordinal)
    {
        ["sort"] =
        [
            new("sort writes a file (-o/--output)", ["--output"], "o", "kStT", RuleOnly: true),
            new("sort runs a compressor program (--compress-program)", ["--compress-program"], "", "kStT"),
        ],
        ["tar"] =
        [
            new("tar runs a program through its options (--to-command/-I/--use-compress-program/--checkpoint-action/-F/--rsh-command)",
                ["--to-command", "--use-compress-program", "--checkpoint-action", "--info-script", "--new-volume-script", "--rsh-command", "--rmt-command"],
                "IF", "fCbHKLNTVXg"),
            new("tar writes a side file (--index-file/--volno-file)", ["--index-file", "--volno-file"], "", "fCbHKLNTVXg", RuleOnly: true),
        ],
        ["rg"] = [new("rg runs a preprocessor or a helper program (--pre/--search-zip/--hostname-bin)", ["--pre", "--search-zip", "--hostname-bin"], "z", "eEfgjmMAtTBCrd")],
        ["find"] =
        [
            new("find runs commands through its options (-exec/-execdir/-ok/-okdir)", [], SingleDash: ["-exec", "-execdir", "-ok", "-okdir"]),
            new("find deletes or writes files through its options (-delete/-fprint/-fls)", [], SingleDash: ["-delete", "-fprint", "-fprint0", "-fprintf", "-fls"], RuleOnly: true),
        ],
        ["zip"] = [new("zip runs a program through its options (-TT/--unzip-command)", ["--unzip-command"], SingleDash: ["-TT"])],
        ["split"] = [new("split runs a command for each piece (--filter)", ["--filter"])],
        ["ssh"] = [new("ssh is given a helper program or config (-o/-F)", [], "oF", "bcDEeIiJLlmOpQRSWw")],
        ["scp"] = [new("scp is given a helper program or config (-o/-F/-S)", [], "oFS", "cDiJlPX")],
        ["sftp"] = [new("sftp is given a helper program or config (-o/-F/-S/-D)", [], "oFSD", "BbcilPRs")],
        ["rsync"] = [new("rsync is given a helper program (-e/--rsh/--rsync-path)", ["--rsh", "--rsync-path"], "e", "BfMT")],
    };

    private static readonly Spec[] DiffSpecs =
    [
        new("git writes a file (--output)", ["--output"], RuleOnly: true),
        new("git runs an external diff or textconv program (--ext-diff/--textconv)", ["--ext-diff", "--textconv"]),
    ];

    private static readonly Dictionary<string, Spec[]> GitSubcommands = new(StringComparer.Ordinal)
    {
        ["log"] = DiffSpecs,
        ["show"] = DiffSpecs,
        ["diff"] = DiffSpecs,
        ["diff-tree"] = DiffSpecs,
        ["diff-index"] = DiffSpecs,
        ["diff-files"] = DiffSpecs,
        ["whatchanged"] = DiffSpecs,
        ["range-diff"] = DiffSpecs,
        ["stash"] = DiffSpecs,
        ["reflog"] = DiffSpecs,
        ["format-patch"] = [.. DiffSpecs, new("git format-patch writes files (-o/--output-directory)", ["--output-directory"], "o", "vN", RuleOnly: true)],
        ["grep"] = [new("git grep opens matching files in a pager program (-O/--open-files-in-pager) or runs textconv", ["--open-files-in-pager", "--ext-grep", "--textconv"], "O", "efABCm")],
        ["archive"] =
        [
            new("git archive writes a file (-o/--output)", ["--output"], "o", RuleOnly: true),
            new("git archive runs a remote helper (--remote/--exec)", ["--remote", "--exec"]),
        ],
        ["clone"] = [new("git clone is given helper programs, hooks or configuration (--upload-pack/-u/--template/-c/--config)", ["--upload-pack", "--template", "--config", "--separate-git-dir"], "uc", "objlm")],
        ["fetch"] = [new("git is given a helper program (--upload-pack)", ["--upload-pack"])],
        ["pull"] = [new("git is given a helper program (--upload-pack)", ["--upload-pack"])],
        ["ls-remote"] = [new("git is given a helper program (--upload-pack/-u)", ["--upload-pack"], "u")],
        ["push"] = [new("git is given a helper program (--receive-pack/--exec)", ["--receive-pack", "--exec"])],
        ["rebase"] = [new("git rebase runs commands (-x/--exec)", ["--exec"], "x", "sSX")],
        ["checkout-index"] = [new("git checkout-index writes files wherever --prefix says", ["--prefix", "--temp"], RuleOnly: true)],
        ["send-email"] = [new("git send-email runs helper programs (--smtp-server/--to-cmd/--cc-cmd/--header-cmd/--sendmail-cmd)",
            ["--smtp-server", "--to-cmd", "--cc-cmd", "--header-cmd", "--sendmail-cmd"])],
    };

    private static readonly HashSet<string> GitRunsPrograms = new(StringComparer.Ordinal)
    {
        "difftool", "mergetool", "filter-branch", "instaweb", "daemon", "web--browse", "credential", "credential-store", "credential-cache",
        "help", "hook", "shell", "upload-pack", "receive-pack", "upload-archive", "fsmonitor--daemon", "bundle", "p4", "svn", "cvsimport",
        "cvsserver", "cvsexportcommit", "archimport", "quiltimport", "remote-ext", "remote-fd",
    };

    private static readonly HashSet<string> GitGlobalWithValue = new(StringComparer.Ordinal) { "-c", "-C", "--config-env", "--git-dir", "--work-tree", "--namespace", "--super-prefix" };

    private static readonly HashSet<string> Interactive = new(StringComparer.Ordinal)
    {
        "less", "more", "most", "pg", "man", "info", "vi", "vim", "nvim", "view", "vimdiff", "ex", "ed", "emacs", "nano", "pico", "joe", "mc", "gdb", "lldb",
    };

    private static readonly HashSet<string> Interpreters = new(StringComparer.Ordinal) { "python", "python3", "node", "perl", "ruby", "php", "deno", "bun", "lua", "tclsh", "Rscript" };

    /// <summary>The first hazard of this simple command's options, script or program text, or null.</summary>
    public static OptionHazard? Why(SimpleCommand command)
    {
        ArgumentNullException.ThrowIfNull(command);
        var words = command.Words;
        if (words.Count == 0)
            return null;
        var program = Path.GetFileName(command.Program);
        var hazard = program switch
        {
            "git" => Git(words),
            "sed" or "gsed" => Sed(words),
            "awk" or "gawk" or "mawk" or "nawk" => Awk(words),
            "sqlite3" when words.Skip(1).Any(w => w.TrimStart().StartsWith('.') || w is "-cmd" or "-init") =>
                new OptionHazard("sqlite3 is given dot-commands (.shell/.system run commands, .output writes)"),
            "psql" when words.Skip(1).Any(w => w.Contains("\\!", StringComparison.Ordinal) || w.Contains("\\o", StringComparison.Ordinal) || w.Contains("\\copy", StringComparison.Ordinal)) =>
                new OptionHazard("psql is given meta-commands that run commands or write files"),
            _ when Interactive.Contains(program) => new OptionHazard($"{program} is interactive and can run commands"),
            _ when Interpreters.Contains(program) && words.Skip(1).Any(InlineCode) => new OptionHazard($"{program} runs inline code"),
            "tar" when !words.Contains("--force-local") && words.Skip(1).Any(w => !w.StartsWith('-') && w.IndexOf(':', StringComparison.Ordinal) is > 0 and var colon
                    && !w[..colon].Contains('/', StringComparison.Ordinal)) =>
                new OptionHazard("tar reaches a remote archive (host:file) through rsh or ssh"),
            _ when Programs.TryGetValue(program, out var specs) => Scan(specs, words, 1, oldStyleCluster: program == "tar"),
            _ => null,
        };
        if (hazard is not null)
            return hazard;
        var known = program is "git" or "sed" or "gsed" or "awk" or "gawk" or "mawk" or "nawk" || Programs.ContainsKey(program);
        var globs = command.LeadingGlobs;
        if (known && Enumerable.Range(1, Math.Max(0, Math.Min(words.Count, globs.Count) - 1)).Any(i => globs[i]))
            return new OptionHazard($"a glob at the start of a word may expand to a file named like an option of {program} (e.g. --output=…)", RuleOnly: true);
        return null;
    }

    private static bool InlineCode(string word) =>
        word.Split('=')[0] is "-c" or "-e" or "--eval" or "-E" or "-r" or "-p" or "--print" or "--require" or "--import" or "--eval-print" or "--command"
        || (word.StartsWith('-') && !word.StartsWith("--", StringComparison.Ordinal) && word.Length > 2 && word[1..].Any(c => c is 'c' or 'e' or 'E'));

    /// <summary>The git subcommand: the first word after the global options (and their values), or null.</summary>
    public static string? GitSubcommand(IReadOnlyList<string> words)
    {
        ArgumentNullException.ThrowIfNull(words);
        for (var i = 1; i < words.Count; i++)
        {
            var w = words[i];
            if (GitGlobalWithValue.Contains(w))
            {
                i++;
                continue;
            }

            if (!w.StartsWith('-'))
                return w;
        }

        return null;
    }

    private static OptionHazard? Git(IReadOnlyList<string> words)
    {
        var i = 1;
        for (; i < words.Count; i++)
        {
            var w = words[i];
            if (w is "-c" or "-C" or "--config-env" or "--git-dir" or "--work-tree" or "--super-prefix"
                || (w.StartsWith("-c", StringComparison.Ordinal) && !w.StartsWith("--", StringComparison.Ordinal))
                || (w.StartsWith("-C", StringComparison.Ordinal) && !w.StartsWith("--", StringComparison.Ordinal))
                || w.StartsWith("--config-env=", StringComparison.Ordinal) || w.StartsWith("--exec-path=", StringComparison.Ordinal)
                || w.StartsWith("--git-dir=", StringComparison.Ordinal) || w.StartsWith("--work-tree=", StringComparison.Ordinal)
                || w.StartsWith("--super-prefix=", StringComparison.Ordinal))
                return new OptionHazard("git is given configuration, another repository or helper programs on the command line (-c/-C/--config-env/--exec-path/--git-dir/--work-tree)");
            if (w == "--namespace")
            {
                i++;
                continue;
            }

            if (!w.StartsWith('-'))
                break;
        }

        if (words.Skip(1).Any(w => w.Length >= 4 && "--help".StartsWith(w.Split('=')[0], StringComparison.Ordinal)) || words.Skip(1).Contains("-?"))
            return new OptionHazard("git opens the manual in a pager or a browser (--help)");
        if (i >= words.Count)
            return null;
        var sub = words[i];
        var rest = words.Skip(i + 1).ToList();
        if (GitRunsPrograms.Contains(sub))
            return new OptionHazard($"git {sub} runs other programs or opens a pager or browser");
        if (sub == "bisect" && rest.Contains("run"))
            return new OptionHazard("git bisect run runs commands");
        if (sub == "submodule" && rest.Contains("foreach"))
            return new OptionHazard("git submodule foreach runs commands");
        if (sub == "config" && !ReadOnlyGitConfig(rest))
            return new OptionHazard("git config changes git configuration (which can name programs git runs)");
        return GitSubcommands.TryGetValue(sub, out var specs) ? Scan(specs, words, i + 1, oldStyleCluster: false) : null;
    }

    private static bool ReadOnlyGitConfig(List<string> args)
    {
        string[] reads = ["-l", "--list", "--get", "--get-all", "--get-regexp", "--get-urlmatch", "--get-color", "--get-colorbool", "get", "list"];
        string[] harmless = ["--show-origin", "--show-scope", "--name-only", "-z", "--null", "--local", "--global", "--system", "--worktree", "--includes", "--no-includes", "--type", "--bool", "--int", "--path", "--default"];
        var positional = args.Count(a => !a.StartsWith('-'));
        return args.Any(a => reads.Contains(a.Split('=')[0])) && args.Where(a => a.StartsWith('-')).All(a => reads.Contains(a.Split('=')[0]) || harmless.Contains(a.Split('=')[0]))
            || (positional == 1 && args.All(a => !a.StartsWith('-')));
    }

    private static OptionHazard? Sed(IReadOnlyList<string> words)
    {
        var scripts = new List<string>();
        var positional = new List<string>();
        var expression = false;
        for (var i = 1; i < words.Count; i++)
        {
            var w = words[i];
            if (w == "--")
                continue;
            if (w.StartsWith("--", StringComparison.Ordinal))
            {
                var name = w.Split('=')[0];
                if (name.Length >= 3 && "--in-place".StartsWith(name, StringComparison.Ordinal))
                    return new OptionHazard("sed edits files in place (-i/--in-place)", RuleOnly: true);
                if (name.Length >= 3 && "--file".StartsWith(name, StringComparison.Ordinal))
                    return new OptionHazard("sed runs a script from a file (-f/--file)");
                if (name.Length >= 3 && "--expression".StartsWith(name, StringComparison.Ordinal))
                {
                    expression = true;
                    var eq = w.IndexOf('=', StringComparison.Ordinal);
                    if (eq >= 0)
                        scripts.Add(w[(eq + 1)..]);
                    else if (i + 1 < words.Count)
                        scripts.Add(words[++i]);
                }

                continue;
            }

            if (w.StartsWith('-') && w.Length > 1)
            {
                for (var j = 1; j < w.Length; j++)
                {
                    var letter = w[j];
                    if (letter == 'i')
                        return new OptionHazard("sed edits files in place (-i/--in-place)", RuleOnly: true);
                    if (letter == 'f')
                        return new OptionHazard("sed runs a script from a file (-f/--file)");
                    if (letter is 'e' or 'l')
                    {
                        var value = j + 1 < w.Length ? w[(j + 1)..] : i + 1 < words.Count ? words[++i] : "";
                        if (letter == 'e')
                        {
                            expression = true;
                            scripts.Add(value);
                        }

                        break;
                    }
                }

                continue;
            }

            positional.Add(w);
        }

        if (!expression && positional.Count > 0)
            scripts.Add(positional[0]);
        return scripts.Select(SedScript.Why).FirstOrDefault(r => r is not null) is { } why
            ? new OptionHazard(why, RuleOnly: why.Contains("writes a file", StringComparison.Ordinal))
            : null;
    }

    private static OptionHazard? Awk(IReadOnlyList<string> words)
    {
        var programs = new List<string>();
        var positional = new List<string>();
        var given = false;
        for (var i = 1; i < words.Count; i++)
        {
            var w = words[i];
            if (w == "--")
            {
                positional.AddRange(words.Skip(i + 1));
                break;
            }

            if (!w.StartsWith('-') || w == "-")
            {
                positional.Add(w);
                continue;
            }

            var name = w.StartsWith("--", StringComparison.Ordinal) ? w.Split('=')[0] : w[..2];
            bool Long(string option) => name.Length >= 3 && option.StartsWith(name, StringComparison.Ordinal);
            if (name is "-f" or "-E" || Long("--file") || Long("--exec"))
                return new OptionHazard("awk runs a program from a file (-f/--file)");
            if (name is "-i" or "-l" || Long("--include") || Long("--load"))
                return new OptionHazard("awk loads a source file or a shared library (-i/-l)");
            if (name is "-d" or "-o" or "-p" || Long("--dump-variables") || Long("--pretty-print") || Long("--profile"))
                return new OptionHazard("awk writes a file (--dump-variables/--pretty-print/--profile)", RuleOnly: true);
            if (name == "-W")
                return new OptionHazard("awk is given implementation options (-W) that are not understood");
            if (name is "-e" || Long("--source"))
            {
                given = true;
                var value = w.StartsWith("--", StringComparison.Ordinal) ? (w.Contains('=', StringComparison.Ordinal) ? w[(w.IndexOf('=', StringComparison.Ordinal) + 1)..] : i + 1 < words.Count ? words[++i] : "")
                    : w.Length > 2 ? w[2..] : i + 1 < words.Count ? words[++i] : "";
                programs.Add(value);
                continue;
            }

            if (name is "-v" or "-F" && w.Length == 2)
                i++;
        }

        if (!given && positional.Count > 0)
            programs.Add(positional[0]);
        // A long option whose value is the next word (--assign x=1, --field-separator :) shifts the program to a later
        // word: every operand that looks like program text is read too.
        programs.AddRange(positional.Skip(1).Where(p => p.AsSpan().IndexOfAny("{}();|>\"' \t\n") >= 0));
        return programs.Select(AwkProgram.Why).FirstOrDefault(r => r is not null) is { } why
            ? new OptionHazard(why, RuleOnly: why.Contains("writes a file", StringComparison.Ordinal))
            : null;
    }

    private static OptionHazard? Scan(Spec[] specs, IReadOnlyList<string> words, int start, bool oldStyleCluster)
    {
        foreach (var spec in specs)
        {
            if (Matches(spec, words, start, oldStyleCluster))
                return new OptionHazard(spec.Reason, spec.RuleOnly);
        }

        return null;
    }

    private static bool Matches(Spec spec, IReadOnlyList<string> words, int start, bool oldStyleCluster)
    {
        for (var i = start; i < words.Count; i++)
        {
            var w = words[i];
            if (spec.SingleDash is { } single && single.Contains(w))
                return true;
            if (w.StartsWith("--", StringComparison.Ordinal))
            {
                var name = w.Split('=')[0];
                if (name.Length >= 3 && spec.Long.Any(l => l.StartsWith(name, StringComparison.Ordinal)))
                    return true;
                continue;
            }

            var cluster = w.StartsWith('-') && w.Length > 1 && spec.SingleDash is null ? w[1..]
                : oldStyleCluster && i == start && !w.StartsWith('-') ? w
                : null;
            if (cluster is null)
                continue;
            for (var j = 0; j < cluster.Length; j++)
            {
                if (spec.Short.Contains(cluster[j], StringComparison.Ordinal))
                    return true;
                if (spec.ShortWithValue.Contains(cluster[j], StringComparison.Ordinal))
                {
                    if (j == cluster.Length - 1 && w.StartsWith('-'))
                        i++; // the value is the next word (git grep -e -O: a pattern, not an option)
                    break;
                }
            }
        }

        return false;
    }

    private sealed record Spec(string Reason, string[] Long, string Short = "", string ShortWithValue = "", string[]? SingleDash = null, bool RuleOnly = false);
}
