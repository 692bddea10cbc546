using System.Text.Json;

namespace Wright.Tests.E2E;

/// <summary>What one run of dist/wright did.</summary>
public sealed record WrightRun(int ExitCode, string Stdout, string Stderr)
{
    private IReadOnlyList<JsonElement>? _lines;

    /// <summary>stream-json lines, parsed (on first use: other outputs are not JSON).</summary>
    public IReadOnlyList<JsonElement> Lines => _lines ??= Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries)
        .Where(l => l.StartsWith('{'))
        .Select(l => JsonDocument.Parse(l).RootElement.Clone())
        .ToList();

    /// <summary>The final result object.</summary>
    public JsonElement Result => Lines.Last(l => l.GetProperty("type").GetString() == "result");

    /// <summary>Events of one type.</summary>
    public IEnumerable<JsonElement> Events(string type) => Lines.Where(l => l.GetProperty("type").GetString() == type);

    public string Status => Result.GetProperty("status").GetString()!;

    public override string ToString() => $"exit {ExitCode}\nstdout:\n{Stdout}\nstderr:\n{Stderr}";
}
