using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Wright.Acp.Rpc;
using Wright.Acp.Text;
using Wright.Tools.Files;

namespace Wright.Acp;

/// <summary>
/// A <c>session/prompt</c>'s content blocks as the prompt Wright's session takes: text as it is; a resource link
/// (how editors send <c>@</c>-mentioned files) as an <c>@path</c> mention the model can read with its tools, relative to
/// the workspace when it is inside; an embedded resource (the editor's own copy of a file, unsaved changes included) as
/// a context block after the text. Images and audio are refused: Wright does not advertise them.
/// </summary>
internal static class PromptContent
{
    public static string ToPrompt(JsonArray blocks, string workspace, string method)
    {
        var text = new StringBuilder();
        var context = new StringBuilder();
        for (var i = 0; i < blocks.Count; i++)
        {
            if (blocks[i] is not JsonObject block || block["type"] is not JsonValue t || t.GetValueKind() != JsonValueKind.String)
                throw Params.Bad(method, Params.Format(Strings.BadContentBlock, i));
            switch (t.GetValue<string>())
            {
                case "text":
                    text.Append(Params.String(block, "text", method));
                    break;
                case "resource_link":
                    var uri = Params.String(block, "uri", method);
                    Separate(text).Append('@').Append(Mention(uri, workspace));
                    break;
                case "resource":
                    if (block["resource"] is not JsonObject resource)
                        throw Params.Bad(method, Params.Format(Strings.ParamMissing, "resource"));
                    var where = Params.String(resource, "uri", method);
                    if (Params.OptionalString(resource, "text", method) is { } body)
                    {
                        context.Append("\n\n").Append(Params.Format(Strings.ContextFile, Mention(where, workspace)))
                            .Append("\n<context ref=\"").Append(where).Append("\">\n").Append(body.TrimEnd('\n')).Append("\n</context>");
                    }
                    else
                    {
                        Separate(text).Append('@').Append(Mention(where, workspace));
                    }

                    break;
                case var other:
                    throw Params.Bad(method, Params.Format(Strings.UnsupportedContent, i, other));
            }
        }

        var prompt = (text.ToString() + context).Trim();
        return prompt.Length > 0 ? prompt : throw Params.Bad(method, Strings.EmptyPrompt);
    }

    private static StringBuilder Separate(StringBuilder text) =>
        text.Length > 0 && !char.IsWhiteSpace(text[^1]) ? text.Append(' ') : text;

    /// <summary>A file URI as a path relative to the workspace when inside it, else the absolute path (or the URI as given).</summary>
    public static string Mention(string uri, string workspace)
    {
        if (!Uri.TryCreate(uri, UriKind.Absolute, out var parsed) || !parsed.IsFile)
            return uri;
        var path = parsed.LocalPath;
        return WorkspaceFs.Relative(path, workspace) is { Length: > 0 } relative ? relative : path;
    }
}
