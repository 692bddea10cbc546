using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.Json;
using Wright.Eval.Suites;
using Wright.Sandbox.Filesystem;
using Wright.Eval.Text;

namespace Wright.Eval.Verification;

/// <summary>
/// Verifies a workspace against its task in the sandbox, and applies reference solutions for <c>--check</c>.
/// Harbor: <c>tests/test.sh</c> with the workspace at WORKDIR, the tests at <c>/tests</c> and
/// <c>/logs/verifier</c> for the reward. Polyglot and SWE: the test command in the workspace. A missing program (exit
/// 127, "command not found") with no reward is an environment error, apart from a failure.
/// </summary>
internal static class Verifier
{
    public static async Task<VerifyResult> VerifyAsync(EvalTask task, string workspace, string scratch, string? cacheDir, CancellationToken cancellationToken)
    {
        var started = Stopwatch.GetTimestamp();
        var logs = Prepare(task, workspace, scratch);
        var binds = new List<SandboxRunner.Bind> { new(logs, "/logs/verifier", true) };
        string script;
        if (task.TestsDir is { } tests)
        {
            binds.Add(new SandboxRunner.Bind(tests, "/tests", false));
            script = "bash /tests/test.sh";
        }
        else
            script = task.TestCommand!;
        int exit;
        string output;
        try
        {
            (exit, output, _) = await SandboxRunner.RunAsync(workspace, Workspaces.WorkDirOf(task), binds, script, cacheDir, task.VerifierTimeout, cancellationToken);
        }
        catch (InvalidOperationException ex)
        {
            return new VerifyResult(VerifyOutcome.EnvironmentError, null, ex.Message, Elapsed(started));
        }

        return Judge(task, exit, output, logs, started);
    }

    /// <summary>
    /// <c>--env docker</c>: runs <c>tests/test.sh</c> in the task's container (<see cref="Docker.DockerContainer.VerifyAsync"/>),
    /// then judges as <see cref="VerifyAsync"/> does from the reward copied out. A task without <c>tests/</c> is verified locally.
    /// </summary>
    public static async Task<VerifyResult> VerifyInContainerAsync(EvalTask task, string workspace, string scratch, Docker.DockerContainer container, CancellationToken cancellationToken)
    {
        if (task.TestsDir is not { } tests)
            return await VerifyAsync(task, workspace, scratch, null, cancellationToken);
        var started = Stopwatch.GetTimestamp();
        var logs = Prepare(task, workspace, scratch);
        int exit;
        string output;
        try
        {
            (exit, output, _) = await container.VerifyAsync(tests, logs, task.VerifierTimeout, cancellationToken);
        }
        catch (InvalidOperationException ex)
        {
            return new VerifyResult(VerifyOutcome.EnvironmentError, null, ex.Message, Elapsed(started));
        }

        return Judge(task, exit, output, logs, started);
    }

    /// <summary>Puts the protected files back and gives the verifier an empty logs folder (returned).</summary>
    private static string Prepare(EvalTask task, string workspace, string scratch)
    {
        Workspaces.RestoreProtected(task, workspace);
        var logs = Path.Combine(scratch, "verifier-logs");
        if (Directory.Exists(logs))
            Directory.Delete(logs, recursive: true);
        Directory.CreateDirectory(logs);
        return logs;
    }

    private static VerifyResult Judge(EvalTask task, int exit, string output, string logs, long started)
    {
        var reward = ReadReward(logs);
        VerifyOutcome outcome;
        if (reward is { } r)
            outcome = r >= 1 ? VerifyOutcome.Passed : VerifyOutcome.Failed;
        else if (exit == 127 || output.Contains("command not found", StringComparison.Ordinal) || output.Contains("No module named pytest", StringComparison.Ordinal))
            outcome = VerifyOutcome.EnvironmentError;
        else
            outcome = exit == 0 && task.TestsDir is null ? VerifyOutcome.Passed : VerifyOutcome.Failed;
        return new VerifyResult(outcome, reward, output, Elapsed(started));
    }

    /// <summary>Applies the reference solution to a fresh workspace; returns an error line when it could not.</summary>
    public static async Task<string?> ApplySolutionAsync(EvalTask task, string workspace, string scratch, string? cacheDir, CancellationToken cancellationToken)
    {
        foreach (var (source, target) in task.SolutionFiles)
            Workspaces.CopyInto(source, workspace, target);
        if (task.SolutionPatch is { } patch)
        {
            var file = Path.Combine(scratch, "solution.patch");
            await File.WriteAllTextAsync(file, patch, cancellationToken);
            try
            {
                await Workspaces.GitAsync(cancellationToken, "-C", workspace, "apply", "--whitespace=nowarn", file);
            }
            catch (EvalException ex)
            {
                return ex.Message;
            }
        }

        if (task.SolutionScript is { } solve)
        {
            var binds = new List<SandboxRunner.Bind> { new(Path.GetDirectoryName(solve)!, "/solution", false) };
            var (exit, output, _) = await SandboxRunner.RunAsync(workspace, Workspaces.WorkDirOf(task), binds, "bash /solution/" + Path.GetFileName(solve),
                cacheDir, task.VerifierTimeout, cancellationToken);
            if (exit != 0)
                return string.Format(CultureInfo.InvariantCulture, Strings.SolveFailed, exit, Tail(output, 400));
        }

        return null;
    }

    /// <summary>reward.txt (a number) or reward.json (<c>{"reward": n}</c> or a single number), read without following links.</summary>
    internal static double? ReadReward(string logs)
    {
        var text = NativeFiles.ReadSmallFile(Path.Combine(logs, "reward.txt"), 4096);
        if (text is not null && double.TryParse(Encoding.UTF8.GetString(text).Trim(), NumberStyles.Float, CultureInfo.InvariantCulture, out var value))
            return value;
        var json = NativeFiles.ReadSmallFile(Path.Combine(logs, "reward.json"), 64 * 1024);
        if (json is null)
            return null;
        try
        {
            using var doc = JsonDocument.Parse(json);
            var root = doc.RootElement;
            if (root.ValueKind == JsonValueKind.Number)
                return root.GetDouble();
            if (root.ValueKind == JsonValueKind.Object && root.TryGetProperty("reward", out var reward) && reward.ValueKind == JsonValueKind.Number)
                return reward.GetDouble();
        }
        catch (JsonException)
        {
            // not a reward
        }

        return null;
    }

    internal static string Tail(string text, int max) => text.Length <= max ? text.Trim() : "…" + text[^max..].Trim();

    private static long Elapsed(long started) => (long)Stopwatch.GetElapsedTime(started).TotalMilliseconds;
}
