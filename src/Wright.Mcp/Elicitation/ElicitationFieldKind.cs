namespace Wright.Mcp.Elicitation;

/// <summary>What a field of an elicitation form takes.</summary>
public enum ElicitationFieldKind
{
    /// <summary>Free text (with optional length and format).</summary>
    Text,

    /// <summary>A number.</summary>
    Number,

    /// <summary>A whole number.</summary>
    Integer,

    /// <summary>Yes or no.</summary>
    Boolean,

    /// <summary>One of a list.</summary>
    Choice,

    /// <summary>Several of a list.</summary>
    MultiChoice,
}
