using System.Diagnostics;

namespace Wright.Tests.E2E;

/// <summary>The first hour of a new user: errors, config, doctor, completion and the Chinese interface, through the real binary.</summary>
public sealed class DayOneTests
{
    [Fact]
    public async Task An_unknown_flag_is_one_line_with_the_nearest_flag_and_exit_2()
    {
        using var wright = new WrightProcess();
        var run = await wright.RunAsync("--modle", "x/y", "-p", "hi");
        Assert.Equal(2, run.ExitCode);
        Assert.Equal("error: unknown option --modle; did you mean --model?\n", run.Stderr);
        Assert.Empty(run.Stdout);

        var sub = await wright.RunAsync("sessions", "--al");
        Assert.Equal(2, sub.ExitCode);
        Assert.Equal("error: unknown option --al; did you mean --all?\n", sub.Stderr);

        var far = await wright.RunAsync("--frobnicate");
        Assert.Equal(2, far.ExitCode);
        Assert.Equal("error: unknown option --frobnicate for wright (see wright --help)\n", far.Stderr);

        var badValue = await wright.RunAsync("--effort", "extreme", "-p", "hi");
        Assert.Equal(2, badValue.ExitCode);
        Assert.Single(badValue.Stderr.TrimEnd('\n').Split('\n'));
        Assert.StartsWith("error: ", badValue.Stderr);
        Assert.Contains("extreme", badValue.Stderr);
    }

    [Fact]
    public async Task A_config_error_names_file_line_column_and_key_and_unknown_keys_are_reported()
    {
        using var wright = new WrightProcess();
        var config = Path.Combine(wright.Home, "config.json");
        File.WriteAllText(config, "{\n  \"model\": 42\n}");
        var run = await wright.RunAsync("-p", "hi");
        Assert.Equal(2, run.ExitCode);
        Assert.Equal($"error: {config}:2:12: \"model\" must be a string, not a number\n", run.Stderr);

        File.WriteAllText(config, "{\"modle\": \"deepseek/deepseek-chat\", \"model\": \"deepseek/deepseek-chat\"}");
        var unknown = await wright.RunAsync("-p", "hi");
        Assert.Contains($"warning: {config}:1:2: unknown key \"modle\" (ignored); did you mean \"model\"?", unknown.Stderr);
    }

    [Fact]
    public async Task Config_set_writes_typed_values_and_show_names_each_source()
    {
        using var wright = new WrightProcess();
        var set = await wright.RunAsync("config", "set", "model", "deepseek/deepseek-chat");
        Assert.True(set.ExitCode == 0, set.ToString());
        var turns = await wright.RunAsync("config", "set", "compaction.threshold_percent", "70");
        Assert.True(turns.ExitCode == 0, turns.ToString());
        var bad = await wright.RunAsync("config", "set", "max_turns", "many");
        Assert.Equal(2, bad.ExitCode);
        Assert.Contains("\"max_turns\" must be of type int, got 'many'", bad.Stderr);
        var typo = await wright.RunAsync("config", "set", "permision_mode", "ask");
        Assert.Equal(2, typo.ExitCode);
        Assert.Equal("error: unknown config key \"permision_mode\"; did you mean \"permission_mode\"?\n", typo.Stderr);

        var userFile = Path.Combine(wright.Home, "config.json");
        var json = System.Text.Json.JsonDocument.Parse(File.ReadAllText(userFile)).RootElement;
        Assert.Equal("deepseek/deepseek-chat", json.GetProperty("model").GetString());
        Assert.Equal(70, json.GetProperty("compaction").GetProperty("threshold_percent").GetInt32());

        Directory.CreateDirectory(wright.File(".wright"));
        File.WriteAllText(wright.File(".wright/config.json"), """{"effort": "high"}""");
        wright.Environment["WRIGHT_PERMISSION_MODE"] = "plan";
        var show = await wright.RunAsync("config");
        Assert.True(show.ExitCode == 0, show.ToString());
        Assert.Matches(@"compaction\.threshold_percent = 70  \(" + RegexEscape(userFile) + @"\)", show.Stdout);
        Assert.Matches(@"model\s+= deepseek/deepseek-chat  \(" + RegexEscape(userFile) + @"\)", show.Stdout);
        Assert.Matches(@"effort\s+= high  \(" + RegexEscape(wright.File(".wright/config.json")) + @"\)", show.Stdout);
        Assert.Matches(@"permission_mode\s+= plan  \(\$WRIGHT_PERMISSION_MODE\)", show.Stdout);
        var get = await wright.RunAsync("config", "get", "model");
        Assert.Equal("deepseek/deepseek-chat\n", get.Stdout);
    }

    [Fact]
    public async Task Doctor_checks_each_part_one_line_each_without_showing_keys()
    {
        using var wright = new WrightProcess { Environment = { ["DEEPSEEK_API_KEY"] = "sk-very-secret", ["DEEPSEEK_BASE_URL"] = "http://127.0.0.1:9/v1", ["WRIGHT_MODEL"] = "deepseek/deepseek-chat" } };
        var run = await wright.RunAsync("doctor");
        Assert.DoesNotContain("sk-very-secret", run.Stdout + run.Stderr);
        Assert.Contains("$WRIGHT_HOME " + wright.Home + " is writable", run.Stdout);
        Assert.Contains("keys set for: deepseek (DEEPSEEK_API_KEY)", run.Stdout);
        Assert.Contains("✗ model deepseek/deepseek-chat: endpoint http://127.0.0.1:9/v1 does not answer", run.Stdout);
        Assert.Contains("sandbox", run.Stdout);
        Assert.Contains("git", run.Stdout);
        Assert.Contains("problem(s) to fix", run.Stdout);
        Assert.Equal(1, run.ExitCode);
        Assert.All(run.Stdout.TrimEnd('\n').Split('\n')[..^1], line => Assert.Matches("^[✓✗!] ", line));
    }

    [Fact]
    public async Task Doctor_counts_the_keys_the_first_run_setup_stored_as_a_session_does()
    {
        using var wright = new WrightProcess { Environment = { ["DEEPSEEK_BASE_URL"] = "http://127.0.0.1:9/v1", ["WRIGHT_MODEL"] = "deepseek/deepseek-chat" } };
        Directory.CreateDirectory(wright.Home);
        var credentials = Path.Combine(wright.Home, "credentials.json");
        File.WriteAllText(credentials, """{"DEEPSEEK_API_KEY": "sk-stored-secret"}""");
        var run = await wright.RunAsync("doctor");
        Assert.DoesNotContain("sk-stored-secret", run.Stdout + run.Stderr);
        Assert.Contains($"keys set for: deepseek (DEEPSEEK_API_KEY saved in {credentials})", run.Stdout);
        Assert.DoesNotContain("no provider key set", run.Stdout);
        // The model resolves with the stored key (no "no API key" line): only the dead endpoint is reported.
        Assert.DoesNotContain("no API key", run.Stdout);
        Assert.Contains("✗ model deepseek/deepseek-chat: endpoint http://127.0.0.1:9/v1 does not answer", run.Stdout);
    }

    [Fact]
    public async Task An_unusable_WRIGHT_HOME_is_one_clear_line_everywhere()
    {
        using var wright = new WrightProcess();
        var file = Path.Combine(wright.Root, "not-a-dir");
        File.WriteAllText(file, "x");
        wright.Environment["WRIGHT_HOME"] = file;
        wright.Environment["DEEPSEEK_API_KEY"] = "k";
        foreach (var args in new[] { new[] { "sessions" }, ["-p", "hi", "--model", "deepseek/deepseek-chat"], ["search", "x"] })
        {
            var run = await wright.RunAsync(args);
            Assert.True(run.ExitCode is 1 or 2, run.ToString());
            Assert.Equal($"error: $WRIGHT_HOME ({file}) is not usable: it is a file, not a directory. Point WRIGHT_HOME to a writable directory.\n", run.Stderr);
        }

        var doctor = await wright.RunAsync("doctor");
        Assert.Contains($"✗ $WRIGHT_HOME {file} is not usable: it is a file, not a directory", doctor.Stdout);
    }

    [Fact]
    public async Task Cwd_pointing_to_a_file_says_so()
    {
        using var wright = new WrightProcess { Environment = { ["DEEPSEEK_API_KEY"] = "k" } };
        File.WriteAllText(wright.File("notes.txt"), "x");
        var run = await wright.RunAsync("-p", "hi", "--model", "deepseek/deepseek-chat", "--cwd", wright.File("notes.txt"));
        Assert.Equal(2, run.ExitCode);
        Assert.Equal($"error: --cwd {wright.File("notes.txt")} is a file, not a directory; pass its directory (e.g. --cwd {wright.Workspace})\n", run.Stderr);
    }

    [Fact]
    public async Task A_model_the_catalog_does_not_know_runs_with_a_one_line_note()
    {
        await using var mock = await AimockServer.StartAsync("""{"fixtures":[{"match":{"userMessage":"hi"},"response":{"content":"hello"}}]}""");
        using var wright = new WrightProcess { Environment = { ["DEEPSEEK_BASE_URL"] = mock.BaseUrl + "/v1", ["DEEPSEEK_API_KEY"] = "k" } };
        var run = await wright.RunAsync("-p", "hi", "--model", "deepseek/deepseek-v9-future");
        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Equal("hello\n", run.Stdout);
        Assert.Contains("note: deepseek/deepseek-v9-future is not in Wright's catalog: its price and context window are unknown", run.Stderr);
    }

    [Fact]
    public async Task Completion_scripts_complete_subcommands_and_options()
    {
        using var wright = new WrightProcess();
        var bash = await wright.RunAsync("completion", "bash");
        Assert.True(bash.ExitCode == 0, bash.ToString());
        var script = Path.Combine(wright.Root, "c.bash");
        File.WriteAllText(script, bash.Stdout);
        Assert.Equal("sessions\n", await BashCompleteAsync(script, "wright sess"));
        Assert.Equal("--model\n", await BashCompleteAsync(script, "wright --mod"));
        Assert.Equal("--all\n", await BashCompleteAsync(script, "wright sessions --a"));
        Assert.Contains("add\n", await BashCompleteAsync(script, "wright mcp a"));
        Assert.Contains("--transport", await BashCompleteAsync(script, "wright mcp add --tr"));

        var zsh = await wright.RunAsync("completion", "zsh");
        Assert.StartsWith("#compdef wright", zsh.Stdout);
        Assert.Contains("compdef _wright wright", zsh.Stdout);
        var fish = await wright.RunAsync("completion", "fish");
        Assert.Contains("complete -c wright -n '__fish_use_subcommand' -a 'sessions'", fish.Stdout);
        Assert.Contains("complete -c wright -n '__fish_use_subcommand' -l model -s m", fish.Stdout);
        var bad = await wright.RunAsync("completion", "powershell");
        Assert.Equal(2, bad.ExitCode);
    }

    [Fact]
    public async Task The_interface_speaks_chinese_by_WRIGHT_LANG_locale_or_config()
    {
        using var wright = new WrightProcess { Environment = { ["LANG"] = "zh_CN.UTF-8" } };
        var help = await wright.RunAsync("--help");
        Assert.Contains("Wright：与模型无关的编程智能体", help.Stdout);
        var error = await wright.RunAsync("--modle", "x");
        Assert.Equal("错误：未知选项 --modle；你是指 --model 吗？\n", error.Stderr);

        wright.Environment["WRIGHT_LANG"] = "en";
        Assert.Contains("Wright: a model-neutral coding agent", (await wright.RunAsync("--help")).Stdout);

        wright.Environment.Remove("WRIGHT_LANG");
        wright.Environment["LANG"] = "C.UTF-8";
        File.WriteAllText(Path.Combine(wright.Home, "config.json"), """{"language": "zh-CN"}""");
        var config = await wright.RunAsync("--cwd", wright.File("missing"), "-p", "hi", "--model", "ollama/x");
        Assert.Equal($"错误：工作区目录不存在：{wright.File("missing")}\n", config.Stderr);
    }

    private static async Task<string> BashCompleteAsync(string script, string line)
    {
        var psi = new ProcessStartInfo("/bin/bash") { RedirectStandardOutput = true, RedirectStandardError = true };
        psi.ArgumentList.Add("-c");
        psi.ArgumentList.Add("""
            source "$1"; COMP_LINE="$2"; read -ra COMP_WORDS <<< "$2"; [[ "$2" == *" " ]] && COMP_WORDS+=("")
            COMP_CWORD=$(( ${#COMP_WORDS[@]} - 1 )); _wright; printf '%s\n' "${COMPREPLY[@]}"
            """);
        psi.ArgumentList.Add("bash");
        psi.ArgumentList.Add(script);
        psi.ArgumentList.Add(line);
        using var process = Process.Start(psi)!;
        var output = await process.StandardOutput.ReadToEndAsync();
        var error = await process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(20));
        await process.WaitForExitAsync(timeout.Token);
        Assert.True(process.ExitCode == 0, error);
        return output;
    }

    private static string RegexEscape(string text) => System.Text.RegularExpressions.Regex.Escape(text);
}
