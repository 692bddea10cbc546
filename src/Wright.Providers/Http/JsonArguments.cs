using System.Text.Json;
using Microsoft.Extensions.AI;

namespace Wright.Providers.Http;

/// <summary>Tool-call argument (de)serialisation shared by the protocol clients (AOT-safe type infos).</summary>
public static class JsonArguments
{
    /// <summary>Parses streamed argument JSON into a call; invalid JSON sets <see cref="FunctionCallContent.Exception"/>.</summary>
    public static FunctionCallContent Call(string callId, string name, string json) =>
        FunctionCallContent.CreateFromParsedArguments(string.IsNullOrWhiteSpace(json) ? "{}" : json, callId, name,
            static s => (IDictionary<string, object?>?)JsonSerializer.Deserialize(s, AIJsonUtilities.DefaultOptions.GetTypeInfo(typeof(IDictionary<string, object?>))));

    /// <summary>Writes a call's arguments as a JSON object.</summary>
    public static void WriteObject(Utf8JsonWriter writer, IDictionary<string, object?>? arguments)
    {
        if (arguments is null)
        {
            writer.WriteStartObject();
            writer.WriteEndObject();
            return;
        }

        JsonSerializer.Serialize(writer, arguments, AIJsonUtilities.DefaultOptions.GetTypeInfo(typeof(IDictionary<string, object?>)));
    }

    /// <summary>A call's arguments as a JSON string.</summary>
    public static string ToJson(IDictionary<string, object?>? arguments)
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer))
            WriteObject(writer, arguments);
        return System.Text.Encoding.UTF8.GetString(buffer.ToArray());
    }

    /// <summary>A tool result as text.</summary>
    public static string ResultText(FunctionResultContent result) => result.Result switch
    {
        null => "",
        string s => s,
        JsonElement e when e.ValueKind == JsonValueKind.String => e.GetString() ?? "",
        JsonElement e => e.GetRawText(),
        var other => other.ToString() ?? "",
    };
}
