using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Wright.Server.Text;
using Wright.Tasks;
using Wright.Tasks.Git;

namespace Wright.Server;

/// <summary>
/// Where a task's repository is: a path inside the server's roots (the top of a git repository), or a git URL
/// (https, ssh, scp-like) cloned once under <c>$WRIGHT_HOME/repos</c>. Local paths outside the roots are refused,
/// and so are <c>file://</c> and other local-transport URLs, which would reach around them.
/// </summary>
internal static class Repositories
{
    public static async Task<string> ResolveAsync(string repo, ServerOptions options, CancellationToken cancellationToken)
    {
        if (IsUrl(repo))
            return await CloneAsync(repo, options.CloneRoot, cancellationToken);
        var path = options.Roots.Resolve(repo, out var error)
            ?? throw new TaskException(TaskErrorKind.Invalid, string.Format(CultureInfo.InvariantCulture, ServeStrings.RepoOutsideRoots, repo, error));
        var top = await GitRunner.RunAsync(path, cancellationToken, "rev-parse", "--show-toplevel");
        if (!top.Ok || Wright.Runtime.WrightRuntime.Canonicalize(top.Stdout.Trim()) != path)
            throw new TaskException(TaskErrorKind.Invalid, string.Format(CultureInfo.InvariantCulture, ServeStrings.NotARepository, repo));
        return path;
    }

    /// <summary>The branch the repository has checked out (the default base), else HEAD.</summary>
    public static async Task<string> DefaultBranchAsync(string repo, CancellationToken cancellationToken)
    {
        var head = await GitRunner.RunAsync(repo, cancellationToken, "symbolic-ref", "--quiet", "--short", "HEAD");
        return head.Ok && head.Stdout.Trim().Length > 0 ? head.Stdout.Trim() : "HEAD";
    }

    private static bool IsUrl(string repo) => repo.Contains("://", StringComparison.Ordinal) || (repo.Contains('@', StringComparison.Ordinal) && repo.Contains(':', StringComparison.Ordinal) && !repo.StartsWith('/'));

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
