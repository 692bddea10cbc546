using System.Globalization;
using Wright.Eval.Text;
using Wright.Eval.Verification;

namespace Wright.Eval.Docker;

/// <summary>
/// A task's running container: the agent's commands run in it (<see cref="Launcher"/>, <c>docker exec</c>), the
/// verifier runs in it (the tests copied in only then, as Harbor does, and the reward copied out), and disposing it
/// removes it (<c>docker rm -f</c>).
/// </summary>
internal sealed class DockerContainer(DockerCli docker, string id, string workspace, string workDir) : IAsyncDisposable
{
    /// <summary>The container's id (or name).</summary>
    public string Id { get; } = id;

    /// <summary>The <see cref="Wright.Tools.Shell.ICommandLauncher"/> that runs the agent's commands in the container.</summary>
    public DockerExecLauncher Launcher { get; } = new(docker.Program, id, workspace, workDir);

    /// <summary>
    /// Runs <c>bash /tests/test.sh</c> in the container with a fresh <c>/logs/verifier</c> and the task's tests at
    /// <c>/tests</c>, then copies <c>/logs/verifier</c> out into <paramref name="logs"/> (an empty host folder; links
    /// come out as links and are never followed when the reward is read).
    /// </summary>
    public async Task<(int ExitCode, string Output, bool TimedOut)> VerifyAsync(string tests, string logs, TimeSpan timeout, CancellationToken cancellationToken)
    {
        await MustAsync(["exec", Id, "/bin/sh", "-c", "mkdir -p /tests /logs/verifier && find /tests /logs/verifier -mindepth 1 -delete"], cancellationToken);
        await MustAsync(["cp", Path.Combine(tests, "."), Id + ":/tests"], cancellationToken);
        var (exit, stdout, stderr) = await docker.RunAsync(["exec", "-w", workDir, Id, "bash", "/tests/test.sh"], timeout, cancellationToken);
        await docker.RunAsync(["cp", Id + ":/logs/verifier/.", logs], TimeSpan.FromMinutes(2), cancellationToken);
        return (exit, stdout + stderr, exit == 124);
    }

    /// <summary>Runs a script (a reference solution) in the container at WORKDIR, with <paramref name="folder"/> copied to <c>/solution</c>.</summary>
    public async Task<(int ExitCode, string Output)> RunScriptAsync(string folder, string script, TimeSpan timeout, CancellationToken cancellationToken)
    {
        await MustAsync(["exec", Id, "/bin/sh", "-c", "mkdir -p /solution && find /solution -mindepth 1 -delete"], cancellationToken);
        await MustAsync(["cp", Path.Combine(folder, "."), Id + ":/solution"], cancellationToken);
        var (exit, stdout, stderr) = await docker.RunAsync(["exec", "-w", workDir, Id, "bash", "/solution/" + script], timeout, cancellationToken);
        return (exit, stdout + stderr);
    }

    public async ValueTask DisposeAsync() =>
        await docker.RunAsync(["rm", "-f", Id], TimeSpan.FromMinutes(1), CancellationToken.None);

    private async Task MustAsync(IReadOnlyList<string> arguments, CancellationToken cancellationToken)
    {
        var (exit, stdout, stderr) = await docker.RunAsync(arguments, TimeSpan.FromMinutes(2), cancellationToken);
        if (exit != 0)
            throw new InvalidOperationException(string.Format(CultureInfo.InvariantCulture, Strings.DockerStepFailed, arguments[0], Verifier.Tail((stderr + stdout).Trim(), 500)));
    }
}
