namespace Wright.Core.Tools;

/// <summary>Whether a tool can change anything.</summary>
public enum ToolEffect
{
    /// <summary>Only reads; may run concurrently with other read-only calls.</summary>
    ReadOnly,

    /// <summary>May change files, processes or the outside world; runs alone, in order.</summary>
    Mutating,
}
