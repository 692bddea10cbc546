using System.Globalization;
using System.Text;
using Wright.Core.Repositories;

namespace Wright.Permissions.Protection;

/// <summary>
/// Where a write can make code run later outside the agent's control, or change the agent's own policy: the whole of
/// every <c>.git</c> directory and of every git directory a <c>.git</c> file points to (<c>gitdir:</c>, and that
/// directory's <c>commondir</c>: submodules, worktrees, separate git dirs), hook managers (<c>.husky</c>), CI
/// (<c>.github/workflows</c>), agent and editor settings (<c>.wright</c>, <c>.claude</c>, <c>.cursor</c>,
/// <c>.vscode</c>, <c>.idea</c>, <c>.devcontainer</c>, <c>.mcp.json</c>), git's attribute and module files (filters
/// and drivers named there run code), <c>.envrc</c>, shell start-up files, git config files, <c>~/.ssh</c> and Wright's
/// own home — and any folder git would take for a git directory (a bare or separate one, whatever name it has). Such
/// writes ask in every mode but yolo and are never remembered.
/// <para>Instruction files (<c>AGENTS.md</c>, <c>CLAUDE.md</c>, <c>GEMINI.md</c>, <c>.cursorrules</c>, …) are a
/// separate class (<see cref="IsInstructionFile"/>): persistent injection, a sink once the session holds untrusted
/// content.</para>
/// <para>Paths are compared after normalisation: case-folded, trailing dots and spaces, NTFS stream suffixes and
/// invisible characters removed, <c>GIT~1</c> read as <c>.git</c> (what case-insensitive or Windows file systems,
/// and git itself, would treat as the same name), on the lexical path and on the path with its symlinks resolved.</para>
/// </summary>
public static class ProtectedPaths
{
    private const int MaxAncestors = 64;

    private static readonly HashSet<string> ConfigDirectories = new(StringComparer.Ordinal)
    {
        ".husky", ".wright", ".vscode", ".claude", ".idea", ".cursor", ".devcontainer", ".ssh", ".gemini", ".codex", ".zed",
        ".continue", ".windsurf", ".amazonq", ".hg", ".jj", ".githooks",
    };

    private static readonly HashSet<string> ConfigFiles = new(StringComparer.Ordinal)
    {
        ".gitmodules", ".gitattributes", ".envrc", ".mcp.json", ".gitconfig", ".devcontainer.json",
        ".pre-commit-config.yaml", ".pre-commit-hooks.yaml", "lefthook.yml", ".lefthook.yml", "lefthook.yaml", ".lefthook.yaml",
        "lefthook.toml", ".lefthook.toml", "lefthook.json", ".lefthook.json", "lefthook-local.yml", ".lefthook-local.yml",
        "lefthook-local.yaml", ".lefthook-local.yaml", ".overcommit.yml", "mise.toml", ".mise.toml", "mise.local.toml",
        ".mise.local.toml",
        ".bashrc", ".bash_profile", ".bash_login", ".bash_logout", ".profile", ".zshrc", ".zshenv", ".zprofile", ".zlogin",
        ".zlogout", ".kshrc", ".mkshrc", ".cshrc", ".tcshrc", ".login", ".inputrc",
    };

    private static readonly (string Parent, string Child)[] ConfigPairs =
    [
        (".github", "workflows"), (".github", "actions"), (".config", "git"), (".config", "fish"), (".config", "direnv"),
    ];

    private static readonly HashSet<string> InstructionFiles = new(StringComparer.Ordinal)
    {
        "agents.md", "agent.md", "claude.md", "claude.local.md", "gemini.md", ".cursorrules", ".windsurfrules", "copilot-instructions.md",
    };

    private static readonly HashSet<string> InstructionDirectories = new(StringComparer.Ordinal) { ".clinerules", ".agents" };

    private static readonly (string Parent, string Child)[] InstructionPairs = [(".github", "instructions"), (".github", "prompts")];

    /// <summary>
    /// Why writing <paramref name="path"/> (absolute, lexically normalised) is protected, or null. Looks at the path as
    /// given and with its symlinks resolved, and at the git directories that <c>.git</c> files on its way point to.
    /// </summary>
    public static string? Why(string path, string workspace, string? wrightHome = null)
    {
        var real = Shell.Paths.Real(path);
        foreach (var candidate in real == path ? [path] : new[] { path, real })
        {
            if (ByName(candidate) is { } byName)
                return byName;
            if (wrightHome is not null && Under(candidate, wrightHome))
                return "Wright's own configuration and data";
        }

        foreach (var (owner, gitDir) in GitDirectories(path, workspace))
        {
            if (Under(path, gitDir) || Under(real, gitDir))
                return $"git metadata (the git directory of {owner}: {gitDir})";
        }

        if (GitConfigReason(path, real, workspace) is { } configured)
            return configured;

        return GitDirectoryAbove(path) is { } repository ? $"git metadata (a git directory: {repository})" : null;
    }

    /// <summary>Whether <paramref name="path"/> is an instruction file that agents load into their prompts.</summary>
    public static bool IsInstructionFile(string path)
    {
        var real = Shell.Paths.Real(path);
        return IsInstruction(Components(path)) || (real != path && IsInstruction(Components(real)));
    }

    /// <summary>A path component as case-insensitive and Windows file systems (and git's own checks) would compare it.</summary>
    public static string NormalizeComponent(string component)
    {
        var text = component.Normalize(NormalizationForm.FormKC);
        var builder = new StringBuilder(text.Length);
        foreach (var rune in text.EnumerateRunes())
        {
            if (!IsIgnorable(rune))
                builder.Append(rune.ToString());
        }

        var name = builder.ToString();
        var stream = name.IndexOf(':', StringComparison.Ordinal);
        if (stream > 0)
            name = name[..stream]; // NTFS: ".git::$INDEX_ALLOCATION" is ".git"
        var trimmed = name.TrimEnd('.', ' ');
        if (trimmed.Length > 0 && trimmed != name && name != "." && name != "..")
            name = trimmed;
        name = name.ToLowerInvariant();
        if (name.StartsWith("git~", StringComparison.Ordinal) && name.Length > 4 && name[4..].All(char.IsAsciiDigit))
            return ".git"; // the 8.3 short name of .git
        return name;
    }

    private static string? ByName(string path)
    {
        var parts = Components(path);
        for (var i = 0; i < parts.Count; i++)
        {
            var part = parts[i];
            if (part == ".git")
                return $"git metadata ({Tail(path, parts.Count - i)})";
            if (ConfigDirectories.Contains(part))
                return $"agent, editor or hook configuration ({Tail(path, parts.Count - i)})";
            if (i + 1 < parts.Count && ConfigPairs.Any(p => p.Parent == part && p.Child == parts[i + 1]))
                return $"CI, git or shell configuration ({Tail(path, parts.Count - i)})";
        }

        return parts.Count > 0 && ConfigFiles.Contains(parts[^1]) ? $"git, shell or agent configuration ({Tail(path, 1)})" : null;
    }

    private static bool IsInstruction(List<string> parts)
    {
        if (parts.Count == 0)
            return false;
        if (InstructionFiles.Contains(parts[^1]))
            return true;
        for (var i = 0; i < parts.Count; i++)
        {
            if (InstructionDirectories.Contains(parts[i]))
                return true;
            if (i + 1 < parts.Count && InstructionPairs.Any(p => p.Parent == parts[i] && p.Child == parts[i + 1]))
                return true;
        }

        return false;
    }

    /// <summary>
    /// The git directories named by <c>.git</c> files — in the ancestors of <paramref name="path"/> inside the workspace
    /// (submodules, nested worktrees) and in the workspace and its ancestors (the workspace itself may be a worktree or
    /// have a separate git directory) — and their <c>commondir</c>s. Each file is read without following links.
    /// </summary>
    private static IEnumerable<(string Owner, string GitDir)> GitDirectories(string path, string workspace)
    {
        foreach (var dir in Owners(path, workspace))
        {
            if (SafeRead.FirstLine(Path.Combine(dir, ".git")) is not { } line || !line.StartsWith("gitdir:", StringComparison.Ordinal))
                continue;
            var target = line["gitdir:".Length..].Trim();
            if (target.Length == 0)
                continue;
            var gitDir = Shell.Paths.Real(Path.GetFullPath(Path.IsPathRooted(target) ? target : Path.Combine(dir, target)));
            yield return (dir, gitDir);
            if (SafeRead.FirstLine(Path.Combine(gitDir, "commondir"))?.Trim() is { Length: > 0 } common)
                yield return (dir, Shell.Paths.Real(Path.GetFullPath(Path.IsPathRooted(common) ? common : Path.Combine(gitDir, common))));
        }
    }

    /// <summary>
    /// Whether a git config of a repository holding <paramref name="path"/> points git at it: a <c>core.hooksPath</c>
    /// folder (git runs what is there) or an included config file (<see cref="GitConfigReferences"/>), at any include depth.
    /// </summary>
    private static string? GitConfigReason(string path, string real, string workspace)
    {
        foreach (var (worktree, gitDir) in Repositories(path, workspace))
        {
            var common = SafeRead.FirstLine(Path.Combine(gitDir, "commondir"))?.Trim() is { Length: > 0 } c
                ? Path.GetFullPath(Path.IsPathRooted(c) ? c : Path.Combine(gitDir, c))
                : null;
            var pending = new Queue<(string File, int Depth)>([(Path.Combine(gitDir, "config"), 0), (Path.Combine(gitDir, "config.worktree"), 0)]);
            if (common is not null)
                pending.Enqueue((Path.Combine(common, "config"), 0));
            while (pending.TryDequeue(out var next))
            {
                if (SafeRead.Prefix(next.File, 1 << 20) is not { } text)
                    continue;
                foreach (var reference in GitConfigReferences.Parse(text, Path.GetDirectoryName(next.File) ?? "/", worktree, Environment.GetEnvironmentVariable("HOME")))
                {
                    if (reference.Kind == GitConfigReferenceKind.IncludedFile)
                    {
                        if (reference.Path == path || reference.Path == real)
                            return $"git configuration (included by {next.File})";
                        if (next.Depth < 10)
                            pending.Enqueue((reference.Path, next.Depth + 1));
                    }
                    else if ((Under(path, reference.Path) || Under(real, reference.Path)) && (reference.Path.TrimEnd('/') != worktree.TrimEnd('/')
                        || GitConfigReferences.HookNames.Contains(Path.GetFileName(path), StringComparer.Ordinal)))
                    {
                        return $"git hooks (core.hooksPath of {worktree}: {reference.Path})";
                    }
                }
            }
        }

        return null;
    }

    /// <summary>
    /// The folders whose <c>.git</c> may govern <paramref name="path"/>: its ancestors inside the workspace, then the
    /// workspace and its ancestors (nearest first, bounded).
    /// </summary>
    private static List<string> Owners(string path, string workspace)
    {
        var root = workspace.TrimEnd('/');
        var owners = new List<string>();
        if (Shell.Paths.IsInside(path, root))
        {
            for (var dir = Path.GetDirectoryName(path.TrimEnd('/')); dir is not null && dir.Length > root.Length && owners.Count < MaxAncestors; dir = Path.GetDirectoryName(dir))
                owners.Add(dir);
        }

        for (var dir = root.Length == 0 ? "/" : root; dir is not null && owners.Count < 2 * MaxAncestors; dir = Path.GetDirectoryName(dir))
            owners.Add(dir);
        return owners;
    }

    /// <summary>Each repository whose work tree holds <paramref name="path"/> (nearest first), with its git directory.</summary>
    private static IEnumerable<(string Worktree, string GitDir)> Repositories(string path, string workspace)
    {
        foreach (var dir in Owners(path, workspace))
        {
            var git = Path.Combine(dir, ".git");
            if (Directory.Exists(git) && new FileInfo(git).LinkTarget is null)
            {
                yield return (dir, git);
            }
            else if (SafeRead.FirstLine(git) is { } line && line.StartsWith("gitdir:", StringComparison.Ordinal) && line["gitdir:".Length..].Trim() is { Length: > 0 } target)
            {
                yield return (dir, Shell.Paths.Real(Path.GetFullPath(Path.IsPathRooted(target) ? target : Path.Combine(dir, target))));
            }
        }
    }

    /// <summary>
    /// The nearest ancestor of <paramref name="path"/> that git would take for a git directory (a <c>HEAD</c> file and
    /// either <c>objects</c> and <c>refs</c> or a <c>commondir</c>: bare repositories, separate and worktree git
    /// directories, whatever points at them), or null. Only existence is checked; nothing is read.
    /// </summary>
    private static string? GitDirectoryAbove(string path)
    {
        var dir = Path.GetDirectoryName(path.TrimEnd('/'));
        for (var n = 0; dir is not null && n < MaxAncestors; n++, dir = Path.GetDirectoryName(dir))
        {
            try
            {
                if (File.Exists(Path.Combine(dir, "HEAD"))
                    && (File.Exists(Path.Combine(dir, "commondir")) || (Directory.Exists(Path.Combine(dir, "objects")) && Directory.Exists(Path.Combine(dir, "refs")))))
                    return dir;
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
            }
        }

        return null;
    }

    private static List<string> Components(string path) =>
        [.. path.Split('/', StringSplitOptions.RemoveEmptyEntries).Select(NormalizeComponent).Where(c => c.Length > 0 && c != ".")];

    private static string Tail(string path, int count)
    {
        var parts = path.Split('/', StringSplitOptions.RemoveEmptyEntries);
        return string.Join('/', parts.Skip(Math.Max(0, parts.Length - count)));
    }

    private static bool Under(string path, string root)
    {
        var a = Components(path);
        var b = Components(root);
        return b.Count > 0 && a.Count >= b.Count && a.Take(b.Count).SequenceEqual(b, StringComparer.Ordinal);
    }

    private static bool IsIgnorable(Rune rune)
    {
        // Default-ignorable code points that file systems such as HFS+ drop (git checks the same set for .git).
        var v = rune.Value;
        return v is 0x00AD or 0x034F or 0x061C or 0x115F or 0x1160 or 0x17B4 or 0x17B5 or 0x3164 or 0xFEFF or 0xFFA0
            or (>= 0x180B and <= 0x180F) or (>= 0x200B and <= 0x200F) or (>= 0x202A and <= 0x202E) or (>= 0x2060 and <= 0x206F)
            or (>= 0xFE00 and <= 0xFE0F) or (>= 0xFFF0 and <= 0xFFF8) or (>= 0x1BCA0 and <= 0x1BCA3) or (>= 0x1D173 and <= 0x1D17A)
            or (>= 0xE0000 and <= 0xE0FFF)
            || Rune.GetUnicodeCategory(rune) == UnicodeCategory.Format;
    }
}
