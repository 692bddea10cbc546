using System.Text;
using System.Text.RegularExpressions;
using AngleSharp.Dom;
using AngleSharp.Html.Parser;

namespace Wright.Tools.Web;

/// <summary>
/// Turns an HTML page into readable markdown for the model: main content only (main/article when present),
/// scripts/styles/navigation dropped, links absolute. Images become their alt text and never a markdown image, so
/// a rendering host cannot be made to fetch an attacker's URL.
/// </summary>
public static partial class HtmlToMarkdown
{
    private static readonly HashSet<string> Dropped = new(StringComparer.OrdinalIgnoreCase)
    {
        "script", "style", "noscript", "template", "svg", "canvas", "iframe", "form", "button", "select", "nav", "footer",
    };

    /// <summary>Converts; <paramref name="baseUrl"/> makes relative links absolute.</summary>
    public static string Convert(string html, Uri baseUrl)
    {
        var document = new HtmlParser().ParseDocument(html);
        var root = (IElement?)document.QuerySelector("main") ?? document.QuerySelector("article") ?? document.Body ?? document.DocumentElement;
        var text = new StringBuilder();
        if (!string.IsNullOrWhiteSpace(document.Title))
            text.Append("# ").Append(document.Title.Trim()).Append("\n\n");
        Walk(root, text, baseUrl, listDepth: 0, inPre: false);
        return ExtraBlankLines().Replace(text.ToString(), "\n\n").Trim();
    }

    private static void Walk(INode node, StringBuilder text, Uri baseUrl, int listDepth, bool inPre)
    {
        foreach (var child in node.ChildNodes)
        {
            if (child is IText t)
            {
                text.Append(inPre ? t.Data : Whitespace().Replace(t.Data, " "));
                continue;
            }

            if (child is not IElement e || Dropped.Contains(e.LocalName) || e.HasAttribute("hidden"))
                continue;

            switch (e.LocalName)
            {
                case "h1" or "h2" or "h3" or "h4" or "h5" or "h6":
                    text.Append("\n\n").Append('#', e.LocalName[1] - '0').Append(' ').Append(Inline(e)).Append("\n\n");
                    break;
                case "br":
                    text.Append('\n');
                    break;
                case "hr":
                    text.Append("\n\n---\n\n");
                    break;
                case "pre":
                    text.Append("\n\n```\n").Append(e.TextContent.TrimEnd()).Append("\n```\n\n");
                    break;
                case "code":
                    text.Append('`').Append(e.TextContent).Append('`');
                    break;
                case "a":
                    var href = e.GetAttribute("href");
                    var label = Inline(e);
                    if (!string.IsNullOrEmpty(href) && Uri.TryCreate(baseUrl, href, out var target)
                        && (target.Scheme == Uri.UriSchemeHttp || target.Scheme == Uri.UriSchemeHttps))
                        text.Append('[').Append(label.Length > 0 ? label : target.ToString()).Append("](").Append(target).Append(')');
                    else
                        text.Append(label);
                    break;
                case "img":
                    var alt = e.GetAttribute("alt");
                    if (!string.IsNullOrWhiteSpace(alt))
                        text.Append("[image: ").Append(alt.Trim()).Append(']');
                    break;
                case "strong" or "b":
                    text.Append("**").Append(Inline(e)).Append("**");
                    break;
                case "em" or "i":
                    text.Append('_').Append(Inline(e)).Append('_');
                    break;
                case "ul" or "ol":
                    text.Append('\n');
                    var number = 1;
                    foreach (var li in e.Children.Where(c => c.LocalName == "li"))
                    {
                        text.Append('\n').Append(' ', listDepth * 2).Append(e.LocalName == "ol" ? $"{number++}. " : "- ");
                        Walk(li, text, baseUrl, listDepth + 1, inPre);
                    }

                    text.Append("\n\n");
                    break;
                case "blockquote":
                    var inner = new StringBuilder();
                    Walk(e, inner, baseUrl, listDepth, inPre);
                    foreach (var line in inner.ToString().Trim().Split('\n'))
                        text.Append("\n> ").Append(line);
                    text.Append("\n\n");
                    break;
                case "table":
                    Table(e, text);
                    break;
                case "p" or "div" or "section" or "article" or "main" or "header" or "aside" or "figure" or "dl" or "dt" or "dd" or "li":
                    text.Append("\n\n");
                    Walk(e, text, baseUrl, listDepth, inPre);
                    text.Append("\n\n");
                    break;
                default:
                    Walk(e, text, baseUrl, listDepth, inPre);
                    break;
            }
        }
    }

    private static void Table(IElement table, StringBuilder text)
    {
        var rows = table.QuerySelectorAll("tr").ToList();
        if (rows.Count == 0)
            return;
        text.Append("\n\n");
        for (var i = 0; i < rows.Count; i++)
        {
            var cells = rows[i].Children.Where(c => c.LocalName is "td" or "th").Select(c => Inline(c).Replace("|", "\\|", StringComparison.Ordinal)).ToList();
            text.Append("| ").Append(string.Join(" | ", cells)).Append(" |\n");
            if (i == 0)
                text.Append('|').Append(string.Concat(Enumerable.Repeat(" --- |", Math.Max(1, cells.Count)))).Append('\n');
        }

        text.Append('\n');
    }

    private static string Inline(IElement e) => Whitespace().Replace(e.TextContent, " ").Trim();

    [GeneratedRegex(@"\s+")]
    private static partial Regex Whitespace();

    [GeneratedRegex(@"\n[ \t]*(\n[ \t]*){2,}")]
    private static partial Regex ExtraBlankLines();
}
