using System.Globalization;
using System.Text.Json;

namespace Wright.Mcp.Elicitation;

/// <summary>
/// One field of an elicitation form, taken from the server's schema, with the parsing and validation of what a person
/// types: an empty answer takes the default, or leaves an optional field out; a required field without a default must
/// be answered.
/// </summary>
public sealed record ElicitationField(string Name, string Label, ElicitationFieldKind Kind)
{
    /// <summary>The schema's description, if any (untrusted text from the server).</summary>
    public string? Description { get; init; }

    /// <summary>Whether the schema lists it as required.</summary>
    public bool Required { get; init; }

    /// <summary>The default as a person would type it, if any.</summary>
    public string? Default { get; init; }

    /// <summary>The choices (value, label) of an enum field.</summary>
    public IReadOnlyList<KeyValuePair<string, string>> Options { get; init; } = [];

    /// <summary>Minimum (number) or minimum length (text) or minimum items (multi-choice).</summary>
    public double? Min { get; init; }

    /// <summary>Maximum (number) or maximum length (text) or maximum items (multi-choice).</summary>
    public double? Max { get; init; }

    /// <summary>A string format: email, uri, date or date-time.</summary>
    public string? Format { get; init; }

    /// <summary>
    /// Parses what was typed. Returns true with <paramref name="value"/> set (or null: leave the field out), or false
    /// with a one-line <paramref name="error"/> to show before asking again.
    /// </summary>
    public bool TryParse(string input, out JsonElement? value, out string error)
    {
        value = null;
        error = "";
        input = input.Trim();
        if (input.Length == 0)
        {
            if (Default is not null)
                input = Default;
            else if (Required)
            {
                error = "an answer is required";
                return false;
            }
            else
                return true;
        }

        switch (Kind)
        {
            case ElicitationFieldKind.Number or ElicitationFieldKind.Integer:
                if (!double.TryParse(input, NumberStyles.Float, CultureInfo.InvariantCulture, out var number) || !double.IsFinite(number))
                    return Fail("not a number", out error);
                if (Kind == ElicitationFieldKind.Integer && number != Math.Floor(number))
                    return Fail("must be a whole number", out error);
                if (number < Min || number > Max)
                    return Fail($"must be between {Min?.ToString(CultureInfo.InvariantCulture) ?? "-∞"} and {Max?.ToString(CultureInfo.InvariantCulture) ?? "∞"}", out error);
                value = Kind == ElicitationFieldKind.Integer ? Json(w => w.WriteNumberValue((long)number)) : Json(w => w.WriteNumberValue(number));
                return true;
            case ElicitationFieldKind.Boolean:
                switch (input.ToLowerInvariant())
                {
                    case "y" or "yes" or "true" or "1":
                        value = Json(w => w.WriteBooleanValue(true));
                        return true;
                    case "n" or "no" or "false" or "0":
                        value = Json(w => w.WriteBooleanValue(false));
                        return true;
                    default:
                        return Fail("answer y or n", out error);
                }

            case ElicitationFieldKind.Choice:
                if (Choose(input) is not { } chosen)
                    return Fail($"choose one of {Choices()}", out error);
                value = Json(w => w.WriteStringValue(chosen));
                return true;
            case ElicitationFieldKind.MultiChoice:
                var picked = new List<string>();
                foreach (var part in input.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
                {
                    if (Choose(part) is not { } one)
                        return Fail($"'{part}' is not one of {Choices()}", out error);
                    if (!picked.Contains(one))
                        picked.Add(one);
                }

                if (picked.Count < Min || picked.Count > Max)
                    return Fail($"choose between {Min ?? 0} and {Max?.ToString(CultureInfo.InvariantCulture) ?? "all"} items", out error);
                value = Json(w =>
                {
                    w.WriteStartArray();
                    foreach (var p in picked)
                        w.WriteStringValue(p);
                    w.WriteEndArray();
                });
                return true;
            default:
                if (input.Length < Min || input.Length > Max)
                    return Fail($"must be {Min ?? 0} to {Max?.ToString(CultureInfo.InvariantCulture) ?? "any number of"} characters", out error);
                if (!FormatOk(input))
                    return Fail($"not a valid {Format}", out error);
                value = Json(w => w.WriteStringValue(input));
                return true;
        }
    }

    /// <summary>The choices as shown: "1) label, 2) label".</summary>
    public string Choices() => string.Join(", ", Options.Select((o, i) => $"{i + 1}) {o.Value}"));

    private string? Choose(string input)
    {
        if (int.TryParse(input, NumberStyles.None, CultureInfo.InvariantCulture, out var index) && index >= 1 && index <= Options.Count)
            return Options[index - 1].Key;
        foreach (var (key, label) in Options)
        {
            if (string.Equals(input, key, StringComparison.OrdinalIgnoreCase) || string.Equals(input, label, StringComparison.OrdinalIgnoreCase))
                return key;
        }

        return null;
    }

    private bool FormatOk(string input) => Format switch
    {
        "email" => input.IndexOf('@', StringComparison.Ordinal) is > 0 && input.IndexOf('@', StringComparison.Ordinal) < input.Length - 1 && !input.Contains(' ', StringComparison.Ordinal),
        "uri" => Uri.TryCreate(input, UriKind.Absolute, out _),
        "date" => DateOnly.TryParseExact(input, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out _),
        "date-time" => DateTimeOffset.TryParse(input, CultureInfo.InvariantCulture, DateTimeStyles.None, out _),
        _ => true,
    };

    private static bool Fail(string message, out string error)
    {
        error = message;
        return false;
    }

    internal static JsonElement Json(Action<Utf8JsonWriter> write)
    {
        var buffer = new System.Buffers.ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(buffer))
            write(writer);
        using var document = JsonDocument.Parse(buffer.WrittenMemory);
        return document.RootElement.Clone();
    }
}
