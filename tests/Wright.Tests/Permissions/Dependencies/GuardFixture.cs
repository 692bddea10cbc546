using System.Text.Json;
using Wright.Core.Tools;
using Wright.Permissions.Dependencies;
using Wright.Permissions.Dependencies.Registries;
using Wright.Tests.Support;

namespace Wright.Tests.Permissions.Dependencies;

/// <summary>A workspace, a mock registry, a cache folder, and a guard configured to ask that registry.</summary>
public sealed class GuardFixture : IDisposable
{
    private static readonly HttpClient Http = new();

    public GuardFixture(string? extraConfig = null, bool registryDown = false)
    {
        Root = Directory.CreateTempSubdirectory("wright-deps-").FullName;
        Workspace = Path.Combine(Root, "ws");
        Cache = Path.Combine(Root, "cache");
        Directory.CreateDirectory(Workspace);
        Registry = new MockRegistry();
        var registries = registryDown
            ? $$"""{"npm":"{{MockRegistry.DownUrl}}","npm_downloads":"{{MockRegistry.DownUrl}}","pypi":"{{MockRegistry.DownUrl}}","pypi_stats":"{{MockRegistry.DownUrl}}","crates":"{{MockRegistry.DownUrl}}"}"""
            : Registry.RegistriesJson;
        Policy.Apply(Parse($$"""{"registries":{{registries}}{{(extraConfig is null ? "" : "," + extraConfig)}}}"""), "/home/u/.wright/config.json", trusted: true, Warnings);
        Guard = NewGuard();
    }

    public string Root { get; }

    public string Workspace { get; }

    public string Cache { get; }

    public MockRegistry Registry { get; }

    public DependencyPolicy Policy { get; } = new();

    public List<string> Warnings { get; } = [];

    public DependencyGuard Guard { get; private set; }

    /// <summary>A new guard over the same policy and cache (a later session).</summary>
    public DependencyGuard NewGuard() =>
        Guard = new DependencyGuard(Policy, new RegistryClient(Http, Policy.Endpoints, Cache) { Timeout = TimeSpan.FromSeconds(5) });

    /// <summary>Applies a project config's <c>dependencies</c> section.</summary>
    public void ApplyProject(string json, bool trusted) => Policy.Apply(Parse(json), Path.Combine(Workspace, ".wright", "config.json"), trusted, Warnings);

    public static JsonElement Parse(string json) => JsonDocument.Parse(json).RootElement.Clone();

    public static ToolCall Shell(string command) =>
        new("c1", "shell", Parse(JsonSerializer.Serialize(new Dictionary<string, string> { ["command"] = command }, TestJson.Default.DictionaryStringString)));

    public static readonly FakeTool ShellTool = new("shell", ToolEffect.Mutating, (_, _) => Task.FromResult(ToolResult.Ok("")));

    public async Task<DependencyVerdict?> AssessAsync(string command, bool mayLookUp = true) =>
        await Guard.AssessAsync(Shell(command), ShellTool, Workspace, mayLookUp, CancellationToken.None);

    public void Write(string relative, string text)
    {
        var path = Path.Combine(Workspace, relative);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, text);
    }

    public void Dispose()
    {
        Registry.Dispose();
        Directory.Delete(Root, recursive: true);
    }
}
