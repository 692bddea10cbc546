using System.Text.Json.Serialization;

namespace Wright.Mcp.Auth;

/// <summary>Source-generated JSON for what the MCP client stores and reads itself (NativeAOT).</summary>
[JsonSourceGenerationOptions(WriteIndented = true, DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    GenerationMode = JsonSourceGenerationMode.Metadata)]
[JsonSerializable(typeof(StoredTokens))]
[JsonSerializable(typeof(ClientCredentialsTokenResponse))]
internal sealed partial class AuthJsonContext : JsonSerializerContext;
