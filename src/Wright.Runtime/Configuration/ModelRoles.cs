namespace Wright.Runtime.Configuration;

/// <summary>
/// The roles a model can be configured for under <c>models</c>: <c>small</c> (compaction summaries, titles, memory),
/// <c>subagent</c> (the <c>task</c> tool's children), and the <c>architect</c> / <c>editor</c> pair.
/// </summary>
public static class ModelRoles
{
    public const string Small = "small";
    public const string Subagent = "subagent";
    public const string Architect = "architect";
    public const string Editor = "editor";

    /// <summary>Every known role.</summary>
    public static IReadOnlyList<string> Known { get; } = [Small, Subagent, Architect, Editor];
}
