using Wright.Permissions;
using Wright.Runtime.Composition;
using Wright.Runtime.Configuration;
using Wright.Runtime.Setup;

namespace Wright.Tests.Safety;

/// <summary>
/// A worktree that <c>wright serve</c> made of a repository answers to that repository's trust, never more: a file is
/// trusted there only when its bytes are what the person trusted at the same path of the repository; an untrusted
/// repository's worktree gets nothing; a link leading out of the worktree is never read.
/// </summary>
public sealed class WorktreeTrustTests : IDisposable
{
    private readonly string _root = Directory.CreateTempSubdirectory("wright-wt-trust-").FullName;

    public WorktreeTrustTests()
    {
        Directory.CreateDirectory(Home);
        Directory.CreateDirectory(Path.Combine(Repo, ".wright"));
        Directory.CreateDirectory(Path.Combine(Worktree, ".wright"));
    }

    private string Home => Path.Combine(_root, "home");

    private string Repo => Path.Combine(_root, "repo");

    private string Worktree => Path.Combine(_root, "home-worktrees", "t1-1");

    public void Dispose() => Directory.Delete(_root, recursive: true);

    private void WriteBoth(string relative, string text)
    {
        File.WriteAllText(Path.Combine(Repo, relative), text);
        File.WriteAllText(Path.Combine(Worktree, relative), text);
    }

    private static PermissionMode Mode(WrightConfig config)
    {
        using var stderr = new StringWriter();
        return SessionComposer.ConfiguredMode(config, PermissionMode.Ask, stderr);
    }

    [Fact]
    public void The_worktree_of_a_trusted_repository_is_trusted_for_the_same_bytes_only()
    {
        WriteBoth(".wright/config.json", """{"permission_mode":"accept-edits"}""");
        ProjectTrust.Trust(Home, Path.Combine(Repo, ".wright", "config.json"));

        Assert.Equal(PermissionMode.AcceptEdits, Mode(ConfigLoader.Load(Home, Worktree, trustRoot: Repo)));
        // Without the mapping the worktree is a directory nobody trusted.
        Assert.Equal(PermissionMode.Ask, Mode(ConfigLoader.Load(Home, Worktree)));

        // The agent (or a setup script) changes the worktree's copy: untrusted again, so it cannot loosen.
        File.WriteAllText(Path.Combine(Worktree, ".wright", "config.json"), """{"permission_mode":"yolo"}""");
        Assert.Equal(PermissionMode.Ask, Mode(ConfigLoader.Load(Home, Worktree, trustRoot: Repo)));
    }

    [Fact]
    public void An_untrusted_repository_lends_its_worktree_no_trust()
    {
        WriteBoth(".wright/config.json", """{"permission_mode":"yolo"}""");
        WriteBoth(".wright/setup.sh", "echo hi\n");

        Assert.Equal(PermissionMode.Ask, Mode(ConfigLoader.Load(Home, Worktree, trustRoot: Repo)));
        Assert.Equal(SetupScriptState.Untrusted, SetupScript.Find(Home, Worktree, Repo).State);
    }

    [Fact]
    public void Trust_maps_only_paths_beneath_the_worktree()
    {
        Assert.Equal(Path.Combine(Repo, ".wright", "setup.sh"), ProjectTrust.TrustedPath(Path.Combine(Worktree, ".wright", "setup.sh"), Worktree, Repo));
        // A sibling whose name starts like the worktree's, or a path climbing out, keeps its own path.
        var sibling = Worktree + "-evil/.wright/config.json";
        Assert.Equal(sibling, ProjectTrust.TrustedPath(sibling, Worktree, Repo));
        var climbing = Path.Combine(Worktree, "..", "t1-2", ".wright", "config.json");
        Assert.Equal(Path.GetFullPath(climbing), ProjectTrust.TrustedPath(climbing, Worktree, Repo));
    }

    [Fact]
    public void A_trusted_setup_script_is_found_with_its_bytes_and_a_link_out_is_never_followed()
    {
        WriteBoth(".wright/setup.sh", "echo setting up\n");
        ProjectTrust.Trust(Home, Path.Combine(Repo, ".wright", "setup.sh"));
        var found = SetupScript.Find(Home, Worktree, Repo);
        Assert.Equal(SetupScriptState.Trusted, found.State);
        Assert.Equal("echo setting up\n", found.Text);

        // The worktree's script becomes a link to a file outside with the very bytes that were trusted.
        var outside = Path.Combine(_root, "outside.sh");
        File.WriteAllText(outside, "echo setting up\n");
        File.Delete(Path.Combine(Worktree, ".wright", "setup.sh"));
        File.CreateSymbolicLink(Path.Combine(Worktree, ".wright", "setup.sh"), outside);
        var linked = SetupScript.Find(Home, Worktree, Repo);
        Assert.Equal(SetupScriptState.Unreadable, linked.State);
        Assert.Null(linked.Text);

        // A dangling link is not "absent": it is reported, never followed.
        File.Delete(outside);
        Assert.Equal(SetupScriptState.Unreadable, SetupScript.Find(Home, Worktree, Repo).State);
    }
}
