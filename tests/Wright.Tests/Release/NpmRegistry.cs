using System.Formats.Tar;
using System.IO.Compression;
using System.Net;
using System.Security.Cryptography;
using System.Text.Json;
using System.Text.Json.Nodes;
using Wright.Tests.Support;

namespace Wright.Tests.Release;

/// <summary>
/// A minimal npm registry on loopback that serves packed tarballs (a packument per name, the tarballs under
/// /-/tarballs/), so that <c>npm install</c> resolves the optional per-platform dependencies exactly as it would on
/// the public registry, without it. Names it does not hold get 404.
/// </summary>
public sealed class NpmRegistry : IDisposable
{
    private readonly Dictionary<string, JsonObject> _packuments = new(StringComparer.Ordinal);
    private readonly Dictionary<string, string> _tarballs = new(StringComparer.Ordinal);
    private readonly TinyHttpServer _server;
    private readonly List<string> _requested = [];

    public NpmRegistry(IEnumerable<string> tarballs)
    {
        _server = new TinyHttpServer(HandleAsync);
        foreach (var tarball in tarballs)
            Add(tarball);
    }

    public string Url => _server.BaseUrl;

    /// <summary>The package names asked for, in order.</summary>
    public IReadOnlyList<string> Requested
    {
        get
        {
            lock (_requested)
                return [.. _requested];
        }
    }

    public void Dispose() => _server.Dispose();

    private void Add(string tarball)
    {
        var manifest = ReadPackageJson(tarball);
        var name = manifest["name"]!.GetValue<string>();
        var version = manifest["version"]!.GetValue<string>();
        var file = Path.GetFileName(tarball);
        _tarballs[file] = tarball;
        var bytes = File.ReadAllBytes(tarball);
        manifest["dist"] = new JsonObject
        {
            ["tarball"] = $"{Url}-/tarballs/{file}",
            ["shasum"] = Convert.ToHexStringLower(SHA1.HashData(bytes)),
            ["integrity"] = "sha512-" + Convert.ToBase64String(SHA512.HashData(bytes)),
        };
        manifest["_id"] = $"{name}@{version}";
        _packuments[name] = new JsonObject
        {
            ["name"] = name,
            ["dist-tags"] = new JsonObject { ["latest"] = version },
            ["versions"] = new JsonObject { [version] = manifest },
        };
    }

    private static JsonObject ReadPackageJson(string tarball)
    {
        using var gzip = new GZipStream(File.OpenRead(tarball), CompressionMode.Decompress);
        using var tar = new TarReader(gzip);
        while (tar.GetNextEntry() is { } entry)
        {
            if (entry.Name == "package/package.json")
                return JsonNode.Parse(entry.DataStream!)!.AsObject();
        }

        throw new InvalidDataException($"{tarball} has no package/package.json");
    }

    private async Task HandleAsync(HttpListenerRequest request, HttpListenerResponse response)
    {
        var path = request.RawUrl!.Split('?')[0].TrimStart('/');
        if (path.StartsWith("-/tarballs/", StringComparison.Ordinal) && _tarballs.TryGetValue(path["-/tarballs/".Length..], out var file))
        {
            var bytes = await File.ReadAllBytesAsync(file);
            response.ContentType = "application/octet-stream";
            response.ContentLength64 = bytes.Length;
            await response.OutputStream.WriteAsync(bytes);
            response.Close();
            return;
        }

        var name = Uri.UnescapeDataString(path);
        lock (_requested)
            _requested.Add(name);
        if (_packuments.TryGetValue(name, out var packument))
            await TinyHttpServer.Write(response, packument.ToJsonString(), "application/json");
        else
            await TinyHttpServer.Write(response, JsonSerializer.Serialize(new Dictionary<string, string> { ["error"] = "Not found" }, TestJson.Default.DictionaryStringString), "application/json", 404);
    }
}
