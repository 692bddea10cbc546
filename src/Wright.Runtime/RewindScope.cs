namespace Wright.Runtime;

/// <summary>What a rewind restores.</summary>
public enum RewindScope
{
    /// <summary>The files and the conversation.</summary>
    Both,

    /// <summary>Only the files (changes by shell commands included).</summary>
    Files,

    /// <summary>Only the conversation.</summary>
    Conversation,
}
