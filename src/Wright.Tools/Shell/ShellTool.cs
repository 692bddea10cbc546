using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
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

        if (arguments.TryGetProperty("background", out var bg) && bg.ValueKind == JsonValueKind.True)
            return StartBackground(command, cwd, context, state);

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
        var shellDir = Path.Combine(context.SessionDirectory, "shell");
        Directory.CreateDirectory(shellDir);
        var cwdFile = Path.Combine(shellDir, $"cwd-{id}");
        using var capture = new OutputCapture(Path.Combine(context.SessionDirectory, "outputs", $"shell-{id}.log"), options.MaxShellOutputChars);
        var env = ShellEnvironment.Build(options.AllowedSecretEnvVars);
        env["WRIGHT_CWD_FILE"] = cwdFile;
        // stderr joins stdout in one pipe, so the output keeps the order the command wrote it in (two pipes read
        // concurrently can swap an error and the line before it).
        var script = "trap 'pwd -P > \"$WRIGHT_CWD_FILE\" 2>/dev/null' EXIT\nexec 2>&1\n" + command;

        using var process = new Process { StartInfo = StartInfo(options.Launcher, ["-c", script], env, cwd) };
        var started = context.TimeProvider.GetTimestamp();
        try
        {
            process.Start();
        }
        catch (System.ComponentModel.Win32Exception ex)
        {
            return ToolResult.Error($"Error: could not start bash: {ex.Message}");
        }

        process.StandardInput.Close();
        var readers = Task.WhenAll(Pump(process.StandardOutput, capture), Pump(process.StandardError, capture));
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

        if (File.Exists(cwdFile))
        {
            var next = (await File.ReadAllTextAsync(cwdFile, CancellationToken.None)).Trim();
            File.Delete(cwdFile);
            if (next.Length > 0 && Directory.Exists(next))
                state.WorkingDirectory = next;
        }

        var output = capture.Render(out _);
        var elapsed = context.TimeProvider.GetElapsedTime(started);
        var result = new StringBuilder(notes.ToString());
        result.Append(output.Length == 0 ? "(no output)" : output.TrimEnd('\n'));
        result.Append('\n');
        if (timedOut)
        {
            result.Append(CultureInfo.InvariantCulture, $"[timed out after {timeout.TotalSeconds:0.#}s; the command and its child processes were killed. Use timeout_ms for longer commands or background:true for servers]");
            return ToolResult.Error(result.ToString());
        }

        var code = process.ExitCode;
        result.Append(CultureInfo.InvariantCulture, $"[exit code {code}{(code > 128 && code < 160 ? $" (killed by signal {code - 128})" : "")}, {elapsed.TotalSeconds:0.0}s]");
        if (state.WorkingDirectory is { } wd && wd != context.Workspace)
            result.Append(CultureInfo.InvariantCulture, $"\n[cwd: {wd}]");
        if (code != 0 && (WaitedForInput().IsMatch(capture.Tail(2000)) || (capture.Chars < 200 && ReadsInput().IsMatch(command))))
            result.Append("\n[hint: stdin is closed, and the command seems to have waited for input; pass the input with a pipe or a flag such as --yes / -y]");
        return new ToolResult(result.ToString(), code != 0);
    }

    private static ProcessStartInfo StartInfo(ICommandLauncher? sandbox, IReadOnlyList<string> bashArguments, Dictionary<string, string> env, string cwd)
    {
        ProcessStartInfo psi;
        if (sandbox is { } launcher)
        {
            psi = launcher.Create(bashArguments, env, cwd);
        }
        else
        {
            // setsid: the command leads its own session and process group, so kill(-pgid) reaches every descendant.
            psi = new ProcessStartInfo("setsid") { WorkingDirectory = cwd };
            psi.ArgumentList.Add("/bin/bash");
            foreach (var a in bashArguments)
                psi.ArgumentList.Add(a);
            psi.Environment.Clear();
            foreach (var (k, v) in env)
                psi.Environment[k] = v;
        }

        psi.RedirectStandardInput = true;
        psi.RedirectStandardOutput = true;
        psi.RedirectStandardError = true;
        psi.UseShellExecute = false;
        psi.StandardOutputEncoding = Encoding.UTF8;
        psi.StandardErrorEncoding = Encoding.UTF8;
        return psi;
    }

    private ToolResult StartBackground(string command, string cwd, ToolContext context, ShellState state)
    {
        var handle = state.NextHandle();
        var log = Path.Combine(context.SessionDirectory, "background", $"{handle}.log");
        Directory.CreateDirectory(Path.GetDirectoryName(log)!);
        var env = ShellEnvironment.Build(options.AllowedSecretEnvVars);
        env["WRIGHT_LOG"] = log;
        env["WRIGHT_PARENT_PID"] = Environment.ProcessId.ToString(CultureInfo.InvariantCulture);
        // If Wright dies without cleaning up, the job dies too: bwrap's --die-with-parent does it inside the sandbox
        // (where the parent's pid is not visible); outside, a watchdog kills the job's process group.
        // The launcher is read once: a mode switch (to or from yolo) between the two uses must not mix them.
        var launcher = options.Launcher;
        var watchdog = launcher is null
            ? "( while kill -0 \"$WRIGHT_PARENT_PID\" 2>/dev/null; do sleep 1; done; kill -KILL 0 ) >/dev/null 2>&1 &\n"
            : "";
        var script = watchdog + "exec >>\"$WRIGHT_LOG\" 2>&1 </dev/null\n" + command;
        var psi = StartInfo(launcher, ["-c", script], env, cwd);
        psi.RedirectStandardOutput = false;
        psi.RedirectStandardError = false;
        psi.StandardOutputEncoding = null;
        psi.StandardErrorEncoding = null;
        var process = new Process { StartInfo = psi };
        try
        {
            process.Start();
        }
        catch (System.ComponentModel.Win32Exception ex)
        {
            process.Dispose();
            return ToolResult.Error($"Error: could not start bash: {ex.Message}");
        }

        process.StandardInput.Close();
        File.AppendAllText(log, "");
        state.Jobs[handle] = new BackgroundJob(handle, command, process, log);
        return ToolResult.Ok($"Started in the background as {handle} (pid {process.Id}), output in {log}. Read new output with shell_output {{\"handle\":\"{handle}\"}}; stop it with shell_kill.");
    }

    private static async Task Pump(StreamReader reader, OutputCapture capture)
    {
        var buffer = new char[16 * 1024];
        int read;
        while ((read = await reader.ReadAsync(buffer.AsMemory())) > 0)
            capture.Append(buffer.AsSpan(0, read));
    }

    [GeneratedRegex(@"(^|[\s;&|(])(read|select)\s|input\(|\bpasswd\b|\bsudo\b|\bssh\s|\bgets\b|readline|\bscanf\b|Console\.ReadLine")]
    private static partial Regex ReadsInput();

    [GeneratedRegex(@"(EOF when reading|Inappropriate ioctl|read error|end of file|no input|\?\s*(\[[^\]]*\])?\s*$|:\s*$|password)", RegexOptions.IgnoreCase)]
    private static partial Regex WaitedForInput();
}
