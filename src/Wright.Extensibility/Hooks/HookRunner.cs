using System.Diagnostics;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace Wright.Extensibility.Hooks;

/// <summary>Runs the hooks of an event: JSON on stdin, stdout/stderr captured, killed at its timeout.</summary>
public sealed class HookRunner(IReadOnlyList<HookCommand> hooks, string workspace)
{
    /// <summary>The configured hooks.</summary>
    public IReadOnlyList<HookCommand> Hooks => hooks;

    /// <summary>Whether any hook listens to this event (and tool).</summary>
    public bool Has(string hookEvent, string? tool = null) => hooks.Any(h => h.Event == hookEvent && Matches(h, tool));

    /// <summary>Runs every matching hook in order with the payload; returns their results.</summary>
    public async Task<IReadOnlyList<HookResult>> RunAsync(string hookEvent, string? tool, Action<Utf8JsonWriter> payload, CancellationToken cancellationToken)
    {
        var results = new List<HookResult>();
        var input = Payload(hookEvent, payload);
        foreach (var hook in hooks.Where(h => h.Event == hookEvent && Matches(h, tool)))
            results.Add(await RunOneAsync(hook, input, cancellationToken));
        return results;
    }

    private string Payload(string hookEvent, Action<Utf8JsonWriter> payload)
    {
        using var buffer = new MemoryStream();
        using (var w = new Utf8JsonWriter(buffer))
        {
            w.WriteStartObject();
            w.WriteString("hook_event_name", hookEvent);
            w.WriteString("cwd", workspace);
            payload(w);
            w.WriteEndObject();
        }

        return Encoding.UTF8.GetString(buffer.ToArray());
    }

    private async Task<HookResult> RunOneAsync(HookCommand hook, string input, CancellationToken cancellationToken)
    {
        var psi = new ProcessStartInfo("/bin/bash")
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = workspace,
        };
        psi.ArgumentList.Add("-c");
        psi.ArgumentList.Add(hook.Command);
        psi.Environment["WRIGHT_PROJECT_DIR"] = workspace;
        psi.Environment["CLAUDE_PROJECT_DIR"] = workspace;
        // The hook's own program names are looked up on the trusted PATH: never ".", a relative entry or the workspace.
        psi.Environment["PATH"] = Wright.Core.Processes.TrustedPrograms.SearchPath([workspace]);
        using var process = new Process { StartInfo = psi };
        try
        {
            process.Start();
        }
        catch (System.ComponentModel.Win32Exception ex)
        {
            return new HookResult(hook, -1, "", $"could not start the hook: {ex.Message}", false);
        }

        var stdout = process.StandardOutput.ReadToEndAsync(cancellationToken);
        var stderr = process.StandardError.ReadToEndAsync(cancellationToken);
        try
        {
            await process.StandardInput.WriteAsync(input);
            process.StandardInput.Close();
        }
        catch (IOException)
        {
            // The hook did not read its input; that is allowed.
        }

        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(hook.Timeout);
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            cancellationToken.ThrowIfCancellationRequested();
            return new HookResult(hook, -1, "", $"the hook timed out after {hook.Timeout.TotalSeconds:0}s and was killed", true);
        }

        return new HookResult(hook, process.ExitCode, await stdout, (await stderr).Trim(), false);
    }

    private static bool Matches(HookCommand hook, string? tool)
    {
        if (string.IsNullOrEmpty(hook.Matcher) || hook.Matcher == "*" || tool is null)
            return true;
        try
        {
            return Regex.IsMatch(tool, "^(?:" + hook.Matcher + ")$", RegexOptions.None, TimeSpan.FromSeconds(1));
        }
        catch (ArgumentException)
        {
            return string.Equals(hook.Matcher, tool, StringComparison.Ordinal);
        }
    }
}
