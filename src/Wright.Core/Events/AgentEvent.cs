using System.Text.Json.Serialization;

namespace Wright.Core.Events;

/// <summary>
/// Base of every event the engine emits. Hosts consume these and never reach into the engine.
/// The <c>type</c> discriminator is the wire name used by the headless <c>stream-json</c> format.
/// </summary>
[JsonPolymorphic(TypeDiscriminatorPropertyName = "type")]
[JsonDerivedType(typeof(SessionStarted), "session_started")]
[JsonDerivedType(typeof(TurnStarted), "turn_started")]
[JsonDerivedType(typeof(TextDelta), "text_delta")]
[JsonDerivedType(typeof(ReasoningDelta), "reasoning_delta")]
[JsonDerivedType(typeof(ToolCallRequested), "tool_call_requested")]
[JsonDerivedType(typeof(ToolCallFinished), "tool_call_finished")]
[JsonDerivedType(typeof(ToolOutputDelta), "tool_output_delta")]
[JsonDerivedType(typeof(UsageReported), "usage")]
[JsonDerivedType(typeof(TurnFinished), "turn_finished")]
[JsonDerivedType(typeof(RetryScheduled), "retry")]
[JsonDerivedType(typeof(ModelSwitched), "model_switched")]
[JsonDerivedType(typeof(ResponseDiscarded), "response_discarded")]
[JsonDerivedType(typeof(ErrorOccurred), "error")]
[JsonDerivedType(typeof(TodoUpdated), "todo_updated")]
[JsonDerivedType(typeof(SubagentEvent), "subagent")]
[JsonDerivedType(typeof(CheckpointCreated), "checkpoint")]
[JsonDerivedType(typeof(ContextCompacted), "context_compacted")]
[JsonDerivedType(typeof(ApprovalRequested), "approval_requested")]
[JsonDerivedType(typeof(ApprovalResolved), "approval_resolved")]
[JsonDerivedType(typeof(SettingsChanged), "settings_changed")]
[JsonDerivedType(typeof(RewindCompleted), "rewind_completed")]
[JsonDerivedType(typeof(ShellCommandFinished), "shell_command_finished")]
[JsonDerivedType(typeof(RunFinished), "run_finished")]
public abstract record AgentEvent
{
    /// <summary>The session this event belongs to.</summary>
    public string SessionId { get; init; } = "";

    /// <summary>When the engine emitted the event.</summary>
    public DateTimeOffset Time { get; init; }
}
