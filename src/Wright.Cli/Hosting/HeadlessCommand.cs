using System.Runtime.InteropServices;
using Wright.Cli.Text;
using Wright.Core.Events;
using Wright.Runtime;
using Wright.Runtime.Approvals;
using Wright.Runtime.Configuration;
using Wright.Sessions.Store;

namespace Wright.Cli.Hosting;

/// <summary>One headless run: starts a runtime session (approvals refused with a reason) and renders it with <see cref="HeadlessHost"/>.</summary>
internal static class HeadlessCommand
{
    public static async Task<int> RunAsync(HeadlessRequest request, Func<string, string?> environment, TextReader stdin,
        TextWriter stdout, TextWriter stderr, CancellationToken external = default)
    {
        var format = OutputFormat.Text;
        try
        {
            format = ParseFormat(request.OutputFormat);
            using var cancellation = CancellationTokenSource.CreateLinkedTokenSource(external);
            using var sigint = PosixSignalRegistration.Create(PosixSignal.SIGINT, Cancel);
            using var sigterm = PosixSignalRegistration.Create(PosixSignal.SIGTERM, Cancel);

            var host = new RuntimeHost { Environment = environment, Diagnostics = stderr, Approvals = DenyingApprovals.Instance };
            var prompt = request.StreamJsonInput
                ? await StreamJsonInput.NextAsync(stdin, cancellation.Token) ?? throw new ConfigException(Strings.NoPrompt)
                : await ReadPromptAsync(request, stdin);
            if (request.Architect is not null || request.Editor is not null)
            {
                var (architect, editor) = PairModels(request, environment);
                await using var pair = await ArchitectEditor.StartAsync(request.ToSessionRequest(interactive: false), architect, editor, host, cancellation.Token);
                return await new HeadlessHost(format, stdout, stderr) { IncludePartialMessages = request.IncludePartialMessages, LastMessageFile = request.LastMessageFile }.RunAsync(pair, prompt, cancellation.Token);
            }

            await using var session = await WrightRuntime.StartAsync(request.ToSessionRequest(interactive: false, prompt), host, cancellation.Token);
            prompt = session.Prompt;
            if (prompt == "/compact")
                return await new HeadlessHost(format, stdout, stderr).CompactAsync(session, cancellation.Token);

            if (prompt == "/rewind" || prompt.StartsWith("/rewind ", StringComparison.Ordinal))
                throw new ConfigException(Strings.RewindInHeadless);
            var headless = new HeadlessHost(format, stdout, stderr)
            {
                LastMessageFile = request.LastMessageFile,
                IncludePartialMessages = request.IncludePartialMessages,
                StderrIsTerminal = ReferenceEquals(stderr, Console.Error) && !Console.IsErrorRedirected,
            };
            var exit = await headless.RunAsync(session, prompt, cancellation.Token);
            // --input-format stream-json: each further user message on stdin is one more run in the same session.
            while (request.StreamJsonInput && !cancellation.IsCancellationRequested
                   && await StreamJsonInput.NextAsync(stdin, cancellation.Token) is { } next)
                exit = await headless.RunAsync(session, next, cancellation.Token);
            return exit;

            void Cancel(PosixSignalContext context)
            {
                context.Cancel = true;
                cancellation.Cancel();
            }
        }
        catch (ConfigException ex)
        {
            await ReportSetupErrorAsync(format, stdout, stderr, ex.Message);
            return ExitCodes.Usage;
        }
        catch (StoreException ex)
        {
            await ReportSetupErrorAsync(format, stdout, stderr, ex.Message);
            return ExitCodes.Usage;
        }
    }

    /// <summary>The architect and editor models: the flags, else the configuration's <c>models.architect</c> / <c>models.editor</c>.</summary>
    internal static (string Architect, string Editor) PairModels(HeadlessRequest request, Func<string, string?> environment)
    {
        if (request.Continue || request.Resume is not null || request.Fork)
            throw new ConfigException(Strings.ArchitectEditorNoResume);
        var workspace = WrightRuntime.Canonicalize(request.Cwd ?? Directory.GetCurrentDirectory()) ?? Directory.GetCurrentDirectory();
        var config = ConfigLoader.Load(WrightRuntime.Home(environment), workspace);
        var architect = request.Architect ?? config.RoleModels.GetValueOrDefault(ModelRoles.Architect);
        var editor = request.Editor ?? config.RoleModels.GetValueOrDefault(ModelRoles.Editor);
        return architect is null || editor is null ? throw new ConfigException(Strings.ArchitectEditorIncomplete) : (architect, editor);
    }

    /// <summary>Opens the session store under <paramref name="home"/> (<c>wright.db</c>).</summary>
    public static SessionStore OpenStore(string home) => WrightRuntime.OpenStore(home);

    private static async Task ReportSetupErrorAsync(OutputFormat format, TextWriter stdout, TextWriter stderr, string message)
    {
        await stderr.WriteLineAsync(Strings.ErrorPrefix + message);
        if (format == OutputFormat.CodexJson)
            await stdout.WriteLineAsync(CodexStream.ErrorLine(message));
        else if (format != OutputFormat.Text)
        {
            await stdout.WriteLineAsync(ResultWriter.Format(RunStatus.Error, "", "", 0, TokenUsage.Zero, null, 0, message));
        }
    }

    private static async Task<string> ReadPromptAsync(HeadlessRequest request, TextReader stdin)
    {
        var prompt = request.Prompt;
        if ((prompt is null || prompt == "-") && Console.IsInputRedirected)
            prompt = await stdin.ReadToEndAsync();
        if (string.IsNullOrWhiteSpace(prompt) || prompt == "-")
        {
            throw new ConfigException(!request.PromptFlagGiven && !Console.IsInputRedirected && !Console.IsOutputRedirected
                ? Strings.TuiNeedsPrompt
                : Strings.NoPrompt);
        }

        return prompt.Trim();
    }

    private static OutputFormat ParseFormat(string? value) => value?.ToLowerInvariant() switch
    {
        null or "text" => OutputFormat.Text,
        "json" => OutputFormat.Json,
        "stream-json" => OutputFormat.StreamJson,
        "codex-json" => OutputFormat.CodexJson,
        _ => throw new ConfigException(string.Format(System.Globalization.CultureInfo.InvariantCulture, Strings.BadOutputFormat, value)),
    };
}
