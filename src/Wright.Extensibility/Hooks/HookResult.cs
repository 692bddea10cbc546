using System.Text.Json;

namespace Wright.Extensibility.Hooks;

/// <summary>
/// What a hook command did. Exit code 0: success (stdout may be JSON with a decision, or plain text); 2: blocking
/// (stderr is the reason); anything else: a non-blocking error shown to the user.
/// </summary>
public sealed record HookResult(HookCommand Hook, int ExitCode, string Stdout, string Stderr, bool TimedOut)
{
    /// <summary>The stdout parsed as a JSON object, or null.</summary>
    public JsonElement? Json
    {
        get
        {
            var text = Stdout.Trim();
            if (!text.StartsWith('{'))
                return null;
            try
            {
                using var doc = JsonDocument.Parse(text);
                return doc.RootElement.Clone();
            }
            catch (JsonException)
            {
                return null;
            }
        }
    }

    /// <summary>Exit code 2.</summary>
    public bool Blocking => ExitCode == 2;

    /// <summary>A string property of the JSON output, or of its hookSpecificOutput.</summary>
    public string? Field(string name)
    {
        if (Json is not { ValueKind: JsonValueKind.Object } json)
            return null;
        if (json.TryGetProperty("hookSpecificOutput", out var specific) && specific.ValueKind == JsonValueKind.Object
            && specific.TryGetProperty(name, out var inner) && inner.ValueKind == JsonValueKind.String)
            return inner.GetString();
        return json.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString() : null;
    }
}
