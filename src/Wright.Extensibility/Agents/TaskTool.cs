using System.Text.Json;
using Wright.Core.Events;
using Wright.Core.Tools;

namespace Wright.Extensibility.Agents;

/// <summary>
/// <c>task {description, prompt, agent?}</c>: runs a subagent with its own context and returns only its final
/// report. Several calls in one response run in parallel (the subagents' own calls still go through permissions);
/// their events nest in the parent's stream.
/// </summary>
public sealed class TaskTool(AgentCatalog catalog, ISubagentFactory factory) : ITool
{
    /// <inheritdoc />
    public string Name => "task";

    /// <inheritdoc />
    public string Description { get; } = "Delegate a self-contained task to a subagent with a fresh context; returns its final report." +
        (catalog.Agents.Count > 0 ? " Agents: " + string.Join("; ", catalog.Agents.OrderBy(a => a.Name, StringComparer.Ordinal).Select(a => $"{a.Name} ({a.Description})")) : "");

    /// <inheritdoc />
    public JsonElement ParametersSchema { get; } = ToolRegistry.Schema("""
        {"type":"object","properties":{"description":{"type":"string","description":"3-5 words"},"prompt":{"type":"string"},
        "agent":{"type":"string"}},"required":["description","prompt"],"additionalProperties":false}
        """);

    /// <inheritdoc />
    public ToolEffect Effect => ToolEffect.ReadOnly;

    /// <inheritdoc />
    public async Task<ToolResult> InvokeAsync(JsonElement arguments, ToolContext context, CancellationToken cancellationToken)
    {
        var prompt = arguments.GetProperty("prompt").GetString() ?? "";
        var agentName = arguments.TryGetProperty("agent", out var a) && a.ValueKind == JsonValueKind.String ? a.GetString() : null;
        var definition = agentName is { Length: > 0 } ? catalog.Find(agentName) : null;
        if (agentName is { Length: > 0 } && definition is null)
        {
            var known = string.Join(", ", catalog.Agents.Select(x => x.Name).Order(StringComparer.Ordinal));
            return ToolResult.Error($"Error: no agent named '{agentName}'. Available: {(known.Length > 0 ? known : "none; omit agent for a general-purpose subagent")}.");
        }

        var label = definition?.Name ?? "general";
        var session = factory.Create(definition, context);
        RunFinished? finished = null;
        string? error = null;
        try
        {
            await foreach (var item in session.RunAsync(prompt, cancellationToken))
            {
                context.Publish(new SubagentEvent(context.CallId ?? "", label, item));
                if (item is RunFinished f)
                    finished = f;
                else if (item is ErrorOccurred e)
                    error = e.Message;
            }
        }
        finally
        {
            await factory.ReleaseAsync(session);
        }

        cancellationToken.ThrowIfCancellationRequested();
        if (finished is null || finished.Status is RunStatus.Error)
            return ToolResult.Error($"Error: the {label} subagent failed: {error ?? "no result"}");
        var report = finished.Text.Length > 0 ? finished.Text : "(the subagent gave no report)";
        return finished.Status == RunStatus.Success
            ? ToolResult.Ok(report)
            : ToolResult.Ok($"[subagent stopped: {finished.Status.ToString().ToLowerInvariant()} after {finished.Turns} turns]\n{report}");
    }
}
