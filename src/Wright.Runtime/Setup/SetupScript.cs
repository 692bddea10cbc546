using Wright.Runtime.Configuration;

namespace Wright.Runtime.Setup;

/// <summary>
/// A repository's <c>.wright/setup.sh</c>, the script <c>wright serve</c> runs in an attempt's worktree before the
/// agent starts (dependencies, a build, generated files). It is the repository's code, so it runs only when the
/// person trusted it as it is now (<c>wright trust</c> records its sha256 with the project's other files; for a
/// worktree, trust is the repository's, see <see cref="ProjectTrust.TrustedPath"/>), and then only inside the
/// sandbox. The file is read once, as project settings are read (never through a link leading out of the project,
/// never blocking, a regular file of at most <see cref="MaxBytes"/>), and those bytes — the ones whose hash was
/// checked — are what runs: the path itself is never handed to a shell.
/// </summary>
/// <param name="Path">Where it was looked for.</param>
/// <param name="State">What was found.</param>
/// <param name="Text">The script, when <see cref="SetupScriptState.Trusted"/>.</param>
public sealed record SetupScript(string Path, SetupScriptState State, string? Text)
{
    /// <summary>Where the script lives, relative to the workspace.</summary>
    public const string RelativePath = ".wright/setup.sh";

    /// <summary>The largest script that runs (it is passed to bash as one argument).</summary>
    public const int MaxBytes = 64 * 1024;

    /// <summary>Looks for the script of <paramref name="workspace"/>; <paramref name="trustRoot"/> as in <see cref="SessionRequest.TrustRoot"/>.</summary>
    public static SetupScript Find(string wrightHome, string workspace, string? trustRoot)
    {
        var path = System.IO.Path.Combine(workspace, ".wright", "setup.sh");
        if (!File.Exists(path) && !IsLink(path))
            return new SetupScript(path, SetupScriptState.Absent, null);
        if (ProjectFiles.Read(path) is not { } bytes || bytes.Length > MaxBytes || Array.IndexOf(bytes, (byte)0) >= 0)
            return new SetupScript(path, SetupScriptState.Unreadable, null);
        if (!ProjectTrust.IsTrusted(wrightHome, path, workspace, trustRoot, bytes))
            return new SetupScript(path, SetupScriptState.Untrusted, null);
        return new SetupScript(path, SetupScriptState.Trusted, System.Text.Encoding.UTF8.GetString(bytes));
    }

    private static bool IsLink(string path)
    {
        try
        {
            return new FileInfo(path).LinkTarget is not null;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return false;
        }
    }
}
