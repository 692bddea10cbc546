using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;

namespace Wright.Tests.Server;

/// <summary>
/// The task API as the tests call it, shared by <c>wright serve</c> (<see cref="ServeProcess"/>) and a fleet node
/// (<c>NodeProcess</c>): bearer-token requests, JSON answers, and polling a task with a deadline.
/// </summary>
internal sealed class TaskApi(Uri baseAddress, string token, string label, Func<string> stderr) : IDisposable
{
    public HttpClient Http { get; } = Client(baseAddress, token);

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public async Task<JsonElement> GetJsonAsync(string path)
    {
        using var response = await Http.GetAsync(path, Ct);
        var text = await response.Content.ReadAsStringAsync(Ct);
        Assert.True(response.IsSuccessStatusCode, $"{label}{path}: {(int)response.StatusCode} {text}");
        return JsonDocument.Parse(text).RootElement.Clone();
    }

    public async Task<(int Status, JsonElement Body)> SendAsync(HttpMethod method, string path, string? json = null)
    {
        using var request = new HttpRequestMessage(method, path);
        if (json is not null)
            request.Content = new StringContent(json, Encoding.UTF8, "application/json");
        using var response = await Http.SendAsync(request, Ct);
        var text = await response.Content.ReadAsStringAsync(Ct);
        return ((int)response.StatusCode, text.Length == 0 ? default : JsonDocument.Parse(text).RootElement.Clone());
    }

    /// <summary>Polls the task until <paramref name="done"/> holds, for at most <paramref name="seconds"/>.</summary>
    public async Task<JsonElement> WaitAsync(string id, Func<JsonElement, bool> done, int seconds)
    {
        var deadline = DateTime.UtcNow.AddSeconds(seconds);
        JsonElement task;
        do
        {
            task = await GetJsonAsync("/api/tasks/" + id);
            if (done(task))
                return task;
            await Task.Delay(100, Ct);
        }
        while (DateTime.UtcNow < deadline);
        Assert.Fail($"task {id} did not reach the expected state within {seconds} s: {task}\n{stderr()}");
        return task;
    }

    public Task<JsonElement> WaitStatusAsync(string id, string status, int seconds) =>
        WaitAsync(id, t => t.GetProperty("status").GetString() == status, seconds);

    public void Dispose() => Http.Dispose();

    private static HttpClient Client(Uri baseAddress, string token)
    {
        var http = new HttpClient { BaseAddress = baseAddress, Timeout = TimeSpan.FromSeconds(60) };
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return http;
    }
}
