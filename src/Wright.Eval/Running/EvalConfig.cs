namespace Wright.Eval.Running;

/// <summary>
/// One configuration under evaluation: a model (<c>provider/model</c>), or an architect/editor pair, and its label in
/// reports.
/// </summary>
public sealed record EvalConfig(string Label, string Model)
{
    /// <summary>The architect's model (plans with read-only tools); with <see cref="Editor"/>, the pair replaces <see cref="Model"/>.</summary>
    public string? Architect { get; init; }

    /// <summary>The editor's model (carries out the plan).</summary>
    public string? Editor { get; init; }
}
