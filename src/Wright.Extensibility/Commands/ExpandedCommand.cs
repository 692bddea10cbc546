namespace Wright.Extensibility.Commands;

/// <summary>A slash command applied to its arguments: the prompt to send and the command's settings.</summary>
public sealed record ExpandedCommand(CustomCommand Command, string Prompt)
{
    /// <summary>The model the command asks for, if any.</summary>
    public string? Model => Command.Model;

    /// <summary>Allow rules the command grants (only for trusted commands).</summary>
    public IReadOnlyList<string> AllowRules => Command.Trusted ? Command.AllowedTools : [];
}
