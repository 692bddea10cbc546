using System.Text.Json;

namespace Wright.Core.Tools;

/// <summary>
/// What the model's hands can do. The engine validates arguments against <see cref="ParametersSchema"/> before it
/// calls <see cref="InvokeAsync"/>, asks the approver, and turns any exception into an error result.
/// </summary>
public interface ITool
{
    /// <summary>The name the model calls the tool by.</summary>
    string Name { get; }

    /// <summary>What the model reads about the tool. Keep it short: it counts toward every request.</summary>
    string Description { get; }

    /// <summary>JSON schema (an object schema) of the arguments.</summary>
    JsonElement ParametersSchema { get; }

    /// <summary>Read-only tools of one response run concurrently; mutating ones run in order.</summary>
    ToolEffect Effect { get; }

    /// <summary>Runs the tool. Throwing is allowed: the engine reports the exception to the model.</summary>
    Task<ToolResult> InvokeAsync(JsonElement arguments, ToolContext context, CancellationToken cancellationToken);
}
