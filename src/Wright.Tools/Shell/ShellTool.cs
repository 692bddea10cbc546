using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using Wright.Core.Events;
using Wright.Core.Tools;

namespace Wright.Tools.Shell;

/// <summary>
/// <c>shell {command, timeout_ms?, background?}</c>: bash in the workspace. Each call runs in its own process group
/// (so a timeout or an interrupt kills grandchildren too); the working directory persists between calls and
/// nothing else does; stdin is closed; output is capped for the model and kept whole on disk.
/// </summary>
public sealed partial class ShellTool(ToolOptions options) : ITool
{
    /// <inheritdoc />
    public string Name => "shell";

    /// <inheritdoc />
    public string Description => "Run a bash command in the workspace (cd persists; stdin is closed). background:true starts a long-running process and returns a handle for shell_output/shell_kill.";

    /// <inheritdoc />
    public JsonElement ParametersSchema { get; } = ToolRegistry.Schema("""
        {"type":"object","properties":{"command":{"type":"string"},"timeout_ms":{"type":"integer","minimum":1},
        "background":{"type":"boolean"}},"required":["command"],"additionalProperties":false}
        """);

    /// <inheritdoc />
    public ToolEffect Effect => ToolEffect.Mutating;

    /// <inheritdoc />
    public async Task<ToolResult> InvokeAsync(JsonElement arguments, ToolContext context, CancellationToken cancellationToken)
    {
        var command = arguments.GetProperty("command").GetString() ?? "";
        if (string.IsNullOrWhiteSpace(command))
            return ToolResult.Error("Error: the command is empty.");
        var state = context.GetState<ShellState>();
        var notes = new StringBuilder();
        var cwd = state.WorkingDirectory ?? context.Workspace;
        if (!Directory.Exists(cwd))
        {
            notes.Append(CultureInfo.InvariantCulture, $"[the previous working directory {cwd} no longer exists; running in the workspace]\n");
            cwd = context.Workspace;
            state.WorkingDirectory = null;
        }

        // While a command runs, file tools keep to the disk (CommandActivity); one waits while an editor call is out.
        if (arguments.TryGetProperty("background", out var bg) && bg.ValueKind == JsonValueKind.True)
        {
            using (await CommandActivity.BeginCommandAsync(context.Workspace, cancellationToken))
                return StartBackground(command, cwd, context, state);
        }

        var timeout = options.DefaultShellTimeout;
        if (arguments.TryGetProperty("timeout_ms", out var t) && t.ValueKind == JsonValueKind.Number && t.TryGetInt64(out var ms))
        {
            timeout = TimeSpan.FromMilliseconds(ms);
            if (timeout > options.MaxShellTimeout)
            {
                notes.Append(CultureInfo.InvariantCulture, $"[timeout capped at the maximum of {options.MaxShellTimeout.TotalSeconds:0}s]\n");
                timeout = options.MaxShellTimeout;
            }
        }

        var id = Guid.NewGuid().ToString("N")[..12];
        var env = ShellEnvironment.Build(options.AllowedSecretEnvVars);
        // stderr joins stdout in one pipe, so the output keeps the order the command wrote it in (two pipes read
        // concurrently can swap an error and the line before it). The original stderr, a pipe only Wright reads,
        // carries the final working directory back (ControlChannel): no file the command could swap for a link.
        var script = "exec {WRIGHT_FD}>&2 2>&1\ntrap 'printf \"\\036WRIGHT_CWD:%s\\0\" \"$(pwd -P)\" >&$WRIGHT_FD 2>/dev/null' EXIT\n" + command;

        using var running = await CommandActivity.BeginCommandAsync(context.Workspace, cancellationToken);
        CommandLaunch launch;
        try
        {
            launch = Launch(options.Launcher, ["-c", script], env, cwd);
        }
        catch (CommandRefusedException ex)
        {
            return ToolResult.Error("Error: " + ex.Message);
        }

        using var launched = launch;
        using var capture = new OutputCapture(Path.Combine(context.SessionDirectory, "outputs", $"shell-{id}.log"), options.MaxShellOutputChars, options.MaxSavedOutputBytes);
        using var process = new Process { StartInfo = launch.StartInfo };
        var started = context.TimeProvider.GetTimestamp();
        try
        {
            InheritedDescriptors.MarkCloseOnExec();
            // Not process.Start(): bwrap's --die-with-parent would kill the command when this pool thread retires.
            Wright.Core.Processes.ProcessSpawner.Start(process);
        }
        catch (System.ComponentModel.Win32Exception ex)
        {
            return ToolResult.Error($"Error: could not start bash: {ex.Message}");
        }

        await FeedAsync(process, launch.Input);
        var control = new ControlChannel();
        var readers = Task.WhenAll(Pump(process.StandardOutput, capture, context), control.PumpAsync(process.StandardError));
        var timedOut = false;
        using (var limit = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken))
        {
            limit.CancelAfter(timeout);
            try
            {
                await process.WaitForExitAsync(limit.Token);
            }
            catch (OperationCanceledException)
            {
                NativeProcess.KillGroup(process.Id);
                timedOut = !cancellationToken.IsCancellationRequested;
                await process.WaitForExitAsync(CancellationToken.None).WaitAsync(TimeSpan.FromSeconds(5), CancellationToken.None).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
            }
        }

        // Give the pipes a moment to drain, then kill whatever the command left behind (nothing leaks between calls).
        await readers.WaitAsync(TimeSpan.FromMilliseconds(500), CancellationToken.None).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        NativeProcess.KillGroup(process.Id);
        await readers.WaitAsync(TimeSpan.FromSeconds(2), CancellationToken.None).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        cancellationToken.ThrowIfCancellationRequested();

        if (control.WorkingDirectory is { Length: > 0 } next && Directory.Exists(next))
            state.WorkingDirectory = next;
        if (control.Other.Trim().Length > 0)
            capture.Append(control.Other);

        var limitNote = launch.Explain(timedOut || !process.HasExited ? -1 : process.ExitCode, capture.Tail(4000));
        var output = capture.Render(out _);
        var elapsed = context.TimeProvider.GetElapsedTime(started);
        var result = new StringBuilder(notes.ToString());
        result.Append(output.Length == 0 ? "(no output)" : output.TrimEnd('\n'));
        result.Append('\n');
        if (timedOut)
        {
            result.Append(CultureInfo.InvariantCulture, $"[timed out after {timeout.TotalSeconds:0.#}s; the command and its child processes were killed. Use timeout_ms for longer commands or background:true for servers]");
            if (limitNote is not null)
                result.Append('\n').Append(limitNote);
            return ToolResult.Error(result.ToString());
        }

        var code = process.ExitCode;
        result.Append(CultureInfo.InvariantCulture, $"[exit code {code}{(code > 128 && code < 160 ? $" (killed by signal {code - 128})" : "")}, {elapsed.TotalSeconds:0.0}s]");
        if (limitNote is not null)
            result.Append('\n').Append(limitNote);
        if (state.WorkingDirectory is { } wd && wd != context.Workspace)
            result.Append(CultureInfo.InvariantCulture, $"\n[cwd: {wd}]");
        if (code != 0 && (WaitedForInput().IsMatch(capture.Tail(2000)) || (capture.Chars < 200 && ReadsInput().IsMatch(command))))
            result.Append("\n[hint: stdin is closed, and the command seems to have waited for input; pass the input with a pipe or a flag such as --yes / -y]");
        return new ToolResult(result.ToString(), code != 0);
    }

    /// <summary>The launch: the sandbox's, or bash directly in its own session and process group.</summary>
    private static CommandLaunch Launch(ICommandLauncher? sandbox, IReadOnlyList<string> bashArguments, Dictionary<string, string> env, string cwd)
    {
        CommandLaunch launch;
        if (sandbox is { } launcher)
        {
            launch = launcher.Launch(bashArguments, env, cwd);
        }
        else
        {
            // setsid: the command leads its own session and process group, so kill(-pgid) reaches every descendant.
            var direct = new ProcessStartInfo(Wright.Core.Processes.TrustedPrograms.Resolve("setsid", [cwd])) { WorkingDirectory = cwd };
            direct.ArgumentList.Add("/bin/bash");
            foreach (var a in bashArguments)
                direct.ArgumentList.Add(a);
            direct.Environment.Clear();
            foreach (var (k, v) in env)
                direct.Environment[k] = v;
            launch = new CommandLaunch(direct);
        }

        var psi = launch.StartInfo;
        psi.RedirectStandardInput = true;
        psi.RedirectStandardOutput = true;
        psi.RedirectStandardError = true;
        psi.UseShellExecute = false;
        psi.StandardOutputEncoding = Encoding.UTF8;
        psi.StandardErrorEncoding = Encoding.UTF8;
        return launch;
    }

    /// <summary>Writes the launcher's input (if any) to stdin, then closes it: commands get no stdin.</summary>
    private static async Task FeedAsync(Process process, ReadOnlyMemory<byte> input)
    {
        try
        {
            if (!input.IsEmpty)
            {
                await process.StandardInput.BaseStream.WriteAsync(input).AsTask().WaitAsync(TimeSpan.FromSeconds(10)).ConfigureAwait(false);
                await process.StandardInput.BaseStream.FlushAsync().ConfigureAwait(false);
            }

            process.StandardInput.Close();
        }
        catch (Exception ex) when (ex is IOException or TimeoutException or ObjectDisposedException)
        {
            // The launcher died before it read its input; its error shows in the output.
            NativeProcess.KillGroup(process.Id);
        }
    }

    private ToolResult StartBackground(string command, string cwd, ToolContext context, ShellState state)
    {
        var handle = state.NextHandle();
        var log = Path.Combine(context.SessionDirectory, "background", $"{handle}.log");
        Directory.CreateDirectory(Path.GetDirectoryName(log)!);
        var env = ShellEnvironment.Build(options.AllowedSecretEnvVars);
        env["WRIGHT_PARENT_PID"] = Environment.ProcessId.ToString(CultureInfo.InvariantCulture);
        // If Wright dies without cleaning up, the job dies too: bwrap's --die-with-parent does it inside the sandbox
        // (where the parent's pid is not visible); outside, a watchdog kills the job's process group.
        // The launcher is read once: a mode switch (to or from yolo) between the two uses must not mix them.
        var launcher = options.Launcher;
        var watchdog = launcher is null
            ? "( while kill -0 \"$WRIGHT_PARENT_PID\" 2>/dev/null; do sleep 1; done; kill -KILL 0 ) >/dev/null 2>&1 &\n"
            : "";
        var script = watchdog + "exec 2>&1 </dev/null\n" + command;
        // Wright writes the log from the job's pipes; it is created here, never following a link.
        var file = CreateLog(log);
        CommandLaunch launch;
        try
        {
            launch = Launch(launcher, ["-c", script], env, cwd);
        }
        catch (CommandRefusedException ex)
        {
            file.Dispose();
            File.Delete(log);
            return ToolResult.Error("Error: " + ex.Message);
        }

        launch.StartInfo.StandardOutputEncoding = null;
        launch.StartInfo.StandardErrorEncoding = null;
        var process = new Process { StartInfo = launch.StartInfo };
        try
        {
            InheritedDescriptors.MarkCloseOnExec();
            // Not process.Start(): bwrap's --die-with-parent would kill the command when this pool thread retires.
            Wright.Core.Processes.ProcessSpawner.Start(process);
        }
        catch (System.ComponentModel.Win32Exception ex)
        {
            process.Dispose();
            file.Dispose();
            launch.Dispose();
            return ToolResult.Error($"Error: could not start bash: {ex.Message}");
        }

        FeedAsync(process, launch.Input).GetAwaiter().GetResult();
        state.Jobs[handle] = new BackgroundJob(handle, command, process, log, file, options.MaxSavedOutputBytes, launch, context.Workspace);
        return ToolResult.Ok($"Started in the background as {handle} (pid {process.Id}), output in {log}. Read new output with shell_output {{\"handle\":\"{handle}\"}}; stop it with shell_kill.");
    }

    /// <summary>Creates the log file new (O_EXCL: a link in its place is replaced, never followed).</summary>
    private static FileStream CreateLog(string path)
    {
        try
        {
            return new FileStream(path, FileMode.CreateNew, FileAccess.ReadWrite, FileShare.Read);
        }
        catch (IOException) when (File.Exists(path) || new FileInfo(path).LinkTarget is not null)
        {
            // Left by an earlier run of this session: remove it (unlink removes a link itself) and start afresh.
            File.Delete(path);
            return new FileStream(path, FileMode.CreateNew, FileAccess.ReadWrite, FileShare.Read);
        }
    }

    /// <summary>Reads the output into the capture; each piece is also published (its last 2,000 characters) for live progress.</summary>
    private static async Task Pump(StreamReader reader, OutputCapture capture, ToolContext context)
    {
        var buffer = new char[16 * 1024];
        int read;
        while ((read = await reader.ReadAsync(buffer.AsMemory())) > 0)
        {
            capture.Append(buffer.AsSpan(0, read));
            if (context.CallId is { } callId)
                context.Publish(new ToolOutputDelta(callId, new string(buffer.AsSpan(Math.Max(0, read - 2000), Math.Min(read, 2000)))));
        }
    }

    [GeneratedRegex(@"(^|[\s;&|(])(read|select)\s|input\(|\bpasswd\b|\bsudo\b|\bssh\s|\bgets\b|readline|\bscanf\b|Console\.ReadLine")]
    private static partial Regex ReadsInput();

    [GeneratedRegex(@"(EOF when reading|Inappropriate ioctl|read error|end of file|no input|\?\s*(\[[^\]]*\])?\s*$|:\s*$|password)", RegexOptions.IgnoreCase)]
    private static partial Regex WaitedForInput();
}
