using Wright.Tools.Files;

namespace Wright.Tools.Search;

/// <summary>Opens the folder a listing or search starts from (see <see cref="WorkspaceFs.OpenDirectory"/>).</summary>
internal static class SearchRoot
{
    /// <summary>The held folder, or null when the path is not a directory that can be opened.</summary>
    public static DirectoryHandle? Open(string root, string workspace)
    {
        try
        {
            return WorkspaceFs.Stat(root, workspace) is { IsDirectory: true } ? WorkspaceFs.OpenDirectory(root, workspace) : null;
        }
        catch (IOException)
        {
            return null;
        }
    }
}
