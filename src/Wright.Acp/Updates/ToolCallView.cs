using System.Text.Json;
using System.Text.Json.Nodes;
using Wright.Acp.Text;
using Wright.Tools.Files;

namespace Wright.Acp.Updates;

/// <summary>
/// How a tool call looks to an editor: a title, one of ACP's kinds, the files it touches (absolute paths, with a line
/// where one is known) and, for an edit, a diff of the file as it is and as the call would leave it. The file's
/// current text is the editor's as last read or written through the client's file system, else read the way the
/// read tool reads it (no link out of the workspace, never blocking).
/// </summary>
internal sealed record ToolCallView(string Title, string Kind, JsonArray Locations, JsonArray Content)
{
    private const int MaxDiffBytes = 1024 * 1024;
    private const int MaxTitle = 120;

    /// <summary>The view of a call; <paramref name="known"/> gives the editor's text of a file as last seen (its unsaved buffer), else the disk's is shown.</summary>
    public static ToolCallView Of(string tool, string arguments, string workspace, bool withDiff, Func<string, string?>? known = null)
    {
        JsonElement args;
        try
        {
            using var doc = JsonDocument.Parse(string.IsNullOrWhiteSpace(arguments) ? "{}" : arguments);
            args = doc.RootElement.Clone();
        }
        catch (JsonException)
        {
            args = default;
        }

        string? Arg(string name) => args.ValueKind == JsonValueKind.Object && args.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString() : null;
        string? Full(string? path) => path is null ? null : WorkspacePaths.Resolve(path, workspace);
        string Shown(string? path) => path is null ? "" : WorkspacePaths.Show(WorkspacePaths.Resolve(path, workspace), workspace);
        JsonArray At(string? path, int? line = null)
        {
            if (Full(path) is not { } full)
                return [];
            var location = new JsonObject { ["path"] = full };
            if (line is { } l)
                location["line"] = l;
            return new JsonArray((JsonNode)location);
        }

        var path = Arg("path");
        switch (tool)
        {
            case "read_file":
                var offset = args.ValueKind == JsonValueKind.Object && args.TryGetProperty("offset", out var o) && o.TryGetInt32(out var from) ? from : (int?)null;
                return new(offset is { } n ? F(Strings.TitleReadFrom, Shown(path), n) : F(Strings.TitleRead, Shown(path)), "read", At(path, offset), []);
            case "write_file":
                return new(F(Strings.TitleWrite, Shown(path)), "edit", At(path), withDiff ? Diff(Full(path), workspace, known, _ => Arg("content")) : []);
            case "edit_file":
                return new(F(Strings.TitleEdit, Shown(path)), "edit", At(path), withDiff ? Diff(Full(path), workspace, known, old => old is null ? null : Apply(old, [args])) : []);
            case "multi_edit":
                var edits = args.ValueKind == JsonValueKind.Object && args.TryGetProperty("edits", out var e) && e.ValueKind == JsonValueKind.Array ? e.EnumerateArray().ToList() : [];
                return new(F(Strings.TitleEdit, Shown(path)), "edit", At(path), withDiff ? Diff(Full(path), workspace, known, old => old is null ? null : Apply(old, edits)) : []);
            case "apply_patch":
                var patch = Arg("patch") ?? "";
                var files = new JsonArray();
                foreach (var line in patch.Split('\n'))
                {
                    foreach (var marker in new[] { "*** Update File: ", "*** Add File: ", "*** Delete File: " })
                    {
                        if (line.StartsWith(marker, StringComparison.Ordinal))
                            files.Add((JsonNode)new JsonObject { ["path"] = WorkspacePaths.Resolve(line[marker.Length..].Trim(), workspace) });
                    }
                }

                return new(Strings.TitlePatch, "edit", files, patch.Length == 0 ? [] : new JsonArray((JsonNode)Text("```diff\n" + patch.TrimEnd() + "\n```")));
            case "grep":
                return new(path is null ? F(Strings.TitleGrep, Cut(Arg("pattern") ?? "")) : F(Strings.TitleGrepIn, Cut(Arg("pattern") ?? ""), Shown(path)), "search", At(path), []);
            case "glob":
                return new(F(Strings.TitleGlob, Cut(Arg("pattern") ?? "")), "search", At(path), []);
            case "list_dir":
                return new(F(Strings.TitleList, path is null ? "." : Shown(path)), "search", At(path), []);
            case "shell":
                var command = Arg("command") ?? "";
                return new(F(Strings.TitleShell, Cut(command)), "execute", [], new JsonArray((JsonNode)Text("```sh\n" + command + "\n```")));
            case "shell_output":
                return new(Strings.TitleShellOutput, "execute", [], []);
            case "shell_kill":
                return new(Strings.TitleShellKill, "execute", [], []);
            case "web_fetch":
                return new(F(Strings.TitleFetch, Cut(Arg("url") ?? "")), "fetch", [], []);
            case "web_search":
                return new(F(Strings.TitleSearchWeb, Cut(Arg("query") ?? "")), "fetch", [], []);
            case "todo_write":
                return new(Strings.TitleTodo, "think", [], []);
            case "task":
                return new(F(Strings.TitleTask, Cut(Arg("description") ?? Arg("prompt") ?? "")), "think", [], []);
            case "skill":
                return new(F(Strings.TitleSkill, Arg("name") ?? ""), "read", [], []);
            case "remember":
                return new(Strings.TitleRemember, "other", [], []);
            case "recall":
                return new(F(Strings.TitleRecall, Cut(Arg("query") ?? "")), "search", [], []);
            default:
                if (tool.StartsWith("mcp__", StringComparison.Ordinal) && tool.Split("__") is [_, var server, .. var rest] && rest.Length > 0)
                    return new(F(Strings.TitleMcp, server, string.Join("__", rest)), "other", [], []);
                return new(tool, "other", [], []);
        }
    }

    /// <summary>A text block of tool-call content.</summary>
    public static JsonObject Text(string text) =>
        new() { ["type"] = "content", ["content"] = new JsonObject { ["type"] = "text", ["text"] = text } };

    private static JsonArray Diff(string? full, string workspace, Func<string, string?>? known, Func<string?, string?> after)
    {
        if (full is null)
            return [];
        var old = WorkspaceFs.Stat(full, workspace) is { IsFile: true } ? known?.Invoke(full) ?? WorkspaceFs.ReadText(full, workspace, MaxDiffBytes) : null;
        if (after(old) is not { } next)
            return [];
        var diff = new JsonObject { ["type"] = "diff", ["path"] = full, ["oldText"] = old, ["newText"] = next };
        return new JsonArray((JsonNode)diff);
    }

    /// <summary>The edits applied as the edit tool would (exact text; first occurrence unless replace_all); null when one does not apply.</summary>
    private static string? Apply(string text, IEnumerable<JsonElement> edits)
    {
        text = text.Replace("\r\n", "\n", StringComparison.Ordinal);
        foreach (var edit in edits)
        {
            if (edit.ValueKind != JsonValueKind.Object
                || !edit.TryGetProperty("old_string", out var o) || o.GetString() is not { Length: > 0 } oldText
                || !edit.TryGetProperty("new_string", out var n) || n.GetString() is not { } newText)
                return null;
            oldText = oldText.Replace("\r\n", "\n", StringComparison.Ordinal);
            newText = newText.Replace("\r\n", "\n", StringComparison.Ordinal);
            var at = text.IndexOf(oldText, StringComparison.Ordinal);
            if (at < 0)
                return null;
            text = edit.TryGetProperty("replace_all", out var all) && all.ValueKind == JsonValueKind.True
                ? text.Replace(oldText, newText, StringComparison.Ordinal)
                : text[..at] + newText + text[(at + oldText.Length)..];
        }

        return text;
    }

    private static string F(string format, params object?[] args) => Rpc.Params.Format(format, args);

    private static string Cut(string text)
    {
        text = text.ReplaceLineEndings(" ");
        return text.Length <= MaxTitle ? text : text[..MaxTitle] + "…";
    }
}
