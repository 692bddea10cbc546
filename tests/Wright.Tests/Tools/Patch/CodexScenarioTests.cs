using Wright.Tests.Support;
using Wright.Tools.Patch;

namespace Wright.Tests.Tools.Patch;

/// <summary>
/// Codex's own apply_patch scenario suite (Fixtures/codex-apply-patch, copied under Apache-2.0): each scenario's
/// input tree is copied to a workspace, the patch applied as `wright apply-patch` would, and the resulting tree must
/// equal the expected one byte for byte. One scenario differs on purpose: Codex keeps the operations before a failing
/// one (015: created.txt stays), Wright applies a patch whole or not at all, so there the tree must equal the input.
/// </summary>
public sealed class CodexScenarioTests
{
    private static readonly string Scenarios = Path.Combine(AppContext.BaseDirectory, "Fixtures", "codex-apply-patch", "scenarios");

    /// <summary>Scenarios whose expected tree Wright deliberately does not produce, and why.</summary>
    private static readonly Dictionary<string, string> AllOrNothing = new(StringComparer.Ordinal)
    {
        ["015_failure_after_partial_success_leaves_changes"] = "Codex keeps created.txt; Wright rolls the whole patch back",
    };

    /// <summary>The scenarios in which Codex's apply_patch exits with an error.</summary>
    private static readonly HashSet<string> Failing = new(StringComparer.Ordinal) { "005", "006", "007", "008", "009", "012", "013", "015" };

    public static TheoryData<string> Names() => [.. Directory.GetDirectories(Scenarios).Select(Path.GetFileName).OfType<string>().Order(StringComparer.Ordinal)];

    [Fact]
    public void The_whole_suite_is_present()
    {
        Assert.Equal(23, Names().Count);
    }

    [Theory]
    [MemberData(nameof(Names))]
    public void Scenario_leaves_the_expected_tree(string name)
    {
        using var ctx = new ToolTestContext();
        var dir = Path.Combine(Scenarios, name);
        var input = Path.Combine(dir, "input");
        if (Directory.Exists(input))
            Copy(input, ctx.Workspace);
        var patch = File.ReadAllText(Path.Combine(dir, "patch.txt"));

        var code = ApplyPatchCommand.Run(patch, TextReader.Null, new StringWriter(), new StringWriter(), ctx.Workspace);

        var expected = AllOrNothing.ContainsKey(name) ? Snapshot(input) : Snapshot(Path.Combine(dir, "expected"));
        Assert.Equal(expected, Snapshot(ctx.Workspace));
        Assert.Equal(Failing.Contains(name[..3]) ? 1 : 0, code);
    }

    private static void Copy(string from, string to)
    {
        foreach (var directory in Directory.GetDirectories(from, "*", SearchOption.AllDirectories))
            Directory.CreateDirectory(Path.Combine(to, Path.GetRelativePath(from, directory)));
        foreach (var file in Directory.GetFiles(from, "*", SearchOption.AllDirectories))
            File.Copy(file, Path.Combine(to, Path.GetRelativePath(from, file)));
    }

    /// <summary>Every directory and file (with its bytes, as hex) under a root; empty for a missing root.</summary>
    private static SortedDictionary<string, string> Snapshot(string root)
    {
        var entries = new SortedDictionary<string, string>(StringComparer.Ordinal);
        if (!Directory.Exists(root))
            return entries;
        foreach (var directory in Directory.GetDirectories(root, "*", SearchOption.AllDirectories))
            entries[Path.GetRelativePath(root, directory) + "/"] = "dir";
        foreach (var file in Directory.GetFiles(root, "*", SearchOption.AllDirectories))
            entries[Path.GetRelativePath(root, file)] = Convert.ToHexString(File.ReadAllBytes(file));
        return entries;
    }
}
