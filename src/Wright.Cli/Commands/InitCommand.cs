using System.CommandLine;
using Wright.Cli.Hosting;
using Wright.Cli.Text;

namespace Wright.Cli.Commands;

/// <summary>
/// <c>wright init</c>: the model looks at the repository (read-only tools; it may not run commands) and writes or
/// improves AGENTS.md — the only file it may change.
/// </summary>
internal static class InitCommand
{
    public const string Prompt = """
        Write an AGENTS.md for this repository: the instructions a coding agent needs to work here well. Look at the
        repository first (list_dir, glob, grep, read_file: README, build files, CI configuration, test setup, existing
        AGENTS.md / CLAUDE.md / .cursorrules). Then write AGENTS.md at the repository root with write_file (or improve the
        existing one, keeping what is still true), in concise Markdown with these sections: Project overview; Build and
        test commands (exact commands); Code style and conventions; Repository layout; Things to watch out for. Only state
        what you found in the repository; do not invent commands. Answer with a one-paragraph summary of what you wrote.
        """;

    public static Command Create(Option<string?> cwd, Option<string?> model, Option<string?> outputFormat)
    {
        var init = new Command("init", Strings.InitDescription) { cwd, model, outputFormat };
        init.SetAction((result, token) => HeadlessCommand.RunAsync(
            new HeadlessRequest(Prompt, true, result.GetValue(model), null, result.GetValue(cwd), result.GetValue(outputFormat), "plan", null)
            {
                // Plan mode is read-only; this one rule lets the model write AGENTS.md and nothing else.
                Allow = ["edit(AGENTS.md)"],
            },
            Environment.GetEnvironmentVariable, Console.In, Console.Out, Console.Error, token));
        return init;
    }
}
