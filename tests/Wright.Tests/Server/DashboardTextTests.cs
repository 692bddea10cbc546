using System.Text.RegularExpressions;
using Wright.Server.Text;
using Wright.Tests.Support;

namespace Wright.Tests.Server;

/// <summary>The dashboard's labels all come from <see cref="DashboardStrings"/> (English and zh-CN), and none is missing.</summary>
public sealed partial class DashboardTextTests
{
    private static readonly string Script = File.ReadAllText(Path.Combine(NodePackages.RepoRoot, "src", "Wright.Server", "Dashboard", "assets", "app.js"));

    [Fact]
    public void Every_key_the_page_looks_up_is_in_the_table_and_every_entry_is_used()
    {
        var keys = DashboardStrings.Table().Select(p => p.Key).ToHashSet(StringComparer.Ordinal);
        var looked = LookUp().Matches(Script).Select(m => m.Groups[1].Value).ToList();
        Assert.NotEmpty(looked);
        Assert.All(looked, key => Assert.Contains(key, keys));
        foreach (var key in keys.Where(k => !k.StartsWith("status.", StringComparison.Ordinal)))
            Assert.True(Script.Contains($"'{key}'", StringComparison.Ordinal), $"'{key}' is in the table but the page never shows it");
    }

    [Fact]
    public void Every_task_status_has_a_label()
    {
        var keys = DashboardStrings.Table().Select(p => p.Key).ToHashSet(StringComparer.Ordinal);
        foreach (var status in new[] { "queued", "running", "waiting_approval", "succeeded", "failed", "cancelled" })
            Assert.Contains("status." + status, keys);
    }

    [GeneratedRegex(@"\bt\('([\w.]+)'")]
    private static partial Regex LookUp();
}
