using System.Collections.Specialized;
using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Web;
using ModelContextProtocol.Authentication;

namespace Wright.Mcp.Auth;

/// <summary>
/// The OAuth redirect to a local port (RFC 8252): listens on 127.0.0.1, opens the authorization URL in the browser
/// (<c>xdg-open</c> by absolute path, only where there is a display) and always prints it too, then waits for the one
/// request to <c>/callback</c> that carries the <c>state</c> this login sent. Other requests (another local process
/// guessing the port, a favicon) get an error page and change nothing. A hand-written listener on a socket rather than
/// <c>HttpListener</c>: one GET line is all it reads, and it stays small under NativeAOT.
/// </summary>
public sealed class LoopbackLogin : IMcpLogin, IDisposable
{
    private readonly TcpListener _listener;
    private readonly TextWriter _output;
    private readonly Func<string, string?> _environment;
    private readonly TimeSpan _timeout;

    private LoopbackLogin(TcpListener listener, TextWriter output, Func<string, string?> environment, TimeSpan timeout)
    {
        _listener = listener;
        _output = output;
        _environment = environment;
        _timeout = timeout;
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        RedirectUri = new Uri($"http://127.0.0.1:{port}/callback");
    }

    /// <inheritdoc />
    public Uri RedirectUri { get; }

    /// <summary>Binds the port (0: any free one) and starts listening.</summary>
    public static LoopbackLogin Start(int port, TextWriter output, Func<string, string?> environment, TimeSpan? timeout = null)
    {
        var listener = new TcpListener(IPAddress.Loopback, port);
        listener.Start();
        return new LoopbackLogin(listener, output, environment, timeout ?? TimeSpan.FromMinutes(5));
    }

    /// <inheritdoc />
    public async Task<AuthorizationResult?> AuthorizeAsync(string server, Uri authorizationUrl, CancellationToken cancellationToken)
    {
        var expectedState = HttpUtility.ParseQueryString(authorizationUrl.Query)["state"];
        await _output.WriteLineAsync($"Sign in to MCP server '{server}' in your browser:\n  {authorizationUrl}");
        var opened = OpenBrowser(authorizationUrl);
        await _output.WriteLineAsync(opened is not null
            ? $"(opened with {opened}; waiting for the redirect to {RedirectUri})"
            : $"(no browser here: open the URL yourself; waiting for the redirect to {RedirectUri})");
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(_timeout);
        try
        {
            while (true)
            {
                using var client = await _listener.AcceptTcpClientAsync(deadline.Token);
                var result = await HandleAsync(client, expectedState, deadline.Token);
                if (result is not null)
                    return result.Code is null ? null : result;
            }
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            throw new McpLoginException($"no sign-in arrived at {RedirectUri} within {_timeout.TotalMinutes:0} minutes");
        }
    }

    /// <inheritdoc />
    public void Dispose() => _listener.Dispose();

    private static async Task<AuthorizationResult?> HandleAsync(TcpClient client, string? expectedState, CancellationToken cancellationToken)
    {
        var stream = client.GetStream();
        using var read = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        read.CancelAfter(TimeSpan.FromSeconds(10));
        string? line;
        try
        {
            line = await ReadRequestLineAsync(stream, read.Token);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return null; // a connection that never sent a request line
        }
        catch (IOException)
        {
            return null;
        }

        var parts = line?.Split(' ');
        if (parts is not [ "GET", var target, _ ] || !Uri.TryCreate(new Uri("http://127.0.0.1"), target, out var uri) || uri.AbsolutePath != "/callback")
        {
            await RespondAsync(stream, 404, "Not found.", cancellationToken);
            return null;
        }

        NameValueCollection query = HttpUtility.ParseQueryString(uri.Query);
        if (expectedState is not null && query["state"] != expectedState)
        {
            await RespondAsync(stream, 400, "This sign-in does not belong to the login that is waiting (state does not match).", cancellationToken);
            return null;
        }

        if (query["error"] is { } error)
        {
            await RespondAsync(stream, 200, $"Sign-in failed: {error} {query["error_description"]}. You can close this tab.", cancellationToken);
            throw new McpLoginException($"the authorization server answered {error}{(query["error_description"] is { } d ? ": " + d : "")}");
        }

        if (string.IsNullOrEmpty(query["code"]))
        {
            await RespondAsync(stream, 400, "No authorization code in this request.", cancellationToken);
            return null;
        }

        await RespondAsync(stream, 200, "Signed in. You can close this tab and return to Wright.", cancellationToken);
        return new AuthorizationResult { Code = query["code"], State = query["state"], Iss = query["iss"] };
    }

    private static async Task<string?> ReadRequestLineAsync(NetworkStream stream, CancellationToken cancellationToken)
    {
        var buffer = new byte[8192];
        var length = 0;
        while (length < buffer.Length)
        {
            var n = await stream.ReadAsync(buffer.AsMemory(length), cancellationToken);
            if (n == 0)
                break;
            length += n;
            var text = Encoding.ASCII.GetString(buffer, 0, length);
            var end = text.IndexOf("\r\n\r\n", StringComparison.Ordinal);
            if (end >= 0)
                return text[..text.IndexOf("\r\n", StringComparison.Ordinal)];
        }

        return null;
    }

    private static async Task RespondAsync(NetworkStream stream, int status, string message, CancellationToken cancellationToken)
    {
        var body = Encoding.UTF8.GetBytes($"<!doctype html><meta charset=utf-8><title>Wright</title><p>{WebUtility.HtmlEncode(message)}</p>\n");
        var reason = status switch { 200 => "OK", 400 => "Bad Request", _ => "Not Found" };
        var head = Encoding.ASCII.GetBytes($"HTTP/1.1 {status} {reason}\r\nContent-Type: text/html; charset=utf-8\r\nContent-Length: {body.Length}\r\nConnection: close\r\nCache-Control: no-store\r\n\r\n");
        try
        {
            await stream.WriteAsync(head, cancellationToken);
            await stream.WriteAsync(body, cancellationToken);
        }
        catch (IOException)
        {
            // The browser went away; the result stands.
        }
    }

    /// <summary>Opens the URL with xdg-open found on PATH (absolute directories only) when a display exists; returns the program or null.</summary>
    private string? OpenBrowser(Uri url)
    {
        if (string.IsNullOrEmpty(_environment("DISPLAY")) && string.IsNullOrEmpty(_environment("WAYLAND_DISPLAY")))
            return null;
        var xdgOpen = Wright.Core.Processes.TrustedPrograms.Find("xdg-open", path: _environment("PATH"));
        if (xdgOpen is null)
            return null;
        var psi = new ProcessStartInfo(xdgOpen) { UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true, RedirectStandardInput = true };
        psi.ArgumentList.Add(url.ToString());
        try
        {
            var process = Process.Start(psi);
            if (process is null)
                return null;
            process.StandardInput.Close();
            _ = DrainAsync(process);
            return xdgOpen;
        }
        catch (System.ComponentModel.Win32Exception)
        {
            return null;
        }

        static async Task DrainAsync(Process process)
        {
            try
            {
                await Task.WhenAll(process.StandardOutput.ReadToEndAsync(), process.StandardError.ReadToEndAsync());
                await process.WaitForExitAsync();
            }
            catch (Exception ex) when (ex is IOException or InvalidOperationException)
            {
                // The opener's output is of no use; its failure shows as no sign-in arriving.
            }
            finally
            {
                process.Dispose();
            }
        }
    }
}
