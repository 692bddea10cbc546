using Wright.Tools.Files;

namespace Wright.Tools.Search;

/// <summary>Opens the folder a listing or search starts from (see <see cref="WorkspaceFs.OpenDirectory"/>).</summary>
internal static class SearchRoot
{
    /// <summary>The held folder, or null with the error to show (not a directory, a link leading out, …).</summary>
    public static DirectoryHandle? Open(string root, string workspace, out string error)
    {
        error = $"Error: {WorkspacePaths.Show(root, workspace)} is not a directory.";
        try
        {
            return WorkspaceFs.Stat(root, workspace) is { IsDirectory: true } ? WorkspaceFs.OpenDirectory(root, workspace) : null;
        }
        catch (IOException ex)
        {
            error = $"Error: {ex.Message}.";
            return null;
        }
    }
}
