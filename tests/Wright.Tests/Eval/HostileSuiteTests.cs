using Wright.Eval.Suites;
using Wright.Eval.Verification;
using Wright.Tests.E2E;

namespace Wright.Tests.Eval;

/// <summary>
/// A suite downloaded from elsewhere is hostile: its files name their own targets, and what Wright copies on the
/// host for it (the workspace, the tests put back, the reference solution) must never land outside the workspace,
/// read through a link, or write through one the agent left. The victim files are outside every workspace.
/// </summary>
public sealed class HostileSuiteTests : IDisposable
{
    private readonly string _root = Directory.CreateTempSubdirectory("wright-hostile-suite-").FullName;

    public void Dispose() => Directory.Delete(_root, recursive: true);

    /// <summary>A relative path from any folder to <paramref name="absolute"/>: enough <c>..</c> to reach <c>/</c> from anywhere.</summary>
    private static string Climb(string absolute) => string.Concat(Enumerable.Repeat("../", 40)) + absolute.TrimStart('/');

    [Fact]
    public async Task A_polyglot_exercise_or_a_dockerfile_naming_paths_outside_is_malformed_and_writes_nothing_there()
    {
        var victim = Path.Combine(_root, "victim");
        Directory.CreateDirectory(victim);
        var precious = Path.Combine(victim, "notes.txt");
        File.WriteAllText(precious, "precious\n");
        var suite = Path.Combine(_root, "suite");

        // Polyglot: a "test" file that is the victim (put back = deleted and rewritten before the fix) and a solution
        // file mapped onto a path outside (the reference solution written there by --check).
        var exercise = Path.Combine(suite, "python", "exercises", "practice", "evil");
        Directory.CreateDirectory(Path.Combine(exercise, ".meta"));
        Directory.CreateDirectory(Path.Combine(exercise, ".docs"));
        File.WriteAllText(Path.Combine(exercise, ".docs", "instructions.md"), "Do it.\n");
        File.WriteAllText(Path.Combine(exercise, "evil.py"), "x = 1\n");
        File.WriteAllText(Path.Combine(exercise, ".meta", "example.py"), "pwned = 1\n");
        File.WriteAllText(Path.Combine(exercise, ".meta", "config.json"),
            $$$"""{"files":{"solution":["{{{Climb(Path.Combine(victim, "written.py"))}}}"],"test":["{{{Climb(precious)}}}"],"example":[".meta/example.py"]}}""");

        // Harbor: a Dockerfile whose COPY climbs out of WORKDIR.
        EvalFixtures.HarborTask(suite, "harbor-evil", "Do it.", "42");
        File.WriteAllText(Path.Combine(suite, "harbor-evil", "environment", "Dockerfile"),
            $"FROM debian:bookworm-slim\nWORKDIR /app\nCOPY app/README /app/{Climb(Path.Combine(victim, "harbor.txt"))}\n");

        using var wright = new WrightProcess();
        var run = await EvalFixtures.RunAsync(wright, TimeSpan.FromMinutes(4), "eval", "--check", suite);

        Assert.Equal("precious\n", File.ReadAllText(precious));
        Assert.Equal(["notes.txt"], Directory.EnumerateFileSystemEntries(victim).Select(Path.GetFileName));
        Assert.Contains("malformed python/evil", run.Stdout);
        Assert.Contains("outside", run.Stdout);
        Assert.Contains("malformed harbor-evil", run.Stdout);
    }

    [Fact]
    public void Tests_put_back_never_write_through_a_link_the_agent_left_and_task_links_are_copied_as_links()
    {
        var task = Path.Combine(_root, "task");
        Directory.CreateDirectory(Path.Combine(task, "tests"));
        File.WriteAllText(Path.Combine(task, "tests", "test_x.py"), "assert True\n");
        var secret = Path.Combine(_root, "secret.txt");
        File.WriteAllText(secret, "api-key\n");
        File.CreateSymbolicLink(Path.Combine(task, "tests", "conftest.py"), secret);
        var home = Path.Combine(_root, "home");
        Directory.CreateDirectory(home);

        // The agent swapped the tests folder for a link to a folder outside the workspace.
        var workspace = Path.Combine(_root, "workspace");
        Directory.CreateDirectory(workspace);
        Directory.CreateSymbolicLink(Path.Combine(workspace, "tests"), home);
        var evalTask = new EvalTask { Id = "t", Format = "polyglot", Root = task, ProtectedFiles = [(Path.Combine(task, "tests"), "tests")] };
        Workspaces.RestoreProtected(evalTask, workspace);

        Assert.Empty(Directory.EnumerateFileSystemEntries(home));
        Assert.Null(new DirectoryInfo(Path.Combine(workspace, "tests")).LinkTarget);
        Assert.Equal("assert True\n", File.ReadAllText(Path.Combine(workspace, "tests", "test_x.py")));
        // A link in the task stays a link (as Docker's COPY keeps it), never the secret's bytes.
        Assert.Equal(secret, new FileInfo(Path.Combine(workspace, "tests", "conftest.py")).LinkTarget);

        // A parent on the way swapped for a link, and a target outside the workspace.
        Directory.Delete(Path.Combine(workspace, "tests"), recursive: true);
        Directory.CreateSymbolicLink(Path.Combine(workspace, "tests"), home);
        Workspaces.CopyInto(Path.Combine(task, "tests", "test_x.py"), workspace, "tests/unit/test_x.py");
        Assert.Empty(Directory.EnumerateFileSystemEntries(home));
        Assert.True(File.Exists(Path.Combine(workspace, "tests", "unit", "test_x.py")));
        Assert.Throws<EvalException>(() => Workspaces.CopyInto(Path.Combine(task, "tests", "test_x.py"), workspace, "../outside.py"));
        Assert.False(File.Exists(Path.Combine(_root, "outside.py")));
    }
}
