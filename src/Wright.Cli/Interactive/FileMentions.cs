using System.Globalization;
using System.Text;
using Microsoft.Extensions.AI;
using Wright.Cli.Text;
using Wright.Tools.Files;
using Wright.Tools.Search;

namespace Wright.Cli.Interactive;

/// <summary>
/// <c>@path</c> mentions in a prompt: Tab completion against the workspace's files, and, when the prompt is sent,
/// the contents of the mentioned files appended to it. Read here, on the host side, and only inside the workspace
/// (symbolic links resolved): a mention that leads outside is refused; one of a path that does not exist stays text.
/// A path with spaces is written <c>@"my file.txt"</c>.
/// </summary>
internal sealed class FileMentions
{
    /// <summary>Bytes of one file attached at most.</summary>
    public const int MaxFileBytes = 64 * 1024;

    /// <summary>Bytes of one attached image at most (providers refuse larger ones).</summary>
    public const int MaxImageBytes = 5 * 1024 * 1024;
    private const int MaxListing = 200;
    private static readonly HashSet<string> Skipped = new(StringComparer.Ordinal) { ".git", "node_modules", "bin", "obj" };
    private readonly string _root;
    private readonly string _realRoot;
    private readonly Dictionary<string, IReadOnlyList<IgnoreFile>> _ignoreFiles = new(StringComparer.Ordinal);

    public FileMentions(string workspace)
    {
        Workspace = workspace;
        _root = Path.GetFullPath(workspace);
        _realRoot = RealPath(_root);
    }

    /// <summary>The workspace mentions are resolved in, as given.</summary>
    public string Workspace { get; }

    /// <summary>One attached (or refused) mention, for the line the host prints.</summary>
    public readonly record struct Note(string Path, string Text, bool Refused);

    /// <summary>
    /// Finds the mention being typed before <paramref name="cursor"/>: its start (the '@') and the partial path.
    /// </summary>
    public static bool TryFindPartial(string text, int cursor, out int start, out string partial)
    {
        start = -1;
        partial = "";
        for (var i = cursor - 1; i >= 0; i--)
        {
            if (text[i] == '@' && (i == 0 || char.IsWhiteSpace(text[i - 1])))
            {
                var body = text[(i + 1)..cursor];
                if (body.StartsWith('"'))
                {
                    if (body.IndexOf('"', 1) >= 0 || body.Contains('\n'))
                        return false;
                    partial = body[1..];
                }
                else
                {
                    if (body.Any(char.IsWhiteSpace))
                        return false;
                    partial = body;
                }

                start = i;
                return true;
            }

            if (text[i] == '\n')
                return false;
        }

        return false;
    }

    /// <summary>How a path is written after '@': quoted when it has spaces (left open while it is still a prefix).</summary>
    public static string Format(string path, bool complete)
    {
        if (!path.Any(c => char.IsWhiteSpace(c) || c == '"'))
            return "@" + path;
        return "@\"" + path + (complete ? "\"" : "");
    }

    /// <summary>Workspace-relative paths that complete <paramref name="partial"/> (directories end in '/').</summary>
    public IReadOnlyList<string> Complete(string partial)
    {
        var slash = partial.LastIndexOf('/');
        var directory = slash < 0 ? "" : partial[..(slash + 1)];
        var prefix = partial[(slash + 1)..];
        var full = Resolve(directory.Length == 0 ? "." : directory);
        if (full is null || !Directory.Exists(full))
            return [];
        _ignoreFiles.Clear(); // read afresh for each completion: the user may edit them between two
        List<(string Name, bool IsDirectory)> entries;
        try
        {
            entries = new DirectoryInfo(full).EnumerateFileSystemInfos()
                .Select(e => (Name: e.Name, IsDirectory: IsDirectory(e)))
                .Where(e => prefix.StartsWith('.') || !e.Name.StartsWith('.'))
                .Where(e => !Ignored(directory + e.Name, e.IsDirectory))
                .ToList();
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return [];
        }

        var matches = entries.Where(e => e.Name.StartsWith(prefix, StringComparison.Ordinal)).ToList();
        if (matches.Count == 0)
            matches = entries.Where(e => e.Name.StartsWith(prefix, StringComparison.OrdinalIgnoreCase)).ToList();
        return [.. matches.Select(e => directory + e.Name + (e.IsDirectory ? "/" : "")).Order(StringComparer.Ordinal)];
    }

    /// <summary>The longest common prefix of <paramref name="candidates"/>.</summary>
    public static string CommonPrefix(IReadOnlyList<string> candidates)
    {
        if (candidates.Count == 0)
            return "";
        var prefix = candidates[0];
        foreach (var candidate in candidates.Skip(1))
        {
            var n = 0;
            while (n < prefix.Length && n < candidate.Length && prefix[n] == candidate[n])
                n++;
            prefix = prefix[..n];
        }

        return prefix;
    }

    /// <summary>The mentioned paths of a prompt, in order, each once.</summary>
    public static IReadOnlyList<string> Mentions(string prompt)
    {
        var found = new List<string>();
        for (var i = 0; i < prompt.Length; i++)
        {
            if (prompt[i] != '@' || (i > 0 && !char.IsWhiteSpace(prompt[i - 1]) && prompt[i - 1] != '('))
                continue;
            string path;
            if (i + 1 < prompt.Length && prompt[i + 1] == '"')
            {
                var close = prompt.IndexOf('"', i + 2);
                if (close < 0)
                    continue;
                path = prompt[(i + 2)..close];
                i = close;
            }
            else
            {
                var end = i + 1;
                while (end < prompt.Length && !char.IsWhiteSpace(prompt[end]) && prompt[end] != '"')
                    end++;
                path = prompt[(i + 1)..end];
                i = end - 1;
            }

            if (path.Length > 0 && !path.Contains('\n') && !found.Contains(path, StringComparer.Ordinal))
                found.Add(path);
        }

        return found;
    }

    /// <summary>
    /// The prompt with the mentioned files (and directory listings) appended as <c>&lt;file path="…"&gt;</c> blocks,
    /// and a note for each one attached or refused.
    /// </summary>
    public (string Prompt, IReadOnlyList<Note> Notes) Attach(string prompt) => Attach(prompt, null, [], out _);

    /// <summary>
    /// As <see cref="Attach(string)"/>; a mentioned image goes into <paramref name="images"/> (to be sent beside the
    /// prompt) unless <paramref name="noImagesModel"/> names a model that does not take images, which a note then
    /// says. An image path the user pasted (<paramref name="pastedImages"/>, as the terminal pastes a dropped file) may
    /// lie outside the workspace; a typed or expanded mention may not.
    /// </summary>
    public (string Prompt, IReadOnlyList<Note> Notes) Attach(string prompt, string? noImagesModel, IReadOnlyCollection<string> pastedImages,
        out IReadOnlyList<AIContent> images)
    {
        var blocks = new StringBuilder();
        var notes = new List<Note>();
        var attached = new List<AIContent>();
        images = attached;
        foreach (var mention in Mentions(prompt))
        {
            var path = mention;
            var full = Resolve(path, out var outside);
            // "look at @a.cs," — the punctuation after a mention is not part of the path.
            while (full is null && !outside && path.Length > 1 && path[^1] is ',' or '.' or ';' or ':' or ')' or '!' or '?' or '\'')
            {
                path = path[..^1];
                full = Resolve(path, out outside);
            }

            if (outside && pastedImages.Contains(path) && IsImageName(path) && Path.IsPathFullyQualified(path))
            {
                try
                {
                    notes.Add(AttachImage(path, path, Path.GetDirectoryName(path)!, noImagesModel, attached, out _));
                }
                catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
                {
                    notes.Add(new Note(path, string.Format(CultureInfo.InvariantCulture, Strings.TuiMentionUnreadable, path, ex.Message), Refused: true));
                }

                continue;
            }

            if (outside)
            {
                notes.Add(new Note(path, string.Format(CultureInfo.InvariantCulture, Strings.TuiMentionOutside, path), Refused: true));
                continue;
            }

            if (full is null)
                continue;
            try
            {
                var shown = path.TrimEnd('/');
                // Read through held handles (WorkspaceFs): a mention swapped for a link or a FIFO after the check above
                // is refused, never followed out of the workspace or waited on.
                var lexical = Path.GetFullPath(Path.Combine(_root, path));
                if (Directory.Exists(full))
                {
                    using var folder = WorkspaceFs.OpenDirectory(lexical, _root);
                    var names = folder.List().Where(e => !Skipped.Contains(e.Name))
                        .Select(e => e.Name + (e.Type == 4 /* DT_DIR */ || (e.Type == 10 /* DT_LNK */ && Directory.Exists(Path.Combine(full, e.Name))) ? "/" : ""))
                        .Order(StringComparer.Ordinal).ToList();
                    blocks.Append("\n\n<directory path=\"").Append(shown).Append("/\">\n")
                        .AppendJoin('\n', names.Take(MaxListing));
                    if (names.Count > MaxListing)
                        blocks.Append('\n').Append(string.Format(CultureInfo.InvariantCulture, Strings.TuiMentionMoreEntries, names.Count - MaxListing));
                    blocks.Append("\n</directory>");
                    notes.Add(new Note(shown, string.Format(CultureInfo.InvariantCulture, Strings.TuiMentionDirectory, shown + "/", names.Count), false));
                    continue;
                }

                if (IsImageName(shown))
                {
                    var imageNote = AttachImage(shown, lexical, _root, noImagesModel, attached, out var isImage);
                    if (isImage)
                    {
                        notes.Add(imageNote);
                        continue;
                    }
                }

                blocks.Append("\n\n").Append(FileBlock(shown, lexical, _root, out var note));
                notes.Add(new Note(shown, note, false));
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                notes.Add(new Note(path, string.Format(CultureInfo.InvariantCulture, Strings.TuiMentionUnreadable, path, ex.Message), Refused: true));
            }
        }

        return (blocks.Length == 0 ? prompt : prompt + blocks, notes);
    }

    /// <summary>Image files by name (the bytes decide: a .png that is not an image is attached as a file).</summary>
    internal static bool IsImageName(string path) =>
        Path.GetExtension(path).ToLowerInvariant() is ".png" or ".jpg" or ".jpeg" or ".gif" or ".webp";

    /// <summary>
    /// Reads an image (without following a link out of <paramref name="root"/>, never blocking on a FIFO) into
    /// <paramref name="images"/>; <paramref name="isImage"/> is false when its bytes are not an image's.
    /// </summary>
    private static Note AttachImage(string shown, string full, string root, string? noImagesModel, List<AIContent> images, out bool isImage)
    {
        using var handle = WorkspaceFs.OpenRead(full, root, out var stat, out _);
        if (stat.Size > MaxImageBytes)
        {
            isImage = true;
            return new Note(shown, string.Format(CultureInfo.InvariantCulture, Strings.TuiImageTooLarge, shown, stat.Size, MaxImageBytes), Refused: true);
        }

        var bytes = WorkspaceFs.ReadAll(handle, stat.Size, MaxImageBytes);
        if (FileKind.ImageType(bytes) is not { } type)
        {
            isImage = false;
            return default;
        }

        isImage = true;
        if (noImagesModel is not null)
            return new Note(shown, string.Format(CultureInfo.InvariantCulture, Strings.TuiImageNotTaken, noImagesModel, shown), Refused: true);
        images.Add(new DataContent(bytes, type) { Name = Path.GetFileName(shown) });
        return new Note(shown, string.Format(CultureInfo.InvariantCulture, Strings.TuiImageAttached, shown, type, bytes.Length), false);
    }

    private static string FileBlock(string path, string full, string root, out string note)
    {
        using var handle = WorkspaceFs.OpenRead(full, root, out var stat, out _);
        var length = stat.Size;
        var buffer = WorkspaceFs.ReadAll(handle, length, MaxFileBytes);
        var head = "<file path=\"" + path + "\">\n";
        if (Array.IndexOf(buffer, (byte)0, 0, Math.Min(buffer.Length, 8000)) >= 0)
        {
            note = string.Format(CultureInfo.InvariantCulture, Strings.TuiMentionBinary, path, length);
            return head + string.Format(CultureInfo.InvariantCulture, Strings.TuiMentionBinaryBody, length) + "\n</file>";
        }

        var text = Encoding.UTF8.GetString(buffer).TrimEnd('\uFFFD');
        if (length > MaxFileBytes)
        {
            note = string.Format(CultureInfo.InvariantCulture, Strings.TuiMentionTruncated, path, MaxFileBytes, length);
            return head + text + "\n" + string.Format(CultureInfo.InvariantCulture, Strings.TuiMentionTruncatedBody, MaxFileBytes, length) + "\n</file>";
        }

        note = string.Format(CultureInfo.InvariantCulture, Strings.TuiMentionAttached, path, length);
        return head + text + (text.EndsWith('\n') ? "" : "\n") + "</file>";
    }

    private string? Resolve(string relative) => Resolve(relative, out _);

    /// <summary>The real path of <paramref name="relative"/> when it exists inside the workspace.</summary>
    private string? Resolve(string relative, out bool outside)
    {
        outside = false;
        if (relative.Length == 0)
            return null;
        string full;
        try
        {
            full = Path.GetFullPath(Path.Combine(_root, relative));
        }
        catch (Exception ex) when (ex is ArgumentException or NotSupportedException or PathTooLongException)
        {
            return null;
        }

        if (!File.Exists(full) && !Directory.Exists(full))
            return null;

        var real = RealPath(full);
        if (!Inside(real, _realRoot))
        {
            outside = true;
            return null;
        }

        return real;
    }

    private static bool Inside(string path, string root) =>
        path == root || path.StartsWith(root.EndsWith('/') ? root : root + "/", StringComparison.Ordinal);

    /// <summary>The path with every symbolic link along it resolved.</summary>
    internal static string RealPath(string path, int depth = 0)
    {
        var full = Path.GetFullPath(path);
        if (depth > 40)
            return full;
        var current = Path.GetPathRoot(full) ?? "/";
        foreach (var part in full[current.Length..].Split('/', StringSplitOptions.RemoveEmptyEntries))
        {
            current = Path.Combine(current, part);
            FileSystemInfo info = Directory.Exists(current) ? new DirectoryInfo(current) : new FileInfo(current);
            if (info.LinkTarget is { } target)
                current = RealPath(Path.GetFullPath(target, Path.GetDirectoryName(current) ?? "/"), depth + 1);
        }

        return current;
    }

    private static bool IsDirectory(FileSystemInfo entry)
    {
        if (entry is DirectoryInfo)
            return true;
        return entry.LinkTarget is not null && Directory.Exists(entry.FullName);
    }

    /// <summary>
    /// Whether completion should leave <paramref name="relative"/> out: <c>.git</c>, <c>node_modules</c>, <c>bin</c>,
    /// <c>obj</c>, and what the <c>.gitignore</c> and <c>.ignore</c> files from the workspace down to its folder say, with
    /// the grep tool's rules (deeper files override shallower ones, <c>.ignore</c> overrides <c>.gitignore</c>, <c>!</c>
    /// re-includes).
    /// </summary>
    private bool Ignored(string relative, bool isDirectory)
    {
        if (Skipped.Contains(Path.GetFileName(relative)))
            return true;
        var full = Path.GetFullPath(Path.Combine(_root, relative));
        var directory = Path.GetDirectoryName(full);
        while (directory is not null && directory.Length >= _root.Length)
        {
            foreach (var file in IgnoreFiles(directory))
            {
                if (file.Decide(full, isDirectory) is { } decision)
                    return decision;
            }

            directory = directory.Length == _root.Length ? null : Path.GetDirectoryName(directory);
        }

        return false;
    }

    /// <summary>A folder's ignore files, strongest first (cached for one completion).</summary>
    private IReadOnlyList<IgnoreFile> IgnoreFiles(string directory)
    {
        if (_ignoreFiles.TryGetValue(directory, out var cached))
            return cached;
        var files = new List<IgnoreFile>();
        try
        {
            foreach (var name in new[] { ".ignore", ".gitignore" })
            {
                if (IgnoreFile.Load(Path.Combine(directory, name), directory) is { } file)
                    files.Add(file);
            }
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            // An unreadable ignore file ignores nothing.
        }

        _ignoreFiles[directory] = files;
        return files;
    }
}
