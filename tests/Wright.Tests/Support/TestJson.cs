using System.Text.Json.Serialization;

namespace Wright.Tests.Support;

[JsonSerializable(typeof(Dictionary<string, string>))]
[JsonSerializable(typeof(Dictionary<string, object>))]
internal sealed partial class TestJson : JsonSerializerContext;
