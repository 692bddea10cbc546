using System.Diagnostics;
using Wright.Core.Processes;
using Wright.Tools.Shell;

namespace Wright.Eval.Docker;

/// <summary>
/// The agent's shell in the task's container: each command is <c>docker exec</c> of bash there (stdin not attached: commands get none), in the container
/// path that corresponds to the host working directory (the workspace is mounted at WORKDIR). Only the harmless
/// variables the shell tool passes cross into the container (never the host's PATH or HOME); <c>setsid</c> makes the client lead its own
/// process group, so a timeout kills it as it kills a sandboxed command.
/// </summary>
internal sealed class DockerExecLauncher(string docker, string container, string workspace, string workDir) : ICommandLauncher
{
    private static readonly HashSet<string> Skipped = new(StringComparer.Ordinal) { "PATH", "HOME", "TMPDIR", "SHELL", "USER", "LOGNAME", "PWD", "OLDPWD" };

    /// <inheritdoc />
    public CommandLaunch Launch(IReadOnlyList<string> bashArguments, IReadOnlyDictionary<string, string> environment, string workingDirectory)
    {
        ArgumentNullException.ThrowIfNull(bashArguments);
        ArgumentNullException.ThrowIfNull(environment);
        // The client keeps Wright's environment (DOCKER_HOST, DOCKER_CONTEXT, its config under HOME): none of it enters
        // the container, where only the -e variables below arrive.
        var psi = new ProcessStartInfo(TrustedPrograms.Resolve("setsid")) { WorkingDirectory = workspace };
        psi.Environment["PATH"] = TrustedPrograms.SearchPath();
        var a = psi.ArgumentList;
        a.Add(docker);
        a.Add("exec");
        a.Add("-w");
        a.Add(ContainerPath(workingDirectory));
        foreach (var (name, value) in environment.OrderBy(e => e.Key, StringComparer.Ordinal))
        {
            if (Skipped.Contains(name))
                continue;
            a.Add("-e");
            // A command line is readable by every local user (/proc/PID/cmdline), and the shell's environment may hold
            // an allowed secret (shell.allowed_secret_env): `-e NAME` takes the value from the client's environment.
            // Names the client itself reads (DOCKER_*, proxies) keep NAME=VALUE so they cannot redirect the client.
            if (ClientReads(name))
            {
                a.Add(name + "=" + value);
            }
            else
            {
                a.Add(name);
                psi.Environment[name] = value;
            }
        }

        a.Add(container);
        a.Add("bash");
        foreach (var arg in bashArguments)
            a.Add(arg);
        return new CommandLaunch(psi);
    }

    /// <summary>Whether the docker client itself reads <paramref name="name"/> (its connection, config, proxies).</summary>
    private static bool ClientReads(string name) =>
        name.StartsWith("DOCKER_", StringComparison.OrdinalIgnoreCase) || name.StartsWith("BUILDKIT_", StringComparison.OrdinalIgnoreCase)
        || name.EndsWith("_PROXY", StringComparison.OrdinalIgnoreCase) || name.StartsWith("SSL_CERT_", StringComparison.OrdinalIgnoreCase)
        || name.StartsWith("XDG_", StringComparison.OrdinalIgnoreCase) || name.StartsWith("GO", StringComparison.Ordinal);

    /// <summary>The container path of a host path beneath the workspace; WORKDIR for anything else.</summary>
    internal string ContainerPath(string hostPath)
    {
        var root = Path.GetFullPath(workspace).TrimEnd('/');
        var full = Path.GetFullPath(hostPath).TrimEnd('/');
        if (full == root)
            return workDir;
        return full.StartsWith(root + "/", StringComparison.Ordinal) ? workDir.TrimEnd('/') + full[root.Length..] : workDir;
    }
}
