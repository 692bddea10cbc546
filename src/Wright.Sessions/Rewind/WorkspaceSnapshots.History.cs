using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace Wright.Sessions.Rewind;

public sealed partial class WorkspaceSnapshots
{
    private const string SubjectPrefix = "wright snapshot: ";
    private const string SessionKey = "Wright-Session: ";
    private const string TurnKey = "Wright-Turn: ";
    private const string ChangedKey = "Wright-Changed: ";
    private const string SkippedKey = "Wright-Skipped: ";
    private const string RestoreOfKey = "Wright-Restore-Of: ";

    /// <summary>The newest snapshot this instance wrote and its tree.</summary>
    private (string Id, string Tree)? _lastCommit;

    /// <summary>
    /// Lists the workspace's snapshots, oldest first: all of them when <paramref name="sessionId"/> is null, else that
    /// session's turn snapshots.
    /// </summary>
    public async Task<IReadOnlyList<SnapshotInfo>> ListAsync(string? sessionId, CancellationToken cancellationToken)
    {
        using var gate = await OpenAsync(cancellationToken);
        if (await HeadAsync(cancellationToken) is null)
            return [];
        var log = await Git.RunAsync(["log", "-z", "--reverse", "--format=%H%n%P%n%ct%n%B", HeadRef, "--"], cancellationToken);
        var list = new List<SnapshotInfo>();
        foreach (var record in GitRunner.SplitZ(log.Output))
        {
            if (Parse(record) is { } info && (sessionId is null || info.SessionId == sessionId))
                list.Add(info);
        }

        return list;
    }

    private async Task<string?> HeadAsync(CancellationToken cancellationToken)
    {
        // The loose ref Wright writes; git is asked only should it be packed or missing.
        if (ShadowFiles.ReadLooseRef(GitDirectory, HeadRef) is { } loose)
            return loose;
        var result = await Git.RunAsync(["rev-parse", "--quiet", "--verify", HeadRef + "^{commit}"], cancellationToken, allowFailure: true);
        return result.ExitCode == 0 ? result.Text.Trim() : null;
    }

    /// <summary>Commits a captured tree on top of the newest snapshot and moves <see cref="HeadRef"/> to it.</summary>
    private async Task<SnapshotInfo> CommitAsync(Capture capture, string? sessionId, int turn, string? restoreOf, CancellationToken cancellationToken)
    {
        var parent = await HeadAsync(cancellationToken);
        var changed = parent is not null && _lastCommit is { } last && last.Id == parent && last.Tree == capture.Tree
            ? 0
            : GitRunner.SplitZ((await Git.RunAsync(
                ["diff-tree", "-r", "-z", "--no-renames", "--name-only", parent ?? EmptyTree, capture.Tree], cancellationToken)).Output).Count;
        var seconds = _time.GetUtcNow().ToUnixTimeSeconds();
        var message = new StringBuilder(SubjectPrefix);
        if (restoreOf is null)
            message.Append("session ").Append(OneLine(sessionId ?? "")).Append(" turn ").Append(turn.ToString(CultureInfo.InvariantCulture));
        else
            message.Append("before restoring ").Append(restoreOf);
        message.Append("\n\n");
        if (restoreOf is null)
        {
            message.Append(SessionKey).Append(Quote(sessionId ?? "")).Append('\n');
            message.Append(TurnKey).Append(turn.ToString(CultureInfo.InvariantCulture)).Append('\n');
        }
        else
        {
            message.Append(RestoreOfKey).Append(restoreOf).Append('\n');
        }

        message.Append(ChangedKey).Append(changed.ToString(CultureInfo.InvariantCulture)).Append('\n');
        foreach (var skipped in capture.Skipped)
            message.Append(SkippedKey).Append(skipped.Reason == SkipReason.Unreadable ? "unreadable" : "too-large").Append(' ')
                .Append(skipped.Size.ToString(CultureInfo.InvariantCulture)).Append(' ').Append(Quote(skipped.Path)).Append('\n');

        // The commit object and the refs are written in process (what `git commit-tree` and `git update-ref` would
        // write, without two process starts per snapshot): see ShadowFiles.
        var commitText = new StringBuilder("tree ").Append(capture.Tree).Append('\n');
        if (parent is not null)
            commitText.Append("parent ").Append(parent).Append('\n');
        var signature = string.Create(CultureInfo.InvariantCulture, $"Wright <wright@localhost> {seconds} +0000\n");
        commitText.Append("author ").Append(signature).Append("committer ").Append(signature).Append('\n').Append(message);
        var commit = ShadowFiles.WriteObject(GitDirectory, "commit", Encoding.UTF8.GetBytes(commitText.ToString()));

        // HEAD is detached at the newest snapshot, so `git status` compares against it (its index-side column is
        // unused); refs/wright/head is the chain's name.
        ShadowFiles.WriteLooseRef(GitDirectory, "HEAD", commit);
        if (sessionId is not null && restoreOf is null && SafeRefPart().IsMatch(sessionId) && !sessionId.EndsWith(".lock", StringComparison.Ordinal))
            ShadowFiles.WriteLooseRef(GitDirectory, "refs/wright/sessions/" + sessionId + "/" + turn.ToString(CultureInfo.InvariantCulture), commit);
        ShadowFiles.WriteLooseRef(GitDirectory, HeadRef, commit);
        _lastCommit = (commit, capture.Tree);
        await MaintainAsync(cancellationToken);
        return new SnapshotInfo(commit, parent, restoreOf is null ? sessionId : null, turn, DateTimeOffset.FromUnixTimeSeconds(seconds), changed, capture.Skipped, restoreOf);
    }

    /// <summary>
    /// Each capture that hashes files adds a pack, and trees and commits are loose objects; when there are more than
    /// 24 packs or about 7,000 loose objects (git's own gc heuristic: 27 in one fan-out directory), small packs and
    /// loose objects are rolled up (geometric repack: cost proportional to what is rolled up, not the whole store).
    /// </summary>
    private async Task MaintainAsync(CancellationToken cancellationToken)
    {
        var objects = Path.Combine(GitDirectory, "objects");
        var packs = Directory.Exists(Path.Combine(objects, "pack")) ? Directory.GetFiles(Path.Combine(objects, "pack"), "*.pack").Length : 0;
        var loose = Directory.Exists(Path.Combine(objects, "17")) ? Directory.GetFiles(Path.Combine(objects, "17")).Length : 0;
        if (packs <= 24 && loose <= 27)
            return;
        await Git.RunAsync(Git.Version >= new Version(2, 33) ? ["repack", "-d", "-q", "--geometric=2"] : ["repack", "-a", "-d", "-q"], cancellationToken);
    }

    private static SnapshotInfo? Parse(string record)
    {
        var lines = record.Split('\n');
        if (lines.Length < 4 || !lines[3].StartsWith(SubjectPrefix, StringComparison.Ordinal))
            return null;
        string? session = null, restoreOf = null;
        int turn = 0, changed = 0;
        var skipped = new List<SkippedFile>();
        foreach (var line in lines.Skip(4))
        {
            if (line.StartsWith(SessionKey, StringComparison.Ordinal))
                session = Unquote(line[SessionKey.Length..]);
            else if (line.StartsWith(TurnKey, StringComparison.Ordinal))
                _ = int.TryParse(line[TurnKey.Length..], NumberStyles.Integer, CultureInfo.InvariantCulture, out turn);
            else if (line.StartsWith(ChangedKey, StringComparison.Ordinal))
                _ = int.TryParse(line[ChangedKey.Length..], NumberStyles.Integer, CultureInfo.InvariantCulture, out changed);
            else if (line.StartsWith(RestoreOfKey, StringComparison.Ordinal))
                restoreOf = line[RestoreOfKey.Length..].Trim();
            else if (line.StartsWith(SkippedKey, StringComparison.Ordinal) && line[SkippedKey.Length..].Split(' ', 3) is [var reason, var size, var quoted]
                && long.TryParse(size, NumberStyles.Integer, CultureInfo.InvariantCulture, out var bytes) && Unquote(quoted) is { } path)
                skipped.Add(new SkippedFile(path, bytes, reason == "unreadable" ? SkipReason.Unreadable : SkipReason.TooLarge));
        }

        var parent = lines[1].Split(' ', StringSplitOptions.RemoveEmptyEntries).FirstOrDefault();
        var seconds = long.Parse(lines[2], NumberStyles.Integer, CultureInfo.InvariantCulture);
        return new SnapshotInfo(lines[0], parent, session, turn, DateTimeOffset.FromUnixTimeSeconds(seconds), changed, skipped, restoreOf);
    }

    private static string OneLine(string text) => text.ReplaceLineEndings(" ");

    private static string Quote(string text) =>
        "\"" + JsonEncodedText.Encode(text, JavaScriptEncoder.UnsafeRelaxedJsonEscaping).Value + "\"";

    private static string? Unquote(string quoted)
    {
        try
        {
            var reader = new Utf8JsonReader(Encoding.UTF8.GetBytes(quoted.Trim()));
            return reader.Read() && reader.TokenType == JsonTokenType.String ? reader.GetString() : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    [GeneratedRegex("^[A-Za-z0-9_-]+(\\.[A-Za-z0-9_-]+)*$")]
    private static partial Regex SafeRefPart();
}
