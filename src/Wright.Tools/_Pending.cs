// TEMPORARY: placeholder until the tool suite is merged. Delete on merge.
#pragma warning disable
using Wright.Core.Tools;
namespace Wright.Tools
{
    public sealed class ToolOptions { public TimeSpan DefaultShellTimeout { get; init; } = TimeSpan.FromSeconds(120); public TimeSpan MaxShellTimeout { get; init; } = TimeSpan.FromMinutes(10); public IReadOnlyCollection<string> AllowedSecretEnvVars { get; init; } = []; }
    public static class BuiltinTools { public static IReadOnlyList<ITool> Create(ToolOptions options) => []; }
}
