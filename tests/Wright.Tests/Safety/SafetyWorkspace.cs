using System.Text.Json;
using Wright.Core.Tools;
using Wright.Permissions;
using Wright.Permissions.Rules;
using Wright.Tests.Support;

namespace Wright.Tests.Safety;

/// <summary>
/// A real temporary layout for adversarial cases: the workspace <c>proj</c>, a sibling <c>proj-evil</c> (prefix
/// confusion) and <c>outside</c>, each holding a canary file whose bytes must never change.
/// </summary>
public sealed class SafetyWorkspace : IDisposable
{
    public const string Canary = "host data\n";

    public SafetyWorkspace()
    {
        Root = Path.GetFullPath(Directory.CreateTempSubdirectory("wright-safety-").FullName);
        Workspace = Path.Combine(Root, "proj");
        Evil = Path.Combine(Root, "proj-evil");
        Outside = Path.Combine(Root, "outside");
        Home = Path.Combine(Root, "home");
        foreach (var dir in new[] { Workspace, Evil, Outside, Home, Path.Combine(Workspace, ".git", "hooks"), Path.Combine(Workspace, "src") })
            Directory.CreateDirectory(dir);
        File.WriteAllText(Path.Combine(Outside, "host.txt"), Canary);
        File.WriteAllText(Path.Combine(Evil, "a.cs"), Canary);
        File.WriteAllText(Path.Combine(Workspace, ".git", "config"), "[core]\n");
        File.WriteAllText(Path.Combine(Workspace, "src", "a.cs"), "class A {}\n");
        Context = new ToolContext("adversarial", Workspace, Path.Combine(Root, "session"), TimeProvider.System, _ => { });
    }

    public string Root { get; }

    public string Workspace { get; }

    public string Evil { get; }

    public string Outside { get; }

    public string Home { get; }

    public ToolContext Context { get; }

    public string OutsideFile => Path.Combine(Outside, "host.txt");

    /// <summary>Creates a hard link with ln (no .NET API exists).</summary>
    public static void HardLink(string target, string link)
    {
        var psi = new System.Diagnostics.ProcessStartInfo("ln");
        psi.ArgumentList.Add(target);
        psi.ArgumentList.Add(link);
        using var process = System.Diagnostics.Process.Start(psi)!;
        process.WaitForExit();
        Assert.Equal(0, process.ExitCode);
    }

    public void Dispose() => Directory.Delete(Root, recursive: true);

    public RuleSet Rules(params (RuleEffect Effect, string Text)[] rules) =>
        new(rules.Select(r => PermissionRule.Parse(r.Effect, r.Text, "test", out _)!), Workspace, Home);

    public static ToolCall Call(string name, Dictionary<string, object> args) =>
        new("c", name, JsonDocument.Parse(JsonSerializer.Serialize(args, TestJson.Default.DictionaryStringObject)).RootElement);

    /// <summary>Asks the engine, then runs the tool only if it was allowed (what the agent loop does).</summary>
    public async Task<(ToolApproval Approval, ToolResult? Result)> GatedAsync(PermissionEngine engine, ITool tool, Dictionary<string, object> args)
    {
        var call = Call(tool.Name, args);
        var approval = await engine.ApproveAsync(call, tool, TestContext.Current.CancellationToken);
        if (!approval.Allowed)
            return (approval, null);
        return (approval, await tool.InvokeAsync(call.Arguments, Context, TestContext.Current.CancellationToken));
    }
}
