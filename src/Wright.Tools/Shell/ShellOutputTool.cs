using System.Globalization;
using System.Text.Json;
using Wright.Core.Tools;

namespace Wright.Tools.Shell;

/// <summary><c>shell_output {handle}</c>: new output of a background job, and whether it still runs.</summary>
public sealed class ShellOutputTool : ITool
{
    private const int MaxChars = 30_000;

    /// <inheritdoc />
    public string Name => "shell_output";

    /// <inheritdoc />
    public string Description => "Get new output of a background shell job.";

    /// <inheritdoc />
    public JsonElement ParametersSchema { get; } = ToolRegistry.Schema("""
        {"type":"object","properties":{"handle":{"type":"string"}},"required":["handle"],"additionalProperties":false}
        """);

    /// <inheritdoc />
    public ToolEffect Effect => ToolEffect.ReadOnly;

    /// <inheritdoc />
    public async Task<ToolResult> InvokeAsync(JsonElement arguments, ToolContext context, CancellationToken cancellationToken)
    {
        var state = context.GetState<ShellState>();
        var handle = arguments.GetProperty("handle").GetString() ?? "";
        if (!state.Jobs.TryGetValue(handle, out var job))
            return ToolResult.Error($"Error: no background job '{handle}'. Jobs: {(state.Jobs.IsEmpty ? "none" : string.Join(", ", state.Jobs.Keys.Order(StringComparer.Ordinal)))}.");
        var running = job.Running;
        if (!running)
        {
            // It exited: let its last output arrive before reading.
            await job.Pumps.WaitAsync(TimeSpan.FromSeconds(1), cancellationToken).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        }

        var output = job.ReadNew(MaxChars);
        var status = running ? "running" : string.Create(CultureInfo.InvariantCulture, $"exited with code {job.Process.ExitCode}");
        return ToolResult.Ok($"{(output.Length == 0 ? "(no new output)" : output.TrimEnd('\n'))}\n[{handle}: {status}]");
    }
}
