using Microsoft.Extensions.Logging;
using OpenTelemetry;
using OpenTelemetry.Exporter;
using OpenTelemetry.Logs;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;
using Wright.Core.Telemetry;
using Wright.Runtime.Configuration;

namespace Wright.Runtime.Telemetry;

/// <summary>
/// Exports the engine's spans and metrics (<see cref="WrightTelemetry"/>) and the runtime's logs over OTLP — only when
/// an endpoint is configured: <c>OTEL_EXPORTER_OTLP_ENDPOINT</c>, or <c>telemetry.otlp_endpoint</c> in the user's (or a
/// trusted project's) config. Off by default: then no SDK object exists and the engine's instruments have no listener.
/// Once per process; <see cref="Flush"/> pushes what is buffered (a session does it when it ends).
/// </summary>
internal static class RuntimeTelemetry
{
    private static readonly Lock Gate = new();
    private static TracerProvider? _traces;
    private static MeterProvider? _metrics;
    private static ILoggerFactory? _logs;

    /// <summary>The logger factory exporting over OTLP, when telemetry is on.</summary>
    public static ILoggerFactory? Logs => _logs;

    /// <summary>Starts the exporters if an endpoint is configured and they are not running yet.</summary>
    public static void EnsureConfigured(WrightConfig config, Func<string, string?> environment)
    {
        var endpoint = environment("OTEL_EXPORTER_OTLP_ENDPOINT") is { Length: > 0 } fromEnvironment ? fromEnvironment : config.OtlpEndpoint;
        if (string.IsNullOrWhiteSpace(endpoint))
            return;
        if (!Uri.TryCreate(endpoint.TrimEnd('/'), UriKind.Absolute, out var root) || root.Scheme is not ("http" or "https"))
            throw new ConfigException($"the OTLP endpoint must be an http(s) URL, got '{endpoint}'");
        var grpc = environment("OTEL_EXPORTER_OTLP_PROTOCOL") is "grpc";
        var service = environment("OTEL_SERVICE_NAME") is { Length: > 0 } name ? name : "wright";
        lock (Gate)
        {
            if (_traces is not null)
                return;
            var version = typeof(RuntimeTelemetry).Assembly.GetName().Version?.ToString(3);
            var resource = ResourceBuilder.CreateDefault().AddService(service, serviceVersion: version);
            void Exporter(OtlpExporterOptions options, string signal)
            {
                options.Protocol = grpc ? OtlpExportProtocol.Grpc : OtlpExportProtocol.HttpProtobuf;
                // An endpoint set in code is used as it is; over HTTP each signal has its own path.
                options.Endpoint = grpc ? root : new Uri(root.AbsoluteUri.TrimEnd('/') + "/v1/" + signal);
            }

            _traces = Sdk.CreateTracerProviderBuilder()
                .SetResourceBuilder(resource)
                .AddSource(WrightTelemetry.SourceName)
                .AddOtlpExporter(o => Exporter(o, "traces"))
                .Build();
            _metrics = Sdk.CreateMeterProviderBuilder()
                .SetResourceBuilder(resource)
                .AddMeter(WrightTelemetry.SourceName)
                .AddOtlpExporter(o => Exporter(o, "metrics"))
                .Build();
            _logs = LoggerFactory.Create(logging => logging.AddOpenTelemetry(o =>
            {
                o.SetResourceBuilder(resource);
                o.AddOtlpExporter(e => Exporter(e, "logs"));
            }));
            // Whatever is still buffered leaves with the process.
            AppDomain.CurrentDomain.ProcessExit += (_, _) => Shutdown();
        }
    }

    /// <summary>The logger factory a session logs to: the host's, or the OTLP one when the host gave none and telemetry is on.</summary>
    public static ILoggerFactory For(ILoggerFactory host) =>
        host is Microsoft.Extensions.Logging.Abstractions.NullLoggerFactory && _logs is { } otlp ? otlp : host;

    /// <summary>Exports what is buffered (bounded wait).</summary>
    public static void Flush()
    {
        lock (Gate)
        {
            _traces?.ForceFlush(5_000);
            _metrics?.ForceFlush(5_000);
        }
    }

    private static void Shutdown()
    {
        lock (Gate)
        {
            _logs?.Dispose();
            _traces?.Dispose();
            _metrics?.Dispose();
            (_logs, _traces, _metrics) = (null, null, null);
        }
    }
}
