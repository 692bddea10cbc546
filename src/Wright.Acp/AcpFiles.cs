using System.Collections.Concurrent;
using System.Text.Json;
using System.Text.Json.Nodes;
using Wright.Acp.Rpc;
using Wright.Acp.Text;
using Wright.Tools.Files;

namespace Wright.Acp;

/// <summary>
/// The client's file system, for the file tools (<see cref="IEditorFiles"/>): <c>fs/read_text_file</c> and
/// <c>fs/write_text_file</c> requests to the client, each side only when the client's <c>initialize</c> advertised
/// it (<c>clientCapabilities.fs.readTextFile</c> / <c>writeTextFile</c>). The tools have made every check on the disk
/// before they call here; this refuses any path outside the workspace once more, before anything is sent. A JSON-RPC
/// error, a missing answer (after <see cref="Deadline"/>) or a client gone away becomes an
/// <see cref="EditorFilesException"/> the tool reports to the model. The last text read or written per path is kept
/// for the diffs tool calls show (<see cref="Known"/>).
/// </summary>
internal sealed class AcpFiles(JsonRpcConnection connection, bool canRead, bool canWrite) : IEditorFiles
{
    /// <summary>How long one request may wait for the client (it reads a buffer or saves a file: quick).</summary>
    public static readonly TimeSpan Deadline = TimeSpan.FromSeconds(30);

    private const int MaxKnownChars = 1024 * 1024;
    private const int MaxKnownFiles = 256;

    private readonly ConcurrentDictionary<string, string> _known = new(StringComparer.Ordinal);

    /// <summary>The session (set once it exists; no tool runs before).</summary>
    public string SessionId { get; set; } = "";

    /// <summary>The canonical workspace (set with the session).</summary>
    public string Workspace { get; set; } = "";

    public bool CanRead { get; } = canRead;

    public bool CanWrite { get; } = canWrite;

    public async Task<string> ReadTextAsync(string path, CancellationToken cancellationToken)
    {
        const string Method = "fs/read_text_file";
        var result = await CallAsync(Method, new JsonObject { ["sessionId"] = SessionId, ["path"] = Inside(path) }, cancellationToken);
        var text = result is JsonObject o && o["content"] is JsonValue v && v.GetValueKind() == JsonValueKind.String
            ? v.GetValue<string>()
            : throw new EditorFilesException(Params.Format(Strings.ClientFsBadAnswer, Method));
        Remember(path, text);
        return text;
    }

    public async Task WriteTextAsync(string path, string text, CancellationToken cancellationToken)
    {
        await CallAsync("fs/write_text_file", new JsonObject { ["sessionId"] = SessionId, ["path"] = Inside(path), ["content"] = text }, cancellationToken);
        Remember(path, text);
    }

    /// <summary>The text the editor last gave or took for <paramref name="path"/>, or null.</summary>
    public string? Known(string path) => _known.TryGetValue(path, out var text) ? text : null;

    private void Remember(string path, string text)
    {
        if (text.Length > MaxKnownChars)
        {
            _known.TryRemove(path, out _); // too big to keep: the diff falls back to the disk rather than an old text
            return;
        }

        if (_known.Count >= MaxKnownFiles)
            _known.Clear();
        _known[path] = text;
    }

    private string Inside(string path) =>
        Path.IsPathFullyQualified(path) && Workspace.Length > 0 && WorkspaceFs.Relative(Path.GetFullPath(path), Workspace) is { Length: > 0 }
            ? path
            : throw new EditorFilesException(Params.Format(Strings.ClientFsOutside, path));

    private async Task<JsonNode?> CallAsync(string method, JsonObject parameters, CancellationToken cancellationToken)
    {
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(Deadline);
        try
        {
            return await connection.RequestAsync(method, parameters, deadline.Token);
        }
        catch (JsonRpcException ex)
        {
            throw new EditorFilesException(Params.Format(Strings.ClientFsError, method, ex.Message), ex);
        }
        catch (OperationCanceledException ex) when (!cancellationToken.IsCancellationRequested)
        {
            throw new EditorFilesException(deadline.IsCancellationRequested
                ? Params.Format(Strings.ClientFsTimeout, method, (int)Deadline.TotalSeconds)
                : Params.Format(Strings.ClientFsGone, method), ex);
        }
    }
}
