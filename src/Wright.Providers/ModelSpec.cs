namespace Wright.Providers;

/// <summary>A model spec <c>provider/model</c>; the model part may itself contain slashes (openrouter).</summary>
public sealed record ModelSpec(string Provider, string Model)
{
    /// <summary>Parses a spec; returns false with a reason when it is malformed.</summary>
    public static bool TryParse(string? text, out ModelSpec spec, out string error)
    {
        spec = new ModelSpec("", "");
        error = "";
        text = text?.Trim();
        if (string.IsNullOrEmpty(text))
        {
            error = "the model spec is empty";
            return false;
        }

        var slash = text.IndexOf('/', StringComparison.Ordinal);
        if (slash <= 0 || slash == text.Length - 1)
        {
            error = $"'{text}' is not a model spec: use provider/model, e.g. anthropic/claude-sonnet-4-5 or deepseek/deepseek-chat";
            return false;
        }

        spec = new ModelSpec(text[..slash].ToLowerInvariant(), text[(slash + 1)..]);
        return true;
    }

    /// <inheritdoc />
    public override string ToString() => $"{Provider}/{Model}";
}
