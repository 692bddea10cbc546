using System.CommandLine;
using Wright.Cli.Commands;
using Wright.Cli.Hosting;
using Wright.Cli.Interactive;
using Wright.Cli.Text;

namespace Wright.Cli;

internal static class Program
{
    private static async Task<int> Main(string[] args)
    {
        if (args is ["--version"])
        {
            // Fast path: no command tree, no configuration.
            Console.Out.WriteLine(Distribution.BuildInfo.VersionLine);
            return 0;
        }

        if (FleetNodeLauncher.IsFleet(args))
            return FleetNodeLauncher.Exec(args);

        // The start-up's read-once pages (the compressed type data) leave the process's memory.
        StartupMemory.ReleaseReadOnlyImage();

        Distribution.StaticTlsRoots.Apply();

        // The interface language: WRIGHT_LANG, a zh_* locale, else "language" in the user config (read only then).
        Wright.Core.Localization.UiLanguage.Set(Wright.Core.Localization.UiLanguage.Choose(Environment.GetEnvironmentVariable,
            () => Wright.Runtime.Configuration.ConfigLoader.ReadLanguage(Wright.Runtime.Configuration.WrightHome.Resolve(Environment.GetEnvironmentVariable))));

        // No descriptor Wright inherited reaches a command, an MCP server or git; SIGTERM always ends the process.
        Wright.Tools.Shell.InheritedDescriptors.MarkCloseOnExec();
        using var terminate = Wright.Cli.Hosting.TerminationWatchdog.Register();

        var prompt = new Option<string?>("--print", "-p") { Description = Strings.PromptOption, Arity = ArgumentArity.ZeroOrOne };
        var model = new Option<string?>("--model", "-m") { Description = Strings.ModelOption };
        var maxTurns = new Option<int?>("--max-turns") { Description = Strings.MaxTurnsOption };
        var cwd = new Option<string?>("--cwd") { Description = Strings.CwdOption };
        var outputFormat = new Option<string?>("--output-format") { Description = Strings.OutputFormatOption };
        outputFormat.AcceptOnlyFromAmong("text", "json", "stream-json");
        var permissionMode = new Option<string?>("--permission-mode") { Description = Strings.PermissionModeOption };
        var budget = new Option<decimal?>("--max-budget-usd") { Description = Strings.BudgetOption };
        var effort = new Option<string?>("--effort") { Description = Strings.EffortOption };
        var allow = new Option<string[]>("--allow") { Description = Strings.AllowOption, AllowMultipleArgumentsPerToken = false };
        var ask = new Option<string[]>("--ask") { Description = Strings.AskOption };
        var deny = new Option<string[]>("--deny") { Description = Strings.DenyOption };
        effort.AcceptOnlyFromAmong("low", "medium", "high");
        var continueLatest = new Option<bool>("--continue", "-c") { Description = Strings.ContinueOption };
        var resume = new Option<string?>("--resume", "-r") { Description = Strings.ResumeOption };
        var fork = new Option<bool>("--fork") { Description = Strings.ForkOption };
        var compactModel = new Option<string?>("--compact-model") { Description = Strings.CompactModelOption };
        var fallback = new Option<string[]>("--fallback") { Description = Strings.FallbackOption };
        var architect = new Option<string?>("--architect") { Description = Strings.ArchitectOption };
        var editor = new Option<string?>("--editor") { Description = Strings.EditorOption };
        var noColor = new Option<bool>("--no-color") { Description = Strings.NoColorOption };
        var allowHome = new Option<bool>("--allow-home-workspace") { Description = Strings.AllowHomeWorkspaceOption };
        var partial = new Option<bool>("--include-partial-messages") { Description = Strings.IncludePartialOption };
        var inputFormat = new Option<string?>("--input-format") { Description = Strings.InputFormatOption };
        inputFormat.AcceptOnlyFromAmong("text", "stream-json");
        // Claude Code requires --verbose with stream-json; scripts written for it pass it. Wright's stream is complete without it.
        var verbose = new Option<bool>("--verbose") { Description = Strings.VerboseOption };

        var firstPrompt = new Argument<string?>("prompt") { Description = Strings.PromptArgument, Arity = ArgumentArity.ZeroOrOne };
        var root = new RootCommand(Strings.RootDescription) { firstPrompt, prompt, model, maxTurns, budget, cwd, outputFormat, permissionMode, effort, allow, ask, deny, continueLatest, resume, fork, compactModel, fallback, architect, editor, noColor, allowHome, partial, inputFormat, verbose };
        root.SetAction((result, token) =>
        {
            var positional = result.GetValue(firstPrompt);
            var request = new HeadlessRequest(
                result.GetValue(prompt) ?? positional,
                result.GetResult(prompt) is not null,
                result.GetValue(model),
                result.GetValue(maxTurns),
                result.GetValue(cwd),
                result.GetValue(outputFormat),
                result.GetValue(permissionMode),
                result.GetValue(effort),
                result.GetValue(budget))
            {
                Allow = result.GetValue(allow) ?? [],
                Ask = result.GetValue(ask) ?? [],
                Deny = result.GetValue(deny) ?? [],
                Continue = result.GetValue(continueLatest),
                Resume = result.GetValue(resume),
                Fork = result.GetValue(fork),
                CompactModel = result.GetValue(compactModel),
                Fallback = result.GetValue(fallback) ?? [],
                Architect = result.GetValue(architect),
                Editor = result.GetValue(editor),
                AllowHomeWorkspace = result.GetValue(allowHome),
                InitialPrompt = positional,
                IncludePartialMessages = result.GetValue(partial),
                StreamJsonInput = result.GetValue(inputFormat) == "stream-json",
            };
            // No -p, a terminal on both sides: the interactive session. Otherwise headless (the prompt may come on stdin).
            if (!request.PromptFlagGiven && request.OutputFormat is null && !request.StreamJsonInput && !Console.IsInputRedirected && !Console.IsOutputRedirected)
            {
                return InteractiveCommand.RunAsync(request, Environment.GetEnvironmentVariable, result.GetValue(noColor), token);
            }

            return HeadlessCommand.RunAsync(request, Environment.GetEnvironmentVariable, Console.In, Console.Out, Console.Error);
        });

        root.Add(TrustCommand.Create(cwd));
        var patchArgument = new Argument<string?>("patch") { Arity = ArgumentArity.ZeroOrOne, Description = Strings.PatchArgument };
        var applyPatch = new Command("apply-patch", Strings.ApplyPatchDescription) { patchArgument };
        applyPatch.SetAction(result => Wright.Tools.Patch.ApplyPatchCommand.Run(result.GetValue(patchArgument), Console.In, Console.Out, Console.Error,
            Directory.GetCurrentDirectory()));
        root.Add(applyPatch);
        root.Add(McpCommand.Create(cwd));
        root.Add(AcpCommand.Create());
        root.Add(CheckDepsCommand.Create());
        root.Add(InitCommand.Create(cwd, model, outputFormat));
        root.Add(ExecCommand.Create(model, permissionMode, maxTurns, budget));
        root.Add(RewindCommand.Create(cwd));
        root.Add(UpdateCommand.Create());
        root.Add(ServeCommand.Create());
        root.Add(TaskCommand.Create());
        root.Add(ModelsCommand.Create(cwd));
        root.Add(EvalCommand.Create());
        foreach (var command in SessionCommands.Create(cwd))
            root.Add(command);
        root.Add(ConfigCommand.Create(cwd));
        root.Add(DoctorCommand.Create(cwd));
        root.Add(CompletionCommand.Create(root));

        // Signals are handled by the headless host (it cancels the turn and still prints the result).
        var invocation = new InvocationConfiguration { ProcessTerminationTimeout = null };
        // No response files: System.CommandLine would read any argument starting with '@' as a file of further
        // arguments, so a prompt file holding "--permission-mode yolo" turned approvals off, and an npm scope such as
        // @modelcontextprotocol/server-filesystem could not be passed at all.
        var parsing = new ParserConfiguration { ResponseFileTokenReplacer = null };
        var parsed = root.Parse(args, parsing);
        // A bad command line is one line and the nearest valid option, exit 2; never the whole help.
        // (An unknown option in front of everything lands in the prompt argument: "wright --modle x" is still a typo.)
        var strayOption = parsed.CommandResult.Command == root && parsed.GetValue(firstPrompt) is ['-', _, ..] stray ? stray : null;
        if (parsed.Errors.Count > 0 || strayOption is not null)
            return UsageErrors.Report(parsed, Console.Error, strayOption);
        return await parsed.InvokeAsync(invocation);
    }
}
