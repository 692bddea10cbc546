using System.Net;
using System.Text;
using System.Text.Json;
using Wright.Tests.Support;

namespace Wright.Tests.E2E;

/// <summary>
/// A loopback proxy in front of aimock that keeps the raw request bodies, since aimock's journal normalises every
/// protocol into one shape (and so hides Anthropic thinking blocks and cache breakpoints).
/// </summary>
public sealed class RecordingProxy : IDisposable
{
    private static readonly HttpClient Http = new(new SocketsHttpHandler { AutomaticDecompression = DecompressionMethods.None });
    private readonly TinyHttpServer _server;
    private readonly List<(string Path, JsonElement Body, Dictionary<string, string> Headers)> _requests = [];

    public RecordingProxy(string target)
    {
        _server = new TinyHttpServer(async (req, res) =>
        {
            using var reader = new StreamReader(req.InputStream, Encoding.UTF8);
            var body = await reader.ReadToEndAsync();
            var headers = req.Headers.AllKeys.OfType<string>().ToDictionary(k => k.ToLowerInvariant(), k => req.Headers[k] ?? "");
            lock (_requests)
                _requests.Add((req.Url!.AbsolutePath, JsonDocument.Parse(body.Length == 0 ? "{}" : body).RootElement.Clone(), headers));
            using var forward = new HttpRequestMessage(new HttpMethod(req.HttpMethod), target.TrimEnd('/') + req.Url!.PathAndQuery)
            {
                Content = new StringContent(body, Encoding.UTF8, "application/json"),
            };
            foreach (var (k, v) in headers.Where(h => h.Key is "authorization" or "x-api-key" or "anthropic-version"))
                forward.Headers.TryAddWithoutValidation(k, v);
            using var response = await Http.SendAsync(forward, HttpCompletionOption.ResponseHeadersRead);
            res.StatusCode = (int)response.StatusCode;
            res.ContentType = response.Content.Headers.ContentType?.ToString();
            res.SendChunked = true;
            await using (var stream = await response.Content.ReadAsStreamAsync())
                await stream.CopyToAsync(res.OutputStream);
            res.Close();
        });
    }

    public string BaseUrl => _server.BaseUrl.TrimEnd('/');

    public IReadOnlyList<(string Path, JsonElement Body, Dictionary<string, string> Headers)> Requests
    {
        get { lock (_requests) return [.. _requests]; }
    }

    public void Dispose() => _server.Dispose();
}
