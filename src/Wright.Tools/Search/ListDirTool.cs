using System.Globalization;
using System.Text;
using System.Text.Json;
using Wright.Core.Tools;
using Wright.Tools.Files;

namespace Wright.Tools.Search;

/// <summary><c>list_dir {path?, depth?}</c>: an ignore-aware tree with sizes, folders first, capped.</summary>
public sealed class ListDirTool : ITool
{
    private const int Cap = 400;

    /// <inheritdoc />
    public string Name => "list_dir";

    /// <inheritdoc />
    public string Description => "Show a directory tree (default depth 2) with file sizes; honours .gitignore.";

    /// <inheritdoc />
    public JsonElement ParametersSchema { get; } = ToolRegistry.Schema("""
        {"type":"object","properties":{"path":{"type":"string"},"depth":{"type":"integer","minimum":1,"maximum":10}},"additionalProperties":false}
        """);

    /// <inheritdoc />
    public ToolEffect Effect => ToolEffect.ReadOnly;

    /// <inheritdoc />
    public Task<ToolResult> InvokeAsync(JsonElement arguments, ToolContext context, CancellationToken cancellationToken)
    {
        var root = WorkspacePaths.Resolve(arguments.TryGetProperty("path", out var p) && p.ValueKind == JsonValueKind.String ? p.GetString()! : ".", context.Workspace);
        if (SearchRoot.Open(root, context.Workspace, out var error) is not { } folder)
            return Task.FromResult(ToolResult.Error(error));
        var depth = arguments.TryGetProperty("depth", out var d) && d.ValueKind == JsonValueKind.Number ? d.GetInt32() : 2;
        List<WalkEntry> entries;
        using (folder)
            entries = WorkspaceWalker.Walk(folder, depth, cancellationToken: cancellationToken);
        var walked = folder.FullPath;
        var children = entries.GroupBy(e => Path.GetDirectoryName(e.Path)!).ToDictionary(g => g.Key, g => g.OrderByDescending(e => e.IsDirectory).ThenBy(e => e.Path, StringComparer.Ordinal).ToList());
        var text = new StringBuilder(WorkspacePaths.Show(root, context.Workspace) is "." ? "./\n" : WorkspacePaths.Show(root, context.Workspace) + "/\n");
        var shown = 0;
        void Print(string dir, string indent)
        {
            if (!children.TryGetValue(dir, out var list))
                return;
            foreach (var e in list)
            {
                if (shown++ >= Cap)
                    return;
                var name = Path.GetFileName(e.Path);
                text.Append(indent).Append(e.IsDirectory ? name + "/" : $"{name} ({Size(e.Size)})").Append('\n');
                if (e.IsDirectory)
                    Print(e.Path, indent + "  ");
            }
        }

        Print(walked, "  ");
        if (entries.Count > Cap)
            text.Append(CultureInfo.InvariantCulture, $"[… {entries.Count - Cap} more entries; list a subfolder or lower depth]\n");
        return Task.FromResult(ToolResult.Ok(text.ToString().TrimEnd()));
    }

    private static string Size(long bytes) => bytes switch
    {
        < 1024 => $"{bytes} B",
        < 1024 * 1024 => string.Create(CultureInfo.InvariantCulture, $"{bytes / 1024.0:0.#} KB"),
        _ => string.Create(CultureInfo.InvariantCulture, $"{bytes / (1024.0 * 1024):0.#} MB"),
    };
}
