using System.Net;
using System.Net.Sockets;
using System.Text;

namespace Wright.Tests.Sandbox.Network;

/// <summary>
/// A loopback HTTP/1.1 server that answers every request with one fixed body, whatever the Host header says
/// (HttpListener refuses Host names it was not registered for), and counts requests and records their heads.
/// </summary>
public sealed class NamedHostServer : IDisposable
{
    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    private readonly string _body;
    private int _hits;

    public NamedHostServer(string body)
    {
        _body = body;
        _listener.Start();
        Port = ((IPEndPoint)_listener.LocalEndpoint).Port;
        _ = Task.Run(LoopAsync);
    }

    public int Port { get; }

    public int Hits => Volatile.Read(ref _hits);

    public List<string> Heads { get; } = [];

    public void Dispose() => _listener.Stop();

    private async Task LoopAsync()
    {
        while (true)
        {
            TcpClient client;
            try
            {
                client = await _listener.AcceptTcpClientAsync();
            }
            catch (Exception ex) when (ex is SocketException or ObjectDisposedException or InvalidOperationException)
            {
                return;
            }

            _ = Task.Run(() => ServeAsync(client));
        }
    }

    private async Task ServeAsync(TcpClient client)
    {
        using (client)
        {
            try
            {
                var stream = client.GetStream();
                var buffer = new byte[16384];
                var length = 0;
                while (length < buffer.Length)
                {
                    var read = await stream.ReadAsync(buffer.AsMemory(length));
                    if (read == 0)
                        return;
                    length += read;
                    var end = buffer.AsSpan(0, length).IndexOf("\r\n\r\n"u8);
                    if (end >= 0)
                    {
                        lock (Heads)
                            Heads.Add(Encoding.ASCII.GetString(buffer, 0, end));
                        break;
                    }
                }

                Interlocked.Increment(ref _hits);
                var body = Encoding.UTF8.GetBytes(_body);
                await stream.WriteAsync(Encoding.ASCII.GetBytes($"HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\nContent-Length: {body.Length}\r\nConnection: close\r\n\r\n"));
                await stream.WriteAsync(body);
            }
            catch (IOException)
            {
            }
        }
    }
}
