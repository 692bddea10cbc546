using System.Text;
using Wright.Core.Tools;
using Wright.Tools.Files;
using Wright.Tools.Files.Native;

namespace Wright.Tools.Patch;

/// <summary>
/// Applies a parsed patch all or nothing, with Codex's semantics and messages. Every new file content is computed in
/// memory first (later operations see earlier ones of the same patch); then each file is written atomically through a
/// held handle of its folder (<see cref="DirectoryHandle"/>: no link followed, temp files only in that folder); if any
/// write fails or is refused, what was already written is put back through the same handles and folders the patch
/// created are removed. Codex applies operations one by one and leaves the earlier ones when a later one fails; Wright
/// deliberately does not. Only '-' and '+' lines change a file: context lines keep their bytes, every untouched line
/// keeps its own line ending, and a new line takes the ending of the line it replaces, else of its neighbours.
/// </summary>
public static partial class PatchApplier
{
    private const long MaxFileBytes = 256L * 1024 * 1024;

    /// <summary>Applies the patch and returns Codex's summary (an <c>A</c>, <c>M</c> or <c>D</c> line per operation, in patch order); throws <see cref="PatchException"/>.</summary>
    public static string Apply(IReadOnlyList<PatchOperation> operations, string workspace)
    {
        var changes = new List<string>();
        var plan = Prepare(operations, workspace, changes);
        plan.Commit();
        var summary = new StringBuilder("Success. Updated the following files:\n");
        foreach (var change in changes)
            summary.Append(change).Append('\n');
        return summary.ToString();
    }

    /// <summary>
    /// What <see cref="Apply"/> would leave in each file for which <paramref name="include"/> is true, as text, without
    /// writing anything; empty when the patch would fail.
    /// </summary>
    public static IReadOnlyList<PlannedFileChange> PlanChanges(IReadOnlyList<PatchOperation> operations, string workspace, Func<string, bool> include)
    {
        ArgumentNullException.ThrowIfNull(include);
        try
        {
            return [.. Prepare(operations, workspace, []).Changes(include)];
        }
        catch (Exception ex) when (ex is PatchException or IOException or UnauthorizedAccessException)
        {
            return [];
        }
    }

    /// <summary>
    /// Computes every file's new content in memory (later operations see earlier ones), noting Codex's summary line of
    /// each operation in <paramref name="changes"/>; throws <see cref="PatchException"/>.
    /// </summary>
    private static Plan Prepare(IReadOnlyList<PatchOperation> operations, string workspace, List<string> changes)
    {
        if (operations.Count == 0)
            throw new PatchException("No files were modified.");
        var root = Path.GetFullPath(workspace);
        var plan = new Plan(root);
        foreach (var op in operations)
        {
            var full = plan.Full(op.Path);
            switch (op)
            {
                case AddFile add:
                    plan.Set(full, new UTF8Encoding(false).GetBytes(add.Content));
                    changes.Add("A " + op.Path);
                    break;
                case DeleteFile:
                    if (!plan.Deletable(full))
                        throw new PatchException($"Failed to delete file {full}");
                    plan.Set(full, null);
                    changes.Add("D " + op.Path);
                    break;
                case UpdateFile update:
                    var bytes = Update(plan.ReadForUpdate(full), update, full);
                    if (update.MoveTo is { } moveTo && plan.Full(moveTo) is var destination && destination != full)
                    {
                        plan.Set(destination, bytes, plan.PermissionsOf(full));
                        plan.Set(full, null);
                        changes.Add("M " + moveTo);
                    }
                    else
                    {
                        plan.Set(full, bytes);
                        changes.Add("M " + op.Path);
                    }

                    break;
            }
        }

        return plan;
    }

    /// <summary>What the patch will leave at each path it touches, in the order it first touches them.</summary>
    private sealed partial class Plan(string root)
    {
        private readonly Dictionary<string, (byte[]? Bytes, uint? Permissions)> _planned = new(StringComparer.Ordinal);
        private readonly Dictionary<string, uint> _permissions = new(StringComparer.Ordinal);
        private readonly List<string> _order = [];
        private readonly Dictionary<string, byte[]?> _originals = new(StringComparer.Ordinal);

        /// <summary>The absolute path of a patch path; refused outside the workspace.</summary>
        public string Full(string path)
        {
            var full = Path.GetFullPath(Path.IsPathRooted(path) ? path : Path.Combine(root, path));
            if (WorkspaceFs.Relative(full, root) is null or "")
                throw new PatchException($"{full}: the path is outside the workspace; apply_patch changes files inside it only");
            return full;
        }

        /// <summary>Plans the content of a path (null: deleted); <paramref name="permissions"/> for a moved file, else the existing file's stay.</summary>
        public void Set(string full, byte[]? bytes, uint? permissions = null)
        {
            if (!_planned.ContainsKey(full))
                _order.Add(full);
            _planned[full] = (bytes, permissions ?? (_planned.TryGetValue(full, out var before) ? before.Permissions : null));
        }

        /// <summary>The permissions of a file read for an update (a move keeps them).</summary>
        public uint? PermissionsOf(string full) =>
            _planned.TryGetValue(full, out var planned) && planned.Permissions is { } mode ? mode : _permissions.TryGetValue(full, out var read) ? read : null;

        /// <summary>Whether a delete can go ahead: a file or link is there (or was written earlier in this patch).</summary>
        public bool Deletable(string full)
        {
            if (_planned.TryGetValue(full, out var planned))
                return planned.Bytes is not null;
            try
            {
                using var parent = WorkspaceFs.OpenParent(full, root, create: false, out var name);
                if (parent.Lstat(name) is not { } stat || !(stat.IsFile || stat.IsLink))
                    return false;
                return true;
            }
            catch (IOException)
            {
                return false;
            }
        }

        /// <summary>The current bytes of a file to update (never through a link), as this patch has left it so far.</summary>
        public byte[] ReadForUpdate(string full)
        {
            if (_planned.TryGetValue(full, out var planned))
                return planned.Bytes ?? throw new PatchException($"Failed to read file to update {full}: {Libc.Describe(Libc.ENOENT)} (os error {Libc.ENOENT})");
            try
            {
                using var parent = WorkspaceFs.OpenParent(full, root, create: false, out var name);
                var bytes = parent.ReadAll(name, MaxFileBytes + 1, out var stat);
                _permissions[full] = stat.Permissions;
                if (bytes.Length > MaxFileBytes)
                    throw new PatchException($"Failed to read file to update {full}: larger than {MaxFileBytes / (1024 * 1024)} MB");
                _originals[full] = bytes;
                return bytes;
            }
            catch (UnsafePathException ex)
            {
                throw new PatchException($"Failed to read file to update {full}: " + (ex.Problem is PathProblem.NotFound or PathProblem.IsDirectory && ex.Errno != 0
                    ? $"{Libc.Describe(ex.Errno)} (os error {ex.Errno})"
                    : ex.Message), ex);
            }
        }

        /// <summary>The planned text of each included path, in order, with its text before the patch (null: absent).</summary>
        public IEnumerable<PlannedFileChange> Changes(Func<string, bool> include)
        {
            foreach (var full in _order.Where(include))
            {
                var after = _planned[full].Bytes;
                var before = _originals.TryGetValue(full, out var read) ? read : Existing(full);
                if (before is null && after is null)
                    continue;
                yield return new PlannedFileChange(full, before is null ? null : TextFile.Decode(before).Text, after is null ? null : TextFile.Decode(after).Text);
            }
        }

        /// <summary>The bytes of a regular file now at <paramref name="full"/> (never through a link), or null.</summary>
        private byte[]? Existing(string full)
        {
            try
            {
                using var parent = WorkspaceFs.OpenParent(full, root, create: false, out var name);
                return parent.Lstat(name) is { IsFile: true } ? parent.ReadAll(name, MaxFileBytes, out _) : null;
            }
            catch (IOException)
            {
                return null;
            }
        }
    }
}
