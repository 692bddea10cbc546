using System.Globalization;
using Wright.Node.Store;
using Wright.Tasks.Git;
using Wright.Tasks.Scheduling;

namespace Wright.Node.Hosting;

/// <summary>
/// Makes every journaled step of an attempt durable beyond its node, and brings it back on the node that takes over:
/// after each tool call the worktree is committed and pushed to the remote as the attempt's branch, and the session's
/// journal is stored in PostgreSQL (both fenced by the node's claim). A node that takes the attempt over fetches that
/// branch into its mirror and imports the journal into its session store, so the session resumes after the last
/// finished call: a call the journal shows as done is never run again.
/// </summary>
internal sealed class Checkpoints(PostgresTaskStore store, string sessionStore, string scratch)
{
    /// <summary>After a tool call: commit, push, store the journal.</summary>
    public async Task SaveAsync(AttemptContext context, CancellationToken cancellationToken)
    {
        if (context.Attempt.SessionId is not { } session)
            return;
        await Worktrees.CommitAllAsync(context.LocalRepository, context.Worktree, "wright: checkpoint", cancellationToken);
        var head = (await GitRunner.RunAsync(context.Worktree, cancellationToken, "rev-parse", "HEAD")).Stdout.Trim();
        await Mirrors.PushAsync(context.Repository, context.LocalRepository, context.Attempt.Branch, cancellationToken);
        byte[] journal;
        try
        {
            journal = SessionTransfer.Export(sessionStore, session, Scratch(context));
        }
        catch (Microsoft.Data.Sqlite.SqliteException e)
        {
            throw new IOException("cannot checkpoint the session journal: " + e.Message, e);
        }

        store.SaveCheckpoint(context.TaskId, context.Attempt.Number, new Checkpoint(session, journal, head));
    }

    /// <summary>Before an attempt starts here: bring in its checkpoint when it resumes a session another node journaled.</summary>
    public async Task RestoreAsync(AttemptContext context, CancellationToken cancellationToken)
    {
        var attempt = context.Attempt;
        if (attempt.SessionId is null && attempt.Worktree is null)
        {
            // A fresh start (a retry, or a start again after its node died before any step was journaled): what this
            // node's mirror still has of an earlier run of the attempt here is stale.
            await DiscardAsync(context, cancellationToken);
            return;
        }

        if (attempt.SessionId is not { } session || attempt.Worktree is not null)
            return; // a resume of this node's own worktree and journal
        var checkpoint = store.LoadCheckpoint(context.TaskId, attempt.Number);
        if (checkpoint is null || checkpoint.SessionId != session)
            return;
        // Whatever this node has of the attempt (a worktree, a branch from an earlier run here) gives way to the checkpoint.
        using var turn = await Worktrees.LockAsync(context.LocalRepository, cancellationToken);
        await RemoveWorktreeAsync(context, cancellationToken);
        var fetch = await GitRunner.RunAsync(context.LocalRepository, cancellationToken, "fetch", "--quiet", "--upload-pack=git-upload-pack", "--end-of-options", context.Repository,
            $"+refs/heads/{attempt.Branch}:refs/heads/{attempt.Branch}");
        if (!fetch.Ok)
            throw new IOException(string.Format(CultureInfo.InvariantCulture, "cannot fetch {0} from {1}: {2}", attempt.Branch, RemoteUrl.Redact(context.Repository), fetch.Stderr.Trim()));
        var update = await GitRunner.RunAsync(context.LocalRepository, cancellationToken, "update-ref", "refs/heads/" + attempt.Branch, checkpoint.Head);
        if (!update.Ok)
            throw new IOException(update.Stderr.Trim());
        try
        {
            SessionTransfer.Import(sessionStore, session, checkpoint.Journal, context.Worktree, Scratch(context));
        }
        catch (Microsoft.Data.Sqlite.SqliteException e)
        {
            throw new IOException("cannot restore the session journal: " + e.Message, e);
        }
    }

    private static async Task DiscardAsync(AttemptContext context, CancellationToken cancellationToken)
    {
        using var turn = await Worktrees.LockAsync(context.LocalRepository, cancellationToken);
        await RemoveWorktreeAsync(context, cancellationToken);
        await GitRunner.RunAsync(context.LocalRepository, cancellationToken, "branch", "-D", "--", context.Attempt.Branch);
    }

    /// <summary>Removes this node's worktree of the attempt, if any (the caller holds the repository's turn).</summary>
    private static async Task RemoveWorktreeAsync(AttemptContext context, CancellationToken cancellationToken)
    {
        await GitRunner.RunAsync(context.LocalRepository, cancellationToken, "worktree", "remove", "--force", context.Worktree);
        if (Directory.Exists(context.Worktree))
            Directory.Delete(context.Worktree, recursive: true);
        await GitRunner.RunAsync(context.LocalRepository, cancellationToken, "worktree", "prune");
    }

    private string Scratch(AttemptContext context) =>
        Path.Combine(scratch, string.Create(CultureInfo.InvariantCulture, $"{context.TaskId}-{context.Attempt.Number}-{Environment.ProcessId}.db"));
}
