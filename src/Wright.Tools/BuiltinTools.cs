using Wright.Core.Tools;
using Wright.Tools.Files;
using Wright.Tools.Shell;
using Wright.Tools.Todo;
using Wright.Tools.Web;

namespace Wright.Tools;

/// <summary>The built-in tool set.</summary>
public static class BuiltinTools
{
    /// <summary>Creates the tools.</summary>
    public static IReadOnlyList<ITool> Create(ToolOptions options) =>
    [
        new ShellTool(options),
        new ShellOutputTool(),
        new ShellKillTool(),
        new ReadFileTool(options.EditorFiles),
        new WriteFileTool(options.EditorFiles),
        new EditFileTool(options.EditorFiles),
        new MultiEditTool(options.EditorFiles),
        new Patch.ApplyPatchTool(options.EditorFiles),
        new Search.GrepTool(),
        new Search.GlobTool(),
        new Search.ListDirTool(),
        new TodoWriteTool(),
        new WebFetchTool(options.WebFetch),
    ];
}
