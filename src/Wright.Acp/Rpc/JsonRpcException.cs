namespace Wright.Acp.Rpc;

/// <summary>A JSON-RPC error to answer a request with: its code and one clear line.</summary>
internal sealed class JsonRpcException(int code, string message) : Exception(message)
{
    public const int ParseError = -32700;
    public const int InvalidRequest = -32600;
    public const int MethodNotFound = -32601;
    public const int InvalidParams = -32602;
    public const int InternalError = -32603;
    public const int ResourceNotFound = -32002;

    /// <summary>The JSON-RPC error code.</summary>
    public int Code { get; } = code;
}
