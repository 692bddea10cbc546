using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace Wright.Core.Telemetry;

/// <summary>
/// The engine's traces and metrics, after OpenTelemetry's GenAI semantic conventions: a span per run
/// (<c>invoke_agent</c>), per turn, per model request (<c>chat</c>) and per tool call (<c>execute_tool</c>), and the
/// <c>gen_ai.client.token.usage</c> and <c>gen_ai.client.operation.duration</c> histograms. Plain
/// <see cref="System.Diagnostics"/>: nothing is recorded unless a listener (an OpenTelemetry SDK the host configured)
/// subscribes to <see cref="SourceName"/>.
/// </summary>
public static class WrightTelemetry
{
    /// <summary>The name of the <see cref="ActivitySource"/> and <see cref="Meter"/>.</summary>
    public const string SourceName = "Wright";

    /// <summary>Spans.</summary>
    public static ActivitySource Source { get; } = new(SourceName, typeof(WrightTelemetry).Assembly.GetName().Version?.ToString(3));

    /// <summary>Metrics.</summary>
    public static Meter Meter { get; } = new(SourceName, typeof(WrightTelemetry).Assembly.GetName().Version?.ToString(3));

    /// <summary><c>gen_ai.client.token.usage</c>: tokens per model request, by <c>gen_ai.token.type</c> (input, output).</summary>
    public static Histogram<long> TokenUsage { get; } = Meter.CreateHistogram<long>("gen_ai.client.token.usage", "{token}",
        "Number of input and output tokens used.");

    /// <summary><c>gen_ai.client.operation.duration</c>: seconds per model request.</summary>
    public static Histogram<double> OperationDuration { get; } = Meter.CreateHistogram<double>("gen_ai.client.operation.duration", "s",
        "GenAI operation duration.");

    /// <summary><c>wright.tool.duration</c>: seconds per tool call (approval waits excluded), by tool and status.</summary>
    public static Histogram<double> ToolDuration { get; } = Meter.CreateHistogram<double>("wright.tool.duration", "s",
        "Tool call duration, excluding the time spent waiting for approval.");

    /// <summary>The provider part of a model spec (<c>anthropic/claude-…</c> → <c>anthropic</c>).</summary>
    public static string ProviderOf(string model)
    {
        var slash = model.IndexOf('/', StringComparison.Ordinal);
        return slash > 0 ? model[..slash] : model;
    }
}
