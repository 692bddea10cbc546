using System.Diagnostics;

namespace Wright.Tools.Shell;

/// <summary>
/// The seam where a sandbox wraps tool processes: given bash's arguments, environment and working directory, returns
/// the start info of the process to run (e.g. bubblewrap around bash).
/// </summary>
public interface ICommandLauncher
{
    /// <summary>Builds the start info; <paramref name="bashArguments"/> follow <c>/bin/bash</c>.</summary>
    ProcessStartInfo Create(IReadOnlyList<string> bashArguments, IReadOnlyDictionary<string, string> environment, string workingDirectory);
}
