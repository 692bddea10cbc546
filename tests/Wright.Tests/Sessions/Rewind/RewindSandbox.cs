using System.Diagnostics;
using System.Security.Cryptography;
using System.Text;
using Wright.Sessions.Rewind;

namespace Wright.Tests.Sessions.Rewind;

/// <summary>A temporary workspace and snapshot store under the temp directory, removed on dispose; changes are made
/// with real shell commands.</summary>
internal sealed class RewindSandbox : IDisposable
{
    public RewindSandbox()
    {
        Root = Path.Combine(Path.GetTempPath(), "wright-rewind-" + Guid.NewGuid().ToString("N")[..12]);
        Workspace = Path.Combine(Root, "ws");
        Store = Path.Combine(Root, "store");
        Directory.CreateDirectory(Workspace);
    }

    public string Root { get; }

    public string Workspace { get; }

    public string Store { get; }

    public static CancellationToken Ct => TestContext.Current.CancellationToken;

    public WorkspaceSnapshots Snapshots(WorkspaceSnapshotOptions? options = null, TimeProvider? time = null, string? workspace = null) =>
        new(workspace ?? Workspace, Store, time, options);

    public string File(string relative) => Path.Combine(Workspace, relative);

    public byte[] Bytes(string relative) => System.IO.File.ReadAllBytes(File(relative));

    public string Text(string relative) => System.IO.File.ReadAllText(File(relative));

    /// <summary>Runs a script with /bin/sh in <paramref name="directory"/> (the workspace by default); fails the test
    /// when it exits non-zero. Git's identity is set so test repositories can commit.</summary>
    public string Sh(string script, string? directory = null)
    {
        var psi = new ProcessStartInfo("/bin/sh")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = directory ?? Workspace,
        };
        psi.ArgumentList.Add("-c");
        psi.ArgumentList.Add(script);
        foreach (var key in psi.Environment.Keys.Where(k => k.StartsWith("GIT_", StringComparison.Ordinal)).ToList())
            psi.Environment.Remove(key);
        psi.Environment["GIT_AUTHOR_NAME"] = "Test";
        psi.Environment["GIT_AUTHOR_EMAIL"] = "test@example.com";
        psi.Environment["GIT_COMMITTER_NAME"] = "Test";
        psi.Environment["GIT_COMMITTER_EMAIL"] = "test@example.com";
        psi.Environment["GIT_CONFIG_NOSYSTEM"] = "1";
        psi.Environment["GIT_CONFIG_GLOBAL"] = "/dev/null";
        using var process = Process.Start(psi)!;
        var stdout = process.StandardOutput.ReadToEndAsync(Ct);
        var stderr = process.StandardError.ReadToEnd();
        process.WaitForExit();
        Assert.True(process.ExitCode == 0, $"sh -c '{script}' exited {process.ExitCode}: {stderr}");
        return stdout.Result;
    }

    /// <summary>A digest of every name, kind, mode and byte under a directory (symlinks by their target text).</summary>
    public static string Digest(string directory)
    {
        var builder = new StringBuilder();
        foreach (var path in Directory.EnumerateFileSystemEntries(directory, "*", new EnumerationOptions { RecurseSubdirectories = true, AttributesToSkip = 0 }).Order(StringComparer.Ordinal))
        {
            var info = new FileInfo(path);
            builder.Append(Path.GetRelativePath(directory, path)).Append('|');
            if (info.LinkTarget is { } target)
                builder.Append("link:").Append(target);
            else if (Directory.Exists(path))
                builder.Append("dir");
            else
                builder.Append(Convert.ToHexString(SHA256.HashData(System.IO.File.ReadAllBytes(path)))).Append(':').Append(System.IO.File.GetUnixFileMode(path));
            builder.Append('\n');
        }

        return builder.ToString();
    }

    public void Dispose()
    {
        try
        {
            Directory.Delete(Root, recursive: true);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            // Best effort: the temp directory is cleaned by the system eventually.
        }
    }
}
