using System.Diagnostics;

namespace Wright.Tests.Server;

/// <summary>Git in tests: a repository with one commit on main.</summary>
public static class GitRepo
{
    public static string Run(string dir, params string[] args)
    {
        var psi = new ProcessStartInfo("/usr/bin/git") { RedirectStandardOutput = true, RedirectStandardError = true, WorkingDirectory = dir };
        foreach (var a in new[] { "-c", "user.name=T", "-c", "user.email=t@t", "-c", "init.defaultBranch=main" }.Concat(args))
            psi.ArgumentList.Add(a);
        using var p = Process.Start(psi)!;
        var stdout = p.StandardOutput.ReadToEndAsync();
        var stderr = p.StandardError.ReadToEnd();
        p.WaitForExit();
        Assert.True(p.ExitCode == 0, $"git {string.Join(' ', args)}: {stderr}");
        return stdout.Result;
    }

    public static void Init(string dir)
    {
        Directory.CreateDirectory(dir);
        Run(dir, "init", "-q");
        File.WriteAllText(Path.Combine(dir, "README.md"), "# demo\n");
        Run(dir, "add", "-A");
        Run(dir, "commit", "-q", "-m", "initial");
    }
}
