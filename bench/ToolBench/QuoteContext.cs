using System.Text.Json.Serialization;

namespace Wright.Bench;

/// <summary>Source-generated JSON for the one thing ToolBench serialises: a string.</summary>
[JsonSerializable(typeof(string))]
internal sealed partial class QuoteContext : JsonSerializerContext;
