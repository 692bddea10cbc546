using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;
using Wright.Tasks.Git;

namespace Wright.Node.Hosting;

/// <summary>
/// A node's own mirrors of the tasks' repositories (<c>$WRIGHT_HOME/mirrors</c>): attempts' worktrees are made in the
/// mirror, never in the remote (which other nodes share); a finished attempt's branch is pushed back to the remote,
/// so that any node can show its diff and apply it. A remote is a path every node reaches or a git URL that passed
/// <see cref="RemoteUrl.Refusal"/> (checked again here: nothing that reads as an option or runs a transport program
/// reaches git); git runs with the node user's own credential setup and only git's own transports.
/// </summary>
internal sealed class Mirrors(string root)
{
    private readonly ConcurrentDictionary<string, SemaphoreSlim> _gates = new(StringComparer.Ordinal);

    /// <summary>The mirror of <paramref name="remote"/>, cloned on first use and fetched (every branch but the attempts').</summary>
    public async Task<string> PrepareAsync(string remote, CancellationToken cancellationToken)
    {
        if (RemoteUrl.IsUrl(remote) && RemoteUrl.Refusal(remote) is { } refused)
            throw new IOException(refused);
        if (!RemoteUrl.IsUrl(remote) && !Path.IsPathFullyQualified(remote))
            throw new IOException(string.Format(System.Globalization.CultureInfo.InvariantCulture, "cannot mirror {0}: not an absolute path", remote));
        var path = Path.Combine(root, Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(remote)))[..16]);
        var gate = _gates.GetOrAdd(path, _ => new SemaphoreSlim(1, 1));
        await gate.WaitAsync(cancellationToken);
        try
        {
            if (!Directory.Exists(path))
            {
                Directory.CreateDirectory(root);
                var temp = path + ".tmp-" + Environment.ProcessId;
                if (Directory.Exists(temp))
                    Directory.Delete(temp, recursive: true);
                var clone = await GitRunner.RunAsync(root, cancellationToken, "-c", "protocol.ext.allow=never", "clone", "--quiet", "--bare", "--upload-pack=git-upload-pack", "--end-of-options", remote, temp);
                if (!clone.Ok)
                    throw new IOException($"cannot mirror {RemoteUrl.Redact(remote)}: {clone.Stderr.Trim()}");
                Directory.Move(temp, path);
                return path;
            }

            // The attempts' branches are this node's own (checked out in its worktrees): a fetch must not move them. It
            // waits for the worktrees' turn: a worktree half made by a concurrent `git worktree add` breaks its negotiation.
            using var turn = await Worktrees.LockAsync(path, cancellationToken);
            var fetch = await GitRunner.RunAsync(path, cancellationToken, "-c", "protocol.ext.allow=never", "fetch", "--quiet", "--prune", "--upload-pack=git-upload-pack", "--end-of-options", remote,
                "+refs/heads/*:refs/heads/*", "^refs/heads/wright/*");
            if (!fetch.Ok)
                throw new IOException($"cannot fetch {RemoteUrl.Redact(remote)}: {fetch.Stderr.Trim()}");
            return path;
        }
        finally
        {
            gate.Release();
        }
    }

    /// <summary>Pushes the attempt's branch from the mirror to the remote (forced: the attempt's branch is its own).</summary>
    public static async Task PushAsync(string remote, string mirror, string branch, CancellationToken cancellationToken)
    {
        GitResult push = default!;
        using var turn = await Worktrees.LockAsync(mirror, cancellationToken);
        for (var i = 0; i < 3; i++)
        {
            push = await GitRunner.RunAsync(mirror, cancellationToken, "-c", "protocol.ext.allow=never", "push", "--quiet", "--force", "--receive-pack=git-receive-pack", "--end-of-options", remote,
                $"refs/heads/{branch}:refs/heads/{branch}");
            if (push.Ok)
                return;
            await Task.Delay(200 * (i + 1), cancellationToken);
        }

        throw new IOException($"cannot push {branch} to {RemoteUrl.Redact(remote)}: {push.Stderr.Trim()}");
    }
}
