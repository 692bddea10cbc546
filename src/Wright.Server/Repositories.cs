using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Wright.Server.Text;
using Wright.Tasks;
using Wright.Tasks.Git;

namespace Wright.Server;

/// <summary>
/// Where a task's repository is: a path inside the server's roots (the top of a git repository), or a git URL
/// (checked by <see cref="RemoteUrl"/>: never an option, a program-running transport or a credential). Single-machine,
/// a URL (https, ssh, scp-like) is cloned once under <c>$WRIGHT_HOME/repos</c>, and <c>file://</c> and other
/// local-transport URLs, which would reach around the roots, are refused. On a fleet node the URL stays the task's
/// repository (each node keeps its own mirror of it), and a <c>file://</c> URL must name a repository inside the roots.
/// </summary>
internal static class Repositories
{
    /// <summary>The task's repository as stored (a canonical path, a clone's path, or a fleet's URL) and the default base in it.</summary>
    public static async Task<(string Repo, string Base)> ResolveAsync(string repo, string? baseRef, ServerOptions options, CancellationToken cancellationToken)
    {
        if (RemoteUrl.IsUrl(repo))
        {
            if (RemoteUrl.Refusal(repo) is { } refused)
                throw new TaskException(TaskErrorKind.Invalid, refused);
            if (options.Mirror is { } mirror)
                return await RemoteAsync(repo, baseRef, options, mirror, cancellationToken);
            var clone = await CloneAsync(repo, options.CloneRoot, cancellationToken);
            return (clone, baseRef ?? await DefaultBranchAsync(clone, cancellationToken));
        }

        var path = options.Roots.Resolve(repo, out var error)
            ?? throw new TaskException(TaskErrorKind.Invalid, string.Format(CultureInfo.InvariantCulture, ServeStrings.RepoOutsideRoots, repo, error));
        var top = await GitRunner.RunAsync(path, cancellationToken, "rev-parse", "--show-toplevel");
        if (!top.Ok || Wright.Runtime.WrightRuntime.Canonicalize(top.Stdout.Trim()) != path)
            throw new TaskException(TaskErrorKind.Invalid, string.Format(CultureInfo.InvariantCulture, ServeStrings.NotARepository, repo));
        return (path, baseRef ?? await DefaultBranchAsync(path, cancellationToken));
    }

    /// <summary>The branch the repository has checked out (the default base), else HEAD.</summary>
    public static async Task<string> DefaultBranchAsync(string repo, CancellationToken cancellationToken)
    {
        var head = await GitRunner.RunAsync(repo, cancellationToken, "symbolic-ref", "--quiet", "--short", "HEAD");
        return head.Ok && head.Stdout.Trim().Length > 0 ? head.Stdout.Trim() : "HEAD";
    }

    /// <summary>A fleet's remote: kept as the URL (a <c>file://</c> one with its canonical path inside the roots), mirrored here to find its default branch.</summary>
    private static async Task<(string Repo, string Base)> RemoteAsync(string url, string? baseRef, ServerOptions options, Func<string, CancellationToken, Task<string>> mirror,
        CancellationToken cancellationToken)
    {
        if (RemoteUrl.FilePath(url) is { } local)
        {
            var path = options.Roots.Resolve(local, out var error)
                ?? throw new TaskException(TaskErrorKind.Invalid, string.Format(CultureInfo.InvariantCulture, ServeStrings.RepoOutsideRoots, url, error));
            // As git will read it: decoded once more, the path must still be the one the roots allowed.
            url = RemoteUrl.FileUrl(path);
        }
        else if (url.StartsWith("file:", StringComparison.OrdinalIgnoreCase))
        {
            throw new TaskException(TaskErrorKind.Invalid, string.Format(CultureInfo.InvariantCulture, ServeStrings.NotARepository, url));
        }

        string copy;
        try
        {
            copy = await mirror(url, cancellationToken);
        }
        catch (IOException e)
        {
            throw new TaskException(TaskErrorKind.Invalid, string.Format(CultureInfo.InvariantCulture, ServeStrings.CloneFailed, RemoteUrl.Redact(url), e.Message));
        }

        return (url, baseRef ?? await DefaultBranchAsync(copy, cancellationToken));
    }

    private static async Task<string> CloneAsync(string url, string root, CancellationToken cancellationToken)
    {
        var allowed = url.StartsWith("https://", StringComparison.OrdinalIgnoreCase) || url.StartsWith("ssh://", StringComparison.OrdinalIgnoreCase) ||
            (!url.Contains("://", StringComparison.Ordinal) && !url.StartsWith('-'));
        if (!allowed || url.Contains("::", StringComparison.Ordinal))
            throw new TaskException(TaskErrorKind.Invalid, string.Format(CultureInfo.InvariantCulture, ServeStrings.BadRepoUrl, url));
        var path = Path.Combine(root, Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(url)))[..16]);
        if (Directory.Exists(Path.Combine(path, ".git")))
        {
            await GitRunner.RunAsync(path, cancellationToken, "fetch", "--quiet", "--prune", "--upload-pack=git-upload-pack", "origin");
            return path;
        }

        Directory.CreateDirectory(root);
        var clone = await GitRunner.RunAsync(root, cancellationToken, "-c", "protocol.file.allow=never", "-c", "protocol.ext.allow=never",
            "clone", "--quiet", "--upload-pack=git-upload-pack", "--end-of-options", url, path);
        return clone.Ok ? path : throw new TaskException(TaskErrorKind.Invalid, string.Format(CultureInfo.InvariantCulture, ServeStrings.CloneFailed, url, clone.Stderr.Trim()));
    }
}
