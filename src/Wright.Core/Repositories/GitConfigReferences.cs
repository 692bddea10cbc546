using System.Text;

namespace Wright.Core.Repositories;

/// <summary>
/// The places a repository's git configuration makes git run or read as configuration, outside the git directory:
/// <c>core.hooksPath</c> (a folder of hooks git runs on commit, checkout, merge, push) and <c>include.path</c> /
/// <c>includeIf.*.path</c> (further config files, which can set <c>core.fsmonitor</c>, aliases, pagers, hooks). A
/// repository set up with <c>git config core.hooksPath .githooks</c> or <c>include.path ../.gitconfig</c> runs what
/// is there on the host at the user's next git command, so those paths are as protected as <c>.git</c> itself.
/// </summary>
/// <remarks>
/// A small reader of git's config syntax (sections <c>[core]</c>, <c>[includeIf "gitdir:…"]</c>, legacy
/// <c>[section.sub]</c>, keys case-insensitive, quoted values with escapes, <c>#</c>/<c>;</c> comments, backslash line
/// continuation, a key on the header's line). It errs towards finding too much: it reads the text only, never runs git
/// on a repository's config (that would be the attack).
/// </remarks>
public static class GitConfigReferences
{
    /// <summary>The hooks git runs (githooks(5)): in a hooks folder that is the workspace itself, these names are what must not change.</summary>
    public static IReadOnlyList<string> HookNames { get; } =
    [
        "applypatch-msg", "pre-applypatch", "post-applypatch", "pre-commit", "pre-merge-commit", "prepare-commit-msg",
        "commit-msg", "post-commit", "pre-rebase", "post-checkout", "post-merge", "pre-push", "pre-receive", "update",
        "proc-receive", "post-receive", "post-update", "reference-transaction", "push-to-checkout", "pre-auto-gc",
        "post-rewrite", "sendemail-validate", "fsmonitor-watchman", "p4-changelist", "p4-prepare-changelist",
        "p4-post-changelist", "p4-pre-submit", "post-index-change",
    ];

    /// <summary>
    /// The referenced paths of one config file's <paramref name="text"/>, absolute: an include relative to
    /// <paramref name="configDirectory"/> (the folder of the config file), a hooks path relative to
    /// <paramref name="worktree"/> (where git runs hooks). <c>~</c> paths are resolved against <paramref name="home"/>
    /// when given; <c>%(prefix)</c> paths are skipped (git's own installation).
    /// </summary>
    public static IReadOnlyList<GitConfigReference> Parse(string text, string configDirectory, string worktree, string? home = null)
    {
        ArgumentNullException.ThrowIfNull(text);
        var result = new List<GitConfigReference>();
        var section = "";
        foreach (var logical in LogicalLines(text))
        {
            var line = logical.TrimStart();
            if (line.StartsWith('['))
            {
                var end = HeaderEnd(line);
                if (end < 0)
                    continue;
                section = SectionName(line[1..end]);
                line = line[(end + 1)..].TrimStart();
            }

            if (line.Length == 0 || line[0] is '#' or ';')
                continue;
            var equals = line.IndexOf('=', StringComparison.Ordinal);
            var key = (equals < 0 ? line : line[..equals]).Trim().ToLowerInvariant();
            if (equals < 0 || key.Length == 0)
                continue;
            var value = Value(line[(equals + 1)..]);
            if (value.Length == 0)
                continue;
            var kind = (section, key) switch
            {
                ("core", "hookspath") => GitConfigReferenceKind.HooksFolder,
                ("include", "path") => GitConfigReferenceKind.IncludedFile,
                _ when section.StartsWith("includeif.", StringComparison.Ordinal) && key == "path" => GitConfigReferenceKind.IncludedFile,
                _ => (GitConfigReferenceKind?)null,
            };
            if (kind is null || Resolve(value, kind == GitConfigReferenceKind.HooksFolder ? worktree : configDirectory, home) is not { } path)
                continue;
            result.Add(new GitConfigReference(path, kind.Value));
        }

        return result;
    }

    private static string? Resolve(string value, string relativeTo, string? home)
    {
        if (value.StartsWith("%(prefix)", StringComparison.Ordinal))
            return null;
        if (value == "~" || value.StartsWith("~/", StringComparison.Ordinal))
            return home is null ? null : Path.GetFullPath(Path.Combine(home, value.Length > 1 ? value[2..] : ""));
        if (value.StartsWith('~'))
            return null; // ~user: another user's home, never the workspace's business
        try
        {
            return Path.GetFullPath(Path.IsPathRooted(value) ? value : Path.Combine(relativeTo, value));
        }
        catch (Exception ex) when (ex is ArgumentException or NotSupportedException or PathTooLongException)
        {
            return null;
        }
    }

    /// <summary>Joins physical lines ending in an unquoted backslash, as git does.</summary>
    private static IEnumerable<string> LogicalLines(string text)
    {
        var current = new StringBuilder();
        foreach (var raw in text.Replace("\r\n", "\n", StringComparison.Ordinal).Split('\n'))
        {
            if (raw.EndsWith('\\') && !raw.EndsWith("\\\\", StringComparison.Ordinal))
            {
                current.Append(raw, 0, raw.Length - 1);
                continue;
            }

            current.Append(raw);
            yield return current.ToString();
            current.Clear();
        }

        if (current.Length > 0)
            yield return current.ToString();
    }

    /// <summary>The index of the <c>]</c> closing a section header (outside the quoted subsection), or -1.</summary>
    private static int HeaderEnd(string line)
    {
        var quoted = false;
        for (var i = 1; i < line.Length; i++)
        {
            if (quoted && line[i] == '\\')
                i++;
            else if (line[i] == '"')
                quoted = !quoted;
            else if (line[i] == ']' && !quoted)
                return i;
        }

        return -1;
    }

    /// <summary><c>core</c>, <c>includeif.gitdir:~/x/</c> (the name lowercased, a quoted subsection kept), legacy <c>a.b</c>.</summary>
    private static string SectionName(string header)
    {
        var quote = header.IndexOf('"', StringComparison.Ordinal);
        if (quote < 0)
            return header.Trim().ToLowerInvariant();
        var name = header[..quote].Trim().ToLowerInvariant();
        var sub = header[(quote + 1)..].TrimEnd().TrimEnd('"').Replace("\\\"", "\"", StringComparison.Ordinal).Replace("\\\\", "\\", StringComparison.Ordinal);
        return name + "." + sub;
    }

    /// <summary>A value: surrounding blanks trimmed, quotes removed, escapes read, an unquoted comment cut off.</summary>
    private static string Value(string raw)
    {
        var value = new StringBuilder();
        var quoted = false;
        var pendingSpace = new StringBuilder();
        for (var i = 0; i < raw.Length; i++)
        {
            var c = raw[i];
            if (!quoted && c is '#' or ';')
                break;
            if (c == '"')
            {
                quoted = !quoted;
                continue;
            }

            if (c == '\\' && i + 1 < raw.Length)
            {
                var next = raw[++i];
                value.Append(pendingSpace).Append(next switch { 'n' => '\n', 't' => '\t', 'b' => '\b', _ => next });
                pendingSpace.Clear();
                continue;
            }

            if (!quoted && char.IsWhiteSpace(c))
            {
                if (value.Length > 0)
                    pendingSpace.Append(c);
                continue;
            }

            value.Append(pendingSpace).Append(c);
            pendingSpace.Clear();
        }

        return value.ToString();
    }
}
