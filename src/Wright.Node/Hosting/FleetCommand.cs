using System.CommandLine;
using System.Globalization;
using System.Net.Http.Headers;
using System.Text.Json;
using Wright.Node.Text;
using Wright.Runtime.Configuration;

namespace Wright.Node.Hosting;

/// <summary><c>fleet status</c> and <c>fleet drain NODE</c>: any node's API answers for the whole fleet.</summary>
internal static class FleetCommand
{
    /// <summary>The columns of <c>fleet status</c> (a layout, not words).</summary>
    private const string StatusColumns = "{0,-24} {1,-9} {2,-8} {3,-28} {4}";

    public static Command Create()
    {
        var url = new Option<string?>("--url") { Description = NodeStrings.UrlOption, Recursive = true };
        var json = new Option<bool>("--json") { Description = "Print the API's JSON" };
        var status = new Command("status", NodeStrings.StatusDescription) { json };
        status.SetAction(async (result, ct) =>
        {
            var (code, body) = await SendAsync(HttpMethod.Get, result.GetValue(url), "/api/fleet", ct);
            if (code != 200)
                return code;
            if (result.GetValue(json))
            {
                Console.WriteLine(body);
                return 0;
            }

            var fleet = JsonSerializer.Deserialize(body, FleetJsonContext.Default.FleetStatus)!;
            Console.WriteLine(string.Format(CultureInfo.InvariantCulture, StatusColumns, "NODE", "STATE", "LOAD", "API", "ATTEMPTS"));
            foreach (var node in fleet.Nodes)
            {
                var state = node.Draining && node.Status == "active" ? "draining" : node.Status;
                var load = string.Create(CultureInfo.InvariantCulture, $"{node.Running}/{node.MaxParallel}");
                Console.WriteLine(string.Format(CultureInfo.InvariantCulture, StatusColumns, node.Name, state, load, node.Url, string.Join(' ', node.Attempts)));
            }

            return 0;
        });
        var nodeName = new Argument<string>("node") { Description = "The node's name or id, as `fleet status` shows it" };
        var drain = new Command("drain", NodeStrings.DrainDescription) { nodeName };
        drain.SetAction(async (result, ct) =>
        {
            var node = result.GetValue(nodeName)!;
            var (code, _) = await SendAsync(HttpMethod.Post, result.GetValue(url), "/api/fleet/nodes/" + Uri.EscapeDataString(node) + "/drain", ct);
            if (code != 200)
                return code;
            Console.WriteLine(string.Format(CultureInfo.InvariantCulture, NodeStrings.DrainAsked, node));
            return 0;
        });
        return new Command("fleet", NodeStrings.FleetDescription) { url, status, drain };
    }

    /// <summary>Sends the request with the API token; (0 or an exit code, the body).</summary>
    private static async Task<(int Code, string Body)> SendAsync(HttpMethod method, string? url, string path, CancellationToken cancellationToken)
    {
        var baseUrl = url ?? Environment.GetEnvironmentVariable("WRIGHT_SERVER_URL") ?? "http://127.0.0.1:8420";
        var token = Environment.GetEnvironmentVariable("WRIGHT_SERVER_TOKEN");
        if (string.IsNullOrWhiteSpace(token))
        {
            var file = Path.Combine(WrightHome.Resolve(Environment.GetEnvironmentVariable), "server-token");
            token = File.Exists(file) ? (await File.ReadAllTextAsync(file, cancellationToken)).Trim() : null;
        }

        if (string.IsNullOrWhiteSpace(token))
        {
            Console.Error.WriteLine(NodeStrings.ErrorPrefix + NodeStrings.NoToken);
            return (2, "");
        }

        using var http = new HttpClient { BaseAddress = new Uri(baseUrl), Timeout = TimeSpan.FromSeconds(30) };
        using var request = new HttpRequestMessage(method, path);
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        try
        {
            using var response = await http.SendAsync(request, cancellationToken);
            var body = await response.Content.ReadAsStringAsync(cancellationToken);
            if (response.IsSuccessStatusCode)
                return (200, body);
            Console.Error.WriteLine(NodeStrings.ErrorPrefix + string.Format(CultureInfo.InvariantCulture, NodeStrings.RequestFailed, baseUrl, (int)response.StatusCode, body));
            return (1, body);
        }
        catch (HttpRequestException e)
        {
            Console.Error.WriteLine(NodeStrings.ErrorPrefix + string.Format(CultureInfo.InvariantCulture, NodeStrings.Unreachable, baseUrl, e.Message));
            return (1, "");
        }
    }
}
