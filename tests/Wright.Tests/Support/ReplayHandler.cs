using System.Net;
using System.Text;

namespace Wright.Tests.Support;

/// <summary>An HttpMessageHandler that answers with recorded bytes (or a status) and keeps the requests it saw.</summary>
public sealed class ReplayHandler(Func<int, HttpResponseMessage> respond) : HttpMessageHandler
{
    public List<(HttpRequestMessage Request, string Body)> Requests { get; } = [];

    public static ReplayHandler Sse(params string[] bodies) => new(i => new HttpResponseMessage(HttpStatusCode.OK)
    {
        Content = new StringContent(bodies[Math.Min(i, bodies.Length - 1)], Encoding.UTF8, "text/event-stream"),
    });

    public static string Fixture(string relative) => File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Fixtures", relative));

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var body = request.Content is null ? "" : await request.Content.ReadAsStringAsync(cancellationToken);
        Requests.Add((request, body));
        return respond(Requests.Count - 1);
    }
}
