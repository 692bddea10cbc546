using System.Net;

namespace Wright.Tests.Support;

/// <summary>Serves the files of a folder over loopback HTTP (404 for anything else); counts the requests.</summary>
public sealed class StaticFileServer : IDisposable
{
    private readonly TinyHttpServer _server;
    private int _requests;

    public StaticFileServer(string folder, Func<string, byte[], byte[]>? rewrite = null)
    {
        Folder = folder;
        _server = new TinyHttpServer(async (request, response) =>
        {
            Interlocked.Increment(ref _requests);
            var relative = Uri.UnescapeDataString(request.Url!.AbsolutePath).TrimStart('/');
            var path = Path.GetFullPath(Path.Combine(folder, relative));
            if (relative.Length == 0 || !path.StartsWith(Path.GetFullPath(folder) + "/", StringComparison.Ordinal) || !File.Exists(path))
            {
                await TinyHttpServer.Write(response, "not found", "text/plain", (int)HttpStatusCode.NotFound);
                return;
            }

            var bytes = await File.ReadAllBytesAsync(path);
            if (rewrite is not null)
                bytes = rewrite(relative, bytes);
            response.ContentType = "application/octet-stream";
            response.ContentLength64 = bytes.Length;
            await response.OutputStream.WriteAsync(bytes);
            response.Close();
        });
    }

    public string Folder { get; }

    /// <summary>The folder's URL, ending in '/'.</summary>
    public string Url => _server.BaseUrl;

    public int Requests => _requests;

    public void Dispose() => _server.Dispose();
}
