namespace Wright.Permissions.Dependencies.Recognition;

public static partial class InstallCommands
{
    private static readonly Dictionary<string, string> SudoOptions = CommandArguments.Valued(["-u", "--user"], ["-g", "--group"], ["-h", "--host"],
        ["-p", "--prompt"], ["-C", "--close-from"], ["-D", "--chdir"], ["-r", "--role"], ["-t", "--type"], ["-T", "--command-timeout"], ["-U", "--other-user"], ["-R", "--chroot"]);

    private static readonly Dictionary<string, string> EnvOptions = CommandArguments.Valued(["-u", "--unset"], ["-C", "--chdir"], ["-S", "--split-string"]);

    private static readonly Dictionary<string, string> TimeoutOptions = CommandArguments.Valued(["-s", "--signal"], ["-k", "--kill-after"]);

    private static readonly Dictionary<string, string> XargsOptions = CommandArguments.Valued(["-I", "--replace"], ["-n", "--max-args"], ["-P", "--max-procs"],
        ["-d", "--delimiter"], ["-a", "--arg-file"], ["-E", "--eof"], ["-L", "--max-lines"], ["-s", "--max-chars"]);

    private static readonly Dictionary<string, string> ShellOptions = CommandArguments.Valued(["-o"], ["-O"], ["--rcfile"], ["--init-file"]);

    private static readonly Dictionary<string, string> NoOptions = new(StringComparer.Ordinal);

    private sealed partial class Scan
    {
        /// <summary>Where the command a wrapper runs starts, or null when <paramref name="program"/> runs none.</summary>
        private int? Wrapped(List<Word> words, int start, string program, ref bool fromInput)
        {
            CommandArguments arguments;
            var skip = 0;
            switch (program)
            {
                case "sudo" or "doas" or "run0":
                    arguments = CommandArguments.Parse(words, start + 1, SudoOptions, stopAtFirstOperand: true);
                    break;
                case "env":
                    arguments = CommandArguments.Parse(words, start + 1, EnvOptions, stopAtFirstOperand: false);
                    if (arguments.Value("-S") is { Dynamic: false } split)
                        Nested(split.Text);
                    // NAME=VALUE operands come before the command.
                    var first = arguments.Operands.FindIndex(w => w.Dynamic || !w.Text.Contains('=', StringComparison.Ordinal));
                    return first < 0 ? null : arguments.OperandPositions[first];
                case "nice":
                    arguments = CommandArguments.Parse(words, start + 1, CommandArguments.Valued(["-n", "--adjustment"]), stopAtFirstOperand: true);
                    break;
                case "nohup" or "setsid" or "unbuffer" or "chronic" or "caffeinate" or "catchsegv" or "proxychains" or "proxychains4" or "torsocks" or "tsocks":
                    arguments = CommandArguments.Parse(words, start + 1, NoOptions, stopAtFirstOperand: true);
                    break;
                case "time":
                    arguments = CommandArguments.Parse(words, start + 1, CommandArguments.Valued(["-f", "--format"], ["-o", "--output"]), stopAtFirstOperand: true);
                    break;
                case "command":
                    arguments = CommandArguments.Parse(words, start + 1, NoOptions, stopAtFirstOperand: true);
                    if (arguments.Has("-v", "-V"))
                        return null; // prints where a program is; runs nothing
                    break;
                case "exec":
                    arguments = CommandArguments.Parse(words, start + 1, CommandArguments.Valued(["-a"]), stopAtFirstOperand: true);
                    break;
                case "stdbuf":
                    arguments = CommandArguments.Parse(words, start + 1, CommandArguments.Valued(["-i", "--input"], ["-o", "--output"], ["-e", "--error"]), stopAtFirstOperand: true);
                    break;
                case "ionice":
                    arguments = CommandArguments.Parse(words, start + 1, CommandArguments.Valued(["-c", "--class"], ["-n", "--classdata"], ["-p", "--pid"]), stopAtFirstOperand: true);
                    break;
                case "timeout":
                    arguments = CommandArguments.Parse(words, start + 1, TimeoutOptions, stopAtFirstOperand: true);
                    skip = 1; // the duration
                    break;
                case "taskset" or "chrt" or "flock":
                    if (program == "flock" && words.Skip(start + 1).Any(w => w.Text is "-c" or "--command"))
                        return null; // flock FILE -c STRING: the string is read by CommandString
                    arguments = CommandArguments.Parse(words, start + 1, CommandArguments.Valued(["-w", "--timeout"], ["-E", "--conflict-exit-code"]), stopAtFirstOperand: true);
                    skip = 1; // the mask, priority or lock file
                    break;
                case "strace" or "ltrace":
                    arguments = CommandArguments.Parse(words, start + 1, CommandArguments.Valued(["-e"], ["-o"], ["-p"], ["-s"], ["-u"], ["-E"], ["-P"], ["-a"], ["-b"], ["-I"], ["-X"]), stopAtFirstOperand: true);
                    break;
                case "xargs":
                    arguments = CommandArguments.Parse(words, start + 1, XargsOptions, stopAtFirstOperand: true);
                    fromInput = true;
                    break;
                case "bundle" or "bundler" when start + 1 < words.Count && words[start + 1].Text == "exec":
                    arguments = CommandArguments.Parse(words, start + 2, NoOptions, stopAtFirstOperand: true);
                    break;
                case "pnpm" or "yarn" when start + 1 < words.Count && words[start + 1].Text == "exec":
                    arguments = CommandArguments.Parse(words, start + 2, NoOptions, stopAtFirstOperand: true);
                    break;
                case "poetry" or "pipenv" or "pdm" or "hatch" when start + 1 < words.Count && words[start + 1].Text == "run":
                    arguments = CommandArguments.Parse(words, start + 2, NoOptions, stopAtFirstOperand: true);
                    break;
                case "watch":
                    // watch joins its operands into a command string for sh -c.
                    var watched = CommandArguments.Parse(words, start + 1, CommandArguments.Valued(["-n", "--interval"], ["-d", "--differences"], ["-q", "--equexit"]), stopAtFirstOperand: true);
                    if (watched.Operands.Count > 0 && watched.Operands.All(w => !w.Dynamic))
                        Nested(string.Join(' ', watched.Operands.Select(w => w.Text)));
                    return null;
                default:
                    return null;
            }

            return arguments.OperandPositions.Count > skip ? arguments.OperandPositions[skip] : null;
        }

        /// <summary>The command string a shell (<c>bash -c '…'</c>), <c>su -c</c>, <c>script -c</c> or <c>eval</c> runs, or null.</summary>
        private static Word? CommandString(List<Word> words, int start, string program)
        {
            if (ShellNames.Contains(program))
            {
                var arguments = CommandArguments.Parse(words, start + 1, ShellOptions, stopAtFirstOperand: true);
                var hasC = words.Skip(start + 1).TakeWhile(w => w.Text.StartsWith('-')).Any(w => !w.Dynamic && !w.Text.StartsWith("--", StringComparison.Ordinal) && w.Text.Contains('c', StringComparison.Ordinal));
                return hasC && arguments.Operands.Count > 0 ? arguments.Operands[0] : null;
            }

            if (program == "flock")
            {
                var at = words.FindIndex(start + 1, w => w.Text is "-c" or "--command");
                return at > 0 && at + 1 < words.Count ? words[at + 1] : null;
            }

            if (program is "su" or "runuser" or "script" or "sg")
            {
                var arguments = CommandArguments.Parse(words, start + 1, CommandArguments.Valued(["-c", "--command"], ["-s", "--shell"], ["-g", "--group"], ["-G", "--supp-group"], ["-w", "--whitelist-environment"]));
                return arguments.Value("-c");
            }

            if (program == "eval")
            {
                var rest = words.Skip(start + 1).ToList();
                return rest.Count == 0 ? null : new Word(string.Join(' ', rest.Select(w => w.Text)), rest.Any(w => w.Dynamic));
            }

            return null;
        }

        /// <summary><c>python -m pip …</c> (and uv, pipx, poetry as modules): the module's name and where its arguments start.</summary>
        private static (string Name, int Index)? PythonModule(List<Word> words, int start, string program)
        {
            if (!PythonName().IsMatch(program))
                return null;
            for (var i = start + 1; i < words.Count; i++)
            {
                var text = words[i].Text;
                if (words[i].Dynamic || !text.StartsWith('-'))
                    return null; // a script: its own business
                if (text is "-c")
                    return null;
                if (text is "-X" or "-W" or "--check-hash-based-pycs")
                {
                    i++;
                    continue;
                }

                if (text.StartsWith("-m", StringComparison.Ordinal))
                {
                    var module = text.Length > 2 ? text[2..] : i + 1 < words.Count ? words[++i].Text : "";
                    var name = module switch
                    {
                        "pip" or "pip3" => "pip",
                        "uv" or "pipx" or "poetry" => module,
                        _ => null,
                    };
                    return name is null ? null : (name, i + 1);
                }
            }

            return null;
        }
    }
}
