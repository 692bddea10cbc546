using System.CommandLine;
using Wright.Cli.Hosting;
using Wright.Cli.Text;

namespace Wright.Cli.Commands;

/// <summary>
/// <c>wright exec [--json] PROMPT</c>: Codex CLI's <c>codex exec</c>, so scripts and tools written for it run Wright
/// unchanged — a headless run whose <c>--json</c> output is Codex's JSON Lines events (<see cref="CodexStream"/>);
/// without it the final answer on stdout. Codex's <c>-m</c>, <c>-C/--cd</c>, <c>-o/--output-last-message</c> and
/// <c>--skip-git-repo-check</c> (accepted; Wright does not require a repository) are understood; a missing prompt or
/// <c>-</c> reads stdin.
/// </summary>
internal static class ExecCommand
{
    public static Command Create(Option<string?> model, Option<string?> permissionMode, Option<int?> maxTurns, Option<decimal?> budget)
    {
        var prompt = new Argument<string?>("prompt") { Description = Strings.PromptArgument, Arity = ArgumentArity.ZeroOrOne };
        var json = new Option<bool>("--json") { Description = Strings.ExecJsonOption };
        var cd = new Option<string?>("--cd", "-C", "--cwd") { Description = Strings.CwdOption };
        var lastMessage = new Option<string?>("--output-last-message", "-o") { Description = Strings.ExecLastMessageOption };
        var skipGitCheck = new Option<bool>("--skip-git-repo-check") { Description = Strings.ExecSkipGitCheckOption };
        var exec = new Command("exec", Strings.ExecDescription) { prompt, json, model, cd, lastMessage, skipGitCheck, permissionMode, maxTurns, budget };
        exec.SetAction((result, token) => HeadlessCommand.RunAsync(
            new HeadlessRequest(result.GetValue(prompt), true, result.GetValue(model), result.GetValue(maxTurns), result.GetValue(cd),
                result.GetValue(json) ? "codex-json" : "text", result.GetValue(permissionMode), null, result.GetValue(budget))
            {
                LastMessageFile = result.GetValue(lastMessage),
            },
            Environment.GetEnvironmentVariable, Console.In, Console.Out, Console.Error, token));
        return exec;
    }
}
