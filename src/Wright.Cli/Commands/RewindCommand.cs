using System.CommandLine;
using System.Globalization;
using Wright.Cli.Hosting;
using Wright.Runtime;
using Wright.Runtime.Configuration;
using Wright.Cli.Text;
using Wright.Sessions.Rewind;
using Wright.Sessions.Store;

namespace Wright.Cli.Commands;

/// <summary>
/// <c>wright rewind</c>: lists a session's checkpoints (one per turn that changed something), shows what restoring one
/// would change, and restores the files (changes by shell commands included), the conversation, or both.
/// </summary>
internal static class RewindCommand
{
    private static readonly CultureInfo Inv = CultureInfo.InvariantCulture;

    public static Command Create(Option<string?> cwd)
    {
        var turn = new Argument<int?>("turn") { Arity = ArgumentArity.ZeroOrOne, Description = Strings.RewindTurnArgument };
        var session = new Option<string?>("--session", "-s") { Description = Strings.RewindSessionOption };
        var files = new Option<bool>("--files") { Description = Strings.RewindFilesOption };
        var conversation = new Option<bool>("--conversation") { Description = Strings.RewindConversationOption };
        var diff = new Option<bool>("--diff") { Description = Strings.RewindDiffOption };
        var snapshot = new Option<string?>("--snapshot") { Description = Strings.RewindSnapshotOption };
        var rewind = new Command("rewind", Strings.RewindDescription) { turn, session, files, conversation, diff, snapshot, cwd };
        rewind.SetAction(async (result, token) =>
        {
            var home = WrightHome.Resolve(Environment.GetEnvironmentVariable);
            try
            {
                using var store = HeadlessCommand.OpenStore(home);
                var here = WrightRuntime.Canonicalize(result.GetValue(cwd) ?? Directory.GetCurrentDirectory()) ?? Directory.GetCurrentDirectory();
                var record = result.GetValue(session) is { } id ? store.Find(id)
                    : store.Latest(here) ?? throw new StoreException(string.Format(Inv, Strings.NoSessionsHere, here));
                var snapshots = new WorkspaceSnapshots(record.Workspace, Path.Combine(home, "snapshots"));
                if (result.GetValue(snapshot) is { } raw)
                    return Report(await snapshots.RestoreAsync(raw, token), null);

                var checkpoints = store.Checkpoints(record.Id);
                if (result.GetValue(turn) is not { } wanted)
                    return List(record, checkpoints);
                var checkpoint = WrightRuntime.FindCheckpoint(checkpoints, record.Id, wanted);
                if (result.GetValue(diff))
                {
                    var changes = await snapshots.DiffAsync(checkpoint.Snapshot, token);
                    foreach (var change in changes)
                        Console.WriteLine($"{Mark(change.Kind)} {change.Path}");
                    if (changes.Count == 0)
                        Console.Error.WriteLine(Strings.RewindNoChanges);
                    return ExitCodes.Success;
                }

                var doFiles = result.GetValue(files) || !result.GetValue(conversation);
                var doConversation = result.GetValue(conversation) || !result.GetValue(files);
                RestoreResult? restored = doFiles ? await snapshots.RestoreAsync(checkpoint.Snapshot, token) : null;
                int? kept = doConversation ? store.RewindConversation(checkpoint) : null;
                return Report(restored, kept);
            }
            catch (Exception ex) when (ex is StoreException or SnapshotException)
            {
                await Console.Error.WriteLineAsync(Strings.ErrorPrefix + ex.Message);
                return ExitCodes.Usage;
            }
        });
        return rewind;
    }

    private static int List(SessionRecord record, IReadOnlyList<CheckpointRecord> checkpoints)
    {
        Console.WriteLine(string.Format(Inv, Strings.RewindHeader, record.Id, record.Workspace));
        if (checkpoints.Count == 0)
        {
            Console.Error.WriteLine(Strings.RewindNoCheckpoints);
            return ExitCodes.Success;
        }

        foreach (var c in checkpoints)
        {
            var prompt = c.Prompt.ReplaceLineEndings(" ");
            Console.WriteLine(string.Format(Inv, "{0,5}  {1:yyyy-MM-dd HH:mm:ss}  {2}", c.Turn, c.Time, prompt.Length > 80 ? prompt[..79] + "…" : prompt));
        }

        return ExitCodes.Success;
    }

    private static int Report(RestoreResult? restored, int? kept)
    {
        if (restored is not null)
        {
            foreach (var change in restored.Changes)
                Console.WriteLine($"{Mark(change.Kind)} {change.Path}");
            foreach (var skipped in restored.Skipped)
                Console.Error.WriteLine(string.Format(Inv, Strings.RewindSkipped, skipped.Path, skipped.Reason));
            Console.Error.WriteLine(string.Format(Inv, Strings.RewindFilesRestored, restored.Changes.Count, restored.SafetySnapshot.Id));
        }

        if (kept is { } count)
            Console.Error.WriteLine(string.Format(Inv, Strings.RewindConversationRestored, count));
        return ExitCodes.Success;
    }

    private static string Mark(FileChangeKind kind) => kind switch
    {
        FileChangeKind.Added => "A",
        FileChangeKind.Deleted => "D",
        _ => "M",
    };
}
