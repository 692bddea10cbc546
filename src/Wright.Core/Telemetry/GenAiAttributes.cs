namespace Wright.Core.Telemetry;

/// <summary>Attribute names of OpenTelemetry's GenAI semantic conventions (and Wright's own, prefixed <c>wright.</c>).</summary>
public static class GenAiAttributes
{
    public const string OperationName = "gen_ai.operation.name";
    public const string ProviderName = "gen_ai.provider.name";
    public const string RequestModel = "gen_ai.request.model";
    public const string ResponseModel = "gen_ai.response.model";
    public const string ResponseFinishReasons = "gen_ai.response.finish_reasons";
    public const string InputTokens = "gen_ai.usage.input_tokens";
    public const string OutputTokens = "gen_ai.usage.output_tokens";
    public const string TokenType = "gen_ai.token.type";
    public const string ConversationId = "gen_ai.conversation.id";
    public const string AgentName = "gen_ai.agent.name";
    public const string ToolName = "gen_ai.tool.name";
    public const string ToolCallId = "gen_ai.tool.call.id";
    public const string ToolType = "gen_ai.tool.type";
    public const string ErrorType = "error.type";
    public const string Turn = "wright.turn";
    public const string RunStatus = "wright.run.status";
    public const string ToolStatus = "wright.tool.status";
    public const string ApprovalWaitMs = "wright.approval.wait_ms";
}
