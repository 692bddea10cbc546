using System.Text.Json.Serialization;

namespace Wright.Tests.Support;

[JsonSerializable(typeof(Dictionary<string, string>))]
[JsonSerializable(typeof(Dictionary<string, object>))]
[JsonSerializable(typeof(string))]
[JsonSerializable(typeof(int))]
[JsonSerializable(typeof(bool))]
[JsonSerializable(typeof(Dictionary<string, object>[]))]
[JsonSerializable(typeof(List<System.Text.Json.JsonElement>))]
internal sealed partial class TestJson : JsonSerializerContext;
