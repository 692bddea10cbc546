namespace Wright.Tools.Shell;

/// <summary>
/// The seam where a sandbox wraps tool processes: given bash's arguments, environment and working directory, returns
/// how to start the process that runs them (e.g. bubblewrap around bash), what to feed it, and what to release after.
/// </summary>
public interface ICommandLauncher
{
    /// <summary>Builds the launch; <paramref name="bashArguments"/> follow <c>/bin/bash</c>. Dispose the launch once the process has ended.</summary>
    CommandLaunch Launch(IReadOnlyList<string> bashArguments, IReadOnlyDictionary<string, string> environment, string workingDirectory);
}
