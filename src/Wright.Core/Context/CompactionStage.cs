namespace Wright.Core.Context;

/// <summary>How far a compaction went.</summary>
public enum CompactionStage
{
    /// <summary>Nothing was changed (below the threshold, or nothing old enough to reduce).</summary>
    None,

    /// <summary>Old tool outputs were replaced by short placeholders.</summary>
    Elided,

    /// <summary>The older part of the conversation was replaced by a summary.</summary>
    Summarized,
}
