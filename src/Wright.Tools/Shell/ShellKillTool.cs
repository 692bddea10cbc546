using System.Text.Json;
using Wright.Core.Tools;

namespace Wright.Tools.Shell;

/// <summary><c>shell_kill {handle}</c>: stops a background job and everything it started.</summary>
public sealed class ShellKillTool : ITool
{
    /// <inheritdoc />
    public string Name => "shell_kill";

    /// <inheritdoc />
    public string Description => "Stop a background shell job (and its child processes).";

    /// <inheritdoc />
    public JsonElement ParametersSchema { get; } = ToolRegistry.Schema("""
        {"type":"object","properties":{"handle":{"type":"string"}},"required":["handle"],"additionalProperties":false}
        """);

    /// <inheritdoc />
    public ToolEffect Effect => ToolEffect.Mutating;

    /// <inheritdoc />
    public async Task<ToolResult> InvokeAsync(JsonElement arguments, ToolContext context, CancellationToken cancellationToken)
    {
        var state = context.GetState<ShellState>();
        var handle = arguments.GetProperty("handle").GetString() ?? "";
        if (!state.Jobs.TryRemove(handle, out var job))
            return ToolResult.Error($"Error: no background job '{handle}'.");
        var wasRunning = job.Running;
        job.Kill();
        await job.Process.WaitForExitAsync(cancellationToken).WaitAsync(TimeSpan.FromSeconds(5), cancellationToken).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        await job.Pumps.WaitAsync(TimeSpan.FromSeconds(1), cancellationToken).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        var tail = job.ReadNew(4000);
        return ToolResult.Ok((wasRunning ? $"Stopped {handle}." : $"{handle} had already exited.") + (tail.Length > 0 ? "\nLast output:\n" + tail.TrimEnd('\n') : ""));
    }
}
