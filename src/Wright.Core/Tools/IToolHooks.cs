namespace Wright.Core.Tools;

/// <summary>
/// Hooks around each tool call, as explicit steps of dispatch: <see cref="BeforeToolAsync"/> after validation and before
/// the permission decision, <see cref="AfterToolAsync"/> after the tool ran (not for calls that were refused).
/// </summary>
public interface IToolHooks
{
    /// <summary>May block the call, approve it, or rewrite its arguments.</summary>
    ValueTask<PreToolOutcome> BeforeToolAsync(ToolCall call, CancellationToken cancellationToken);

    /// <summary>May return feedback that is appended to the result the model sees.</summary>
    ValueTask<string?> AfterToolAsync(ToolCall call, ToolResult result, CancellationToken cancellationToken);
}
