using System.Globalization;
using System.Text.Json;
using ModelContextProtocol.Protocol;
using static ModelContextProtocol.Protocol.ElicitRequestParams;

namespace Wright.Mcp.Elicitation;

/// <summary>The form of an elicitation request: its message and one <see cref="ElicitationField"/> per schema property.</summary>
public sealed class ElicitationForm
{
    private ElicitationForm(string message, IReadOnlyList<ElicitationField> fields)
    {
        Message = message;
        Fields = fields;
    }

    /// <summary>What the server says it wants (untrusted text).</summary>
    public string Message { get; }

    /// <summary>The fields, in the schema's order.</summary>
    public IReadOnlyList<ElicitationField> Fields { get; }

    /// <summary>Builds the form of a request.</summary>
    public static ElicitationForm From(ElicitRequestParams request)
    {
        var required = request.RequestedSchema?.Required ?? [];
        var fields = new List<ElicitationField>();
        foreach (var (name, schema) in request.RequestedSchema?.Properties ?? new Dictionary<string, PrimitiveSchemaDefinition>())
        {
            var field = new ElicitationField(name, schema.Title ?? name, ElicitationFieldKind.Text)
            {
                Description = schema.Description,
                Required = required.Contains(name),
            };
            fields.Add(schema switch
            {
                StringSchema s => field with { Default = s.Default, Min = s.MinLength, Max = s.MaxLength, Format = s.Format },
                NumberSchema n => field with
                {
                    Kind = n.Type == "integer" ? ElicitationFieldKind.Integer : ElicitationFieldKind.Number,
                    Default = n.Default?.ToString(CultureInfo.InvariantCulture), Min = n.Minimum, Max = n.Maximum,
                },
                BooleanSchema b => field with { Kind = ElicitationFieldKind.Boolean, Default = b.Default is { } d ? (d ? "y" : "n") : null },
                UntitledSingleSelectEnumSchema e => field with { Kind = ElicitationFieldKind.Choice, Default = e.Default, Options = Pairs(e.Enum, null) },
                TitledSingleSelectEnumSchema e => field with
                {
                    Kind = ElicitationFieldKind.Choice, Default = e.Default, Options = [.. e.OneOf.Select(o => KeyValuePair.Create(o.Const, o.Title))],
                },
#pragma warning disable MCP9001 // the legacy enumNames form is still sent by servers of the 2025-06-18 revision
                LegacyTitledEnumSchema e => field with { Kind = ElicitationFieldKind.Choice, Default = e.Default, Options = Pairs(e.Enum, e.EnumNames) },
#pragma warning restore MCP9001
                UntitledMultiSelectEnumSchema m => field with
                {
                    Kind = ElicitationFieldKind.MultiChoice, Default = m.Default is { } d ? string.Join(",", d) : null,
                    Options = Pairs(m.Items.Enum, null), Min = m.MinItems, Max = m.MaxItems,
                },
                TitledMultiSelectEnumSchema m => field with
                {
                    Kind = ElicitationFieldKind.MultiChoice, Default = m.Default is { } d ? string.Join(",", d) : null,
                    Options = [.. m.Items.AnyOf.Select(o => KeyValuePair.Create(o.Const, o.Title))], Min = m.MinItems, Max = m.MaxItems,
                },
                _ => field,
            });
        }

        return new ElicitationForm(request.Message, fields);
    }

    /// <summary>An accepting answer with these values (fields left out are absent).</summary>
    public static ElicitResult Accept(IReadOnlyDictionary<string, JsonElement> values) =>
        new() { Action = "accept", Content = new Dictionary<string, JsonElement>(values, StringComparer.Ordinal) };

    private static List<KeyValuePair<string, string>> Pairs(IList<string> values, IList<string>? names) =>
        [.. values.Select((v, i) => KeyValuePair.Create(v, names is not null && i < names.Count ? names[i] : v))];
}
