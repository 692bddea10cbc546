using System.Text.Json;
using Wright.Core.Tools;
using Wright.Tools.Files;

namespace Wright.Tools.Search;

/// <summary><c>glob {pattern, path?}</c>: files matching a glob (ignore-aware), newest first, capped.</summary>
public sealed class GlobTool : ITool
{
    private const int Cap = 200;

    /// <inheritdoc />
    public string Name => "glob";

    /// <inheritdoc />
    public string Description => "Find files by glob (e.g. **/*.ts, src/*.cs), newest first; honours .gitignore.";

    /// <inheritdoc />
    public JsonElement ParametersSchema { get; } = ToolRegistry.Schema("""
        {"type":"object","properties":{"pattern":{"type":"string"},"path":{"type":"string"}},"required":["pattern"],"additionalProperties":false}
        """);

    /// <inheritdoc />
    public ToolEffect Effect => ToolEffect.ReadOnly;

    /// <inheritdoc />
    public Task<ToolResult> InvokeAsync(JsonElement arguments, ToolContext context, CancellationToken cancellationToken)
    {
        var pattern = arguments.GetProperty("pattern").GetString() ?? "";
        var root = WorkspacePaths.Resolve(arguments.TryGetProperty("path", out var p) && p.ValueKind == JsonValueKind.String ? p.GetString()! : ".", context.Workspace);
        if (SearchRoot.Open(root, context.Workspace, out var error) is not { } folder)
            return Task.FromResult(ToolResult.Error(error));
        var match = GrepTool.GlobMatcher(pattern.StartsWith("**/", StringComparison.Ordinal) ? pattern[3..] : pattern);
        List<WalkEntry> entries;
        using (folder)
            entries = WorkspaceWalker.Walk(folder, cancellationToken: cancellationToken);
        var matches = entries
            .Where(e => !e.IsDirectory && match(Path.GetRelativePath(folder.FullPath, e.Path)))
            .OrderByDescending(e => e.ModifiedUtc).ThenBy(e => e.Path, StringComparer.Ordinal).ToList();
        if (matches.Count == 0)
            return Task.FromResult(ToolResult.Ok($"No files match {pattern}."));
        var lines = matches.Take(Cap).Select(e => WorkspacePaths.Show(e.Path, context.Workspace)).ToList();
        if (matches.Count > Cap)
            lines.Add($"[… and {matches.Count - Cap} more]");
        return Task.FromResult(ToolResult.Ok(string.Join('\n', lines)));
    }
}
