using System.Diagnostics;
using Wright.Tests.Support;

namespace Wright.Tests.Release;

/// <summary>scripts/version.sh: the version of a build from git tags.</summary>
public sealed class VersionScriptTests : IDisposable
{
    private readonly string _repo = Directory.CreateTempSubdirectory("wright-version-").FullName;

    public void Dispose() => Directory.Delete(_repo, recursive: true);

    private static string Run(string program, string directory, IDictionary<string, string>? environment, params string[] args)
    {
        var start = new ProcessStartInfo(program) { WorkingDirectory = directory, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var a in args)
            start.ArgumentList.Add(a);
        foreach (var key in new[] { "WRIGHT_VERSION", "WRIGHT_COMMIT", "WRIGHT_BUILD_DATE", "SOURCE_DATE_EPOCH" })
            start.Environment.Remove(key);
        foreach (var (k, v) in environment ?? new Dictionary<string, string>())
            start.Environment[k] = v;
        start.Environment["GIT_AUTHOR_NAME"] = start.Environment["GIT_COMMITTER_NAME"] = "t";
        start.Environment["GIT_AUTHOR_EMAIL"] = start.Environment["GIT_COMMITTER_EMAIL"] = "t@example.com";
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEnd();
        var stderr = process.StandardError.ReadToEnd();
        Assert.True(process.WaitForExit(30_000), "timed out");
        Assert.True(process.ExitCode == 0, $"{program} {string.Join(' ', args)}: {stderr}");
        return stdout;
    }

    private void Git(params string[] args) => Run("/usr/bin/git", _repo, null, args);

    private Dictionary<string, string> Stamp(IDictionary<string, string>? environment = null)
    {
        var env = new Dictionary<string, string>(environment ?? new Dictionary<string, string>()) { ["WRIGHT_VERSION_REPO"] = _repo };
        return Run(Path.Combine(NodePackages.RepoRoot, "scripts", "version.sh"), _repo, env)
            .Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => l.Split('=', 2)).ToDictionary(p => p[0], p => p[1]);
    }

    [Fact]
    public void Versions_come_from_tags_and_the_commit_and_date_are_stamped()
    {
        Git("init", "-q");
        Git("commit", "-q", "--allow-empty", "-m", "one");
        var untagged = Stamp()["WRIGHT_VERSION"];
        Git("tag", "v0.2.0");
        var tagged = Stamp(new Dictionary<string, string> { ["SOURCE_DATE_EPOCH"] = "1767225600" });
        Git("commit", "-q", "--allow-empty", "-m", "two");
        Git("commit", "-q", "--allow-empty", "-m", "three");
        var after = Stamp()["WRIGHT_VERSION"];
        Git("tag", "v0.3.0-rc.1");
        Git("commit", "-q", "--allow-empty", "-m", "four");
        var afterRc = Stamp()["WRIGHT_VERSION"];
        File.WriteAllText(Path.Combine(_repo, "f"), "x");
        Git("add", "f");
        var dirty = Stamp()["WRIGHT_COMMIT"];

        Assert.Matches(@"^\d+\.\d+\.\d+-dev\.1$", untagged);   // the csproj's <Version>, one commit
        Assert.Equal("0.2.0", tagged["WRIGHT_VERSION"]);
        Assert.Matches("^[0-9a-f]{12}$", tagged["WRIGHT_COMMIT"]);
        Assert.Equal("2026-01-01T00:00:00Z", tagged["WRIGHT_BUILD_DATE"]);
        Assert.Equal("0.2.1-dev.2", after);
        Assert.Equal("0.3.0-rc.1.dev.1", afterRc);
        Assert.EndsWith("-dirty", dirty);
    }
}
