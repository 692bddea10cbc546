using System.Text.Json;

namespace Wright.Providers.Local;

/// <summary>
/// Looks for a running Ollama or LM Studio on loopback so Wright works out of the box with a local model.
/// Probes are short (a few hundred ms) and happen only when no model is configured.
/// </summary>
public static class LocalProviderProbe
{
    /// <summary>Returns the first model of the first local server that answers, as a spec, or null.</summary>
    public static async Task<ModelSpec?> FindAsync(HttpClient http, Func<string, string?> environment, CancellationToken cancellationToken)
    {
        foreach (var id in new[] { "ollama", "lmstudio" })
        {
            if ((await ModelsAsync(http, id, environment, cancellationToken)).FirstOrDefault() is { } model)
                return new ModelSpec(id, model);
        }

        return null;
    }

    /// <summary>The models a local server (<c>ollama</c> or <c>lmstudio</c>) serves, embedding models left out; empty when it does not answer.</summary>
    public static async Task<IReadOnlyList<string>> ModelsAsync(HttpClient http, string id, Func<string, string?> environment, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(environment);
        var preset = ProviderPresets.All[id];
        var baseUrl = preset.BaseUrlVariables.Select(environment).FirstOrDefault(v => !string.IsNullOrWhiteSpace(v)) ?? preset.DefaultBaseUrl;
        return await ListAsync(http, baseUrl, cancellationToken);
    }

    private static async Task<IReadOnlyList<string>> ListAsync(HttpClient http, string baseUrl, CancellationToken cancellationToken)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(TimeSpan.FromMilliseconds(400));
        try
        {
            using var response = await http.GetAsync(baseUrl.TrimEnd('/') + "/models", timeout.Token);
            if (!response.IsSuccessStatusCode)
                return [];
            await using var stream = await response.Content.ReadAsStreamAsync(timeout.Token);
            using var doc = await JsonDocument.ParseAsync(stream, cancellationToken: timeout.Token);
            var models = new List<string>();
            if (doc.RootElement.TryGetProperty("data", out var data) && data.ValueKind == JsonValueKind.Array)
            {
                foreach (var item in data.EnumerateArray())
                {
                    if (item.TryGetProperty("id", out var id) && id.ValueKind == JsonValueKind.String && id.GetString() is { Length: > 0 } name
                        && !name.Contains("embed", StringComparison.OrdinalIgnoreCase))
                        models.Add(name);
                }
            }

            return models;
        }
        catch (Exception ex) when (ex is HttpRequestException or OperationCanceledException or JsonException or IOException)
        {
            if (cancellationToken.IsCancellationRequested)
                throw;
            return [];
        }
    }
}
