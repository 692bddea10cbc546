namespace Wright.Tasks.Git;

/// <summary>
/// What a repository's own configuration (its <c>config</c>, <c>config.worktree</c> and what they include: scopes
/// <c>local</c> and <c>worktree</c>) may not do to git commands Wright runs on the host: start a program. A repository
/// unpacked from an archive or made by someone else carries whatever <c>.git/config</c> it likes, so every key there
/// that names a program git would start by itself is overridden on the command line (<c>-c</c>, the highest
/// precedence) with one that starts nothing or only git itself; the person's own settings (<c>system</c>,
/// <c>global</c>, <c>command</c>) keep applying. Keys git reads first-wins (<c>remote.*.receivepack</c>,
/// <c>core.gitProxy</c>) cannot be overridden this way; the callers pass <c>--receive-pack</c>/<c>--upload-pack</c>
/// and the environment sets <c>GIT_PROXY_COMMAND</c> instead.
/// </summary>
internal static class RepositoryConfig
{
    /// <summary>The arguments for <c>git config</c> that list every setting with its scope (NUL-separated).</summary>
    public static readonly string[] ListArguments = ["config", "--list", "--show-scope", "--includes", "-z"];

    /// <summary>
    /// The <c>-c</c> flags that neutralise the program-starting keys among <paramref name="listing"/> (the output of
    /// <see cref="ListArguments"/>): filters start nothing, textconv is <c>cat</c>, a custom merge driver is git's own
    /// three-way merge, external diff commands, askpass, editors, signing and credential helpers set there are dropped
    /// (the person's own credential helpers are named again after the reset).
    /// </summary>
    public static List<string> Neutralize(string listing)
    {
        var flags = new List<string>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var trustedHelpers = new List<(string Key, string Value)>();
        var resetHelpers = false;
        var scope = "";
        var trustedSingles = new Dictionary<string, string>(StringComparer.Ordinal);
        var overridden = new List<(string Key, string Neutral)>();
        void Add(string key, string value)
        {
            if (seen.Add(key))
            {
                flags.Add("-c");
                flags.Add(key + "=" + value);
            }
        }

        foreach (var record in listing.Split('\0', StringSplitOptions.RemoveEmptyEntries))
        {
            // "scope\0key\nvalue\0": the scope is its own record, followed by the key and value.
            var newline = record.IndexOf('\n', StringComparison.Ordinal);
            var key = newline < 0 ? record : record[..newline];
            var value = newline < 0 ? "" : record[(newline + 1)..];
            if (newline < 0 && key is "local" or "worktree" or "global" or "system" or "command" or "unknown")
            {
                scope = key;
                continue;
            }

            var repositoryOwn = scope is "local" or "worktree" or "unknown";
            var (section, subsection, name) = Split(key);
            var single = (section, name) switch
            {
                ("core", "askpass" or "editor" or "sshcommand" or "alternaterefscommand") or ("sequence", "editor") => true,
                ("gpg", "program" or "defaultkeycommand") => true,
                _ => false,
            };
            if (single)
            {
                var normal = subsection is null ? $"{section}.{name}" : $"{section}.{subsection}.{name}";
                if (!repositoryOwn)
                    trustedSingles[normal] = value;
                else if (!overridden.Exists(o => o.Key == normal))
                    overridden.Add((normal, name == "sshcommand" ? "ssh" : ""));
                continue;
            }

            if (section == "credential" && name == "helper")
            {
                if (repositoryOwn)
                    resetHelpers = true;
                else
                    trustedHelpers.Add((key, value));
                continue;
            }

            if (!repositoryOwn)
                continue;
            switch (section, name)
            {
                case ("filter", "clean" or "smudge" or "process" or "required") when subsection is not null:
                    Add($"filter.{subsection}.clean", "");
                    Add($"filter.{subsection}.smudge", "");
                    Add($"filter.{subsection}.process", "");
                    Add($"filter.{subsection}.required", "false");
                    break;
                case ("diff", "textconv") when subsection is not null:
                    Add($"diff.{subsection}.textconv", "cat");
                    break;
                case ("diff", "command") when subsection is not null:
                    Add($"diff.{subsection}.command", "");
                    break;
                case ("merge", "driver") when subsection is not null:
                    Add($"merge.{subsection}.driver", "git merge-file --marker-size=%L %A %O %B");
                    break;
            }
        }

        // A single-valued key the repository set: the person's own value again, else one that starts nothing.
        foreach (var (key, neutral) in overridden)
            Add(key, trustedSingles.GetValueOrDefault(key, neutral));

        if (resetHelpers)
        {
            flags.Add("-c");
            flags.Add("credential.helper=");
            foreach (var (key, value) in trustedHelpers)
            {
                flags.Add("-c");
                flags.Add(key + "=" + value);
            }
        }

        return flags;
    }

    /// <summary>A config key's section, subsection (case kept; null when none) and name, the first and last lower-cased.</summary>
    private static (string Section, string? Subsection, string Name) Split(string key)
    {
        var first = key.IndexOf('.', StringComparison.Ordinal);
        var last = key.LastIndexOf('.');
        if (first < 0)
            return (key.ToLowerInvariant(), null, "");
        return first == last
            ? (key[..first].ToLowerInvariant(), null, key[(last + 1)..].ToLowerInvariant())
            : (key[..first].ToLowerInvariant(), key[(first + 1)..last], key[(last + 1)..].ToLowerInvariant());
    }
}
