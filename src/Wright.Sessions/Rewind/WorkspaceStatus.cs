using System.Text;

namespace Wright.Sessions.Rewind;

/// <summary>
/// The work-tree side of <c>git status --porcelain=v2 -z</c>: paths to hash again (modified, type-changed or
/// untracked), paths gone from the work tree, and untracked nested repositories (listed as "dir/").
/// </summary>
internal sealed class WorkspaceStatus
{
    /// <summary>Modified, type-changed and untracked files.</summary>
    public List<string> Changed { get; } = [];

    /// <summary>Tracked paths missing from the work tree (or now hidden behind a symlink or a file).</summary>
    public List<string> Deleted { get; } = [];

    /// <summary>Untracked directories git sees as nested repositories, without the trailing '/'.</summary>
    public List<string> Repositories { get; } = [];

    /// <summary>Paths taken out by <see cref="Without"/>: they must leave the index if they are in it.</summary>
    public List<string> Dropped { get; } = [];

    /// <summary>Drops every path inside <paramref name="directory"/> (relative, '/'-separated).</summary>
    public void Without(string directory)
    {
        var prefix = directory + "/";
        bool Inside(string p) => p == directory || p.StartsWith(prefix, StringComparison.Ordinal);
        Dropped.AddRange(Changed.Where(Inside));
        Dropped.AddRange(Deleted.Where(Inside));
        Changed.RemoveAll(Inside);
        Deleted.RemoveAll(Inside);
        Repositories.RemoveAll(Inside);
    }

    /// <summary>Parses the NUL-separated records.</summary>
    public static WorkspaceStatus Parse(byte[] output)
    {
        var status = new WorkspaceStatus();
        var records = GitRunner.SplitZ(output);
        for (var i = 0; i < records.Count; i++)
        {
            var record = records[i];
            switch (record[0])
            {
                case '?':
                    var path = record[2..];
                    if (path.EndsWith('/'))
                        status.Repositories.Add(path.TrimEnd('/'));
                    else
                        status.Changed.Add(path);
                    break;
                case '1':
                    status.Add(record[3], record.Split(' ', 9)[8]);
                    break;
                case '2':
                    status.Add(record[3], record.Split(' ', 10)[9]);
                    i++; // the original path of a rename follows
                    break;
                case 'u':
                    status.Changed.Add(record.Split(' ', 11)[10]);
                    break;
            }
        }

        return status;
    }

    private void Add(char workTree, string path)
    {
        if (workTree == 'D')
            Deleted.Add(path);
        else if (workTree != '.')
            Changed.Add(path);
    }

    /// <inheritdoc />
    public override string ToString()
    {
        var text = new StringBuilder();
        text.Append("changed ").Append(Changed.Count).Append(", deleted ").Append(Deleted.Count).Append(", repositories ").Append(Repositories.Count);
        return text.ToString();
    }
}
