using System.Text.Json;

namespace Wright.Core.Tools;

/// <summary>
/// What the pre-tool hooks decided about a call: go on (possibly with <see cref="UpdatedArguments"/>), block it
/// (<see cref="Reason"/> is shown to the model), or approve it (<see cref="Approved"/>: the permission engine is not asked
/// to consult a person; its denials — rules, plan mode, the trifecta guard — still stand).
/// </summary>
public sealed record PreToolOutcome(bool Blocked, string? Reason = null)
{
    /// <summary>Arguments to run the call with instead of the model's (validated again by the engine).</summary>
    public JsonElement? UpdatedArguments { get; init; }

    /// <summary>A hook approved the call: it runs without asking a person.</summary>
    public bool Approved { get; init; }

    /// <summary>Nothing to do.</summary>
    public static PreToolOutcome Continue { get; } = new(false);

    /// <summary>Blocked, with the reason the model sees.</summary>
    public static PreToolOutcome Block(string reason) => new(true, reason);
}
