using System.Diagnostics;
using Microsoft.Extensions.AI;
using Wright.Core.Events;
using Wright.Core.Telemetry;

namespace Wright.Core.Engine;

/// <summary>Spans and metrics of runs, turns and model requests (tool calls are traced in dispatch).</summary>
public sealed partial class AgentSession
{
    private Activity? StartRunSpan()
    {
        var span = WrightTelemetry.Source.StartActivity($"invoke_agent {_options.AgentName}", ActivityKind.Internal);
        span?.SetTag(GenAiAttributes.OperationName, "invoke_agent");
        span?.SetTag(GenAiAttributes.AgentName, _options.AgentName);
        span?.SetTag(GenAiAttributes.ConversationId, Id);
        span?.SetTag(GenAiAttributes.ProviderName, WrightTelemetry.ProviderOf(_model));
        span?.SetTag(GenAiAttributes.RequestModel, _options.ChatOptions?.ModelId ?? _model);
        return span;
    }

    private void EndRunSpan(Activity? span, RunStatus status, int turns)
    {
        if (span is null)
            return;
        span.SetTag(GenAiAttributes.RunStatus, status.ToString().ToLowerInvariant());
        span.SetTag(GenAiAttributes.Turn, turns);
        span.SetTag(GenAiAttributes.InputTokens, _runUsage.InputTokens + _runUsage.CacheReadTokens + _runUsage.CacheWriteTokens);
        span.SetTag(GenAiAttributes.OutputTokens, _runUsage.OutputTokens);
        if (status == RunStatus.Error)
            span.SetStatus(ActivityStatusCode.Error);
    }

    private static Activity? StartTurnSpan(int turn)
    {
        var span = WrightTelemetry.Source.StartActivity("turn", ActivityKind.Internal);
        span?.SetTag(GenAiAttributes.Turn, turn);
        return span;
    }

    private Activity? StartChatSpan(string? modelId)
    {
        var model = modelId ?? _model;
        var span = WrightTelemetry.Source.StartActivity($"chat {model}", ActivityKind.Client);
        span?.SetTag(GenAiAttributes.OperationName, "chat");
        span?.SetTag(GenAiAttributes.ProviderName, WrightTelemetry.ProviderOf(_model));
        span?.SetTag(GenAiAttributes.RequestModel, model);
        return span;
    }

    /// <summary>Records a finished (or failed) model request on its span and in the GenAI metrics.</summary>
    private void EndChatSpan(Activity? span, string? modelId, long started, ChatResponse? response, Exception? error)
    {
        var model = modelId ?? _model;
        var operation = new KeyValuePair<string, object?>(GenAiAttributes.OperationName, "chat");
        var requestModel = new KeyValuePair<string, object?>(GenAiAttributes.RequestModel, model);
        var provider = new KeyValuePair<string, object?>(GenAiAttributes.ProviderName, WrightTelemetry.ProviderOf(_model));
        if (error is not null)
        {
            var type = error is OperationCanceledException ? "cancelled" : error.GetType().Name;
            span?.SetTag(GenAiAttributes.ErrorType, type);
            span?.SetStatus(ActivityStatusCode.Error, error.Message);
            WrightTelemetry.OperationDuration.Record(_time.GetElapsedTime(started).TotalSeconds, operation, requestModel, provider,
                new KeyValuePair<string, object?>(GenAiAttributes.ErrorType, type));
            return;
        }

        WrightTelemetry.OperationDuration.Record(_time.GetElapsedTime(started).TotalSeconds, operation, requestModel, provider);
        if (response?.ModelId is { Length: > 0 } responseModel)
            span?.SetTag(GenAiAttributes.ResponseModel, responseModel);
        if (response?.FinishReason is { } reason)
            span?.SetTag(GenAiAttributes.ResponseFinishReasons, new[] { reason.Value });
        if (response?.Usage is not { } usage)
            return;
        if (usage.InputTokenCount is { } input)
        {
            span?.SetTag(GenAiAttributes.InputTokens, input);
            WrightTelemetry.TokenUsage.Record(input, operation, requestModel, provider, new KeyValuePair<string, object?>(GenAiAttributes.TokenType, "input"));
        }

        if (usage.OutputTokenCount is { } output)
        {
            span?.SetTag(GenAiAttributes.OutputTokens, output);
            WrightTelemetry.TokenUsage.Record(output, operation, requestModel, provider, new KeyValuePair<string, object?>(GenAiAttributes.TokenType, "output"));
        }
    }
}
