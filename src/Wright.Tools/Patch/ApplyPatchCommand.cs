namespace Wright.Tools.Patch;

/// <summary>
/// <c>wright apply-patch "&lt;patch&gt;"</c> (or the patch on stdin), like Codex's apply_patch program: the same summary on
/// stdout and the same messages on stderr, but all or nothing.
/// </summary>
public static class ApplyPatchCommand
{
    /// <summary>Prints the summary and returns 0, or prints the error to stderr and returns 1.</summary>
    public static int Run(string? patch, TextReader stdin, TextWriter stdout, TextWriter stderr, string workingDirectory)
    {
        if (patch is null or "-")
            patch = stdin.ReadToEnd();
        try
        {
            stdout.Write(PatchApplier.Apply(PatchParser.Parse(patch), workingDirectory));
            return 0;
        }
        catch (Exception ex) when (ex is FormatException or PatchException)
        {
            stderr.WriteLine(ex.Message);
            return 1;
        }
    }
}
