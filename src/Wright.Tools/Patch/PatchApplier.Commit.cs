using Wright.Tools.Files;
using Wright.Tools.Files.Native;

namespace Wright.Tools.Patch;

public static partial class PatchApplier
{
    private sealed partial class Plan
    {
        /// <summary>
        /// Writes and deletes in order through held folder handles (added and updated files through the editor, when
        /// it writes: never at a link, which the editor would follow); on the first failure (a refused link, a folder
        /// swapped under it, a full disk, the editor's error) puts back every file already changed, through the same
        /// handles or the editor, and removes the folders it created.
        /// </summary>
        public async Task CommitAsync(CancellationToken cancellationToken)
        {
            var folders = new Dictionary<string, DirectoryHandle>(StringComparer.Ordinal);
            var created = new List<string>();
            var backups = new List<Backup>();
            var inEditor = new Dictionary<int, string?>(); // backups written through the editor: their earlier text
            try
            {
                foreach (var full in _order)
                {
                    var (bytes, permissions) = _planned[full];
                    try
                    {
                        DirectoryHandle folder;
                        try
                        {
                            folder = Folder(full, bytes is not null, folders, created);
                        }
                        catch (UnsafePathException ex) when (bytes is null && ex.Problem == PathProblem.NotFound)
                        {
                            continue; // a file this patch added and deleted again, in a folder that does not exist
                        }

                        var name = Path.GetFileName(full);
                        var backup = Backup.Take(folder, name);
                        backups.Add(backup);
                        if (bytes is null)
                        {
                            // Missing: a file this patch added and deleted again never reaches the disk.
                            if (backup.Kind is BackupKind.Other)
                                throw new UnsafePathException($"{folder.Show(name)} is not a file", PathProblem.NotRegular);
                            if (backup.Kind is not BackupKind.Missing)
                                folder.Delete(name);
                        }
                        else if (editor is { CanWrite: true } && !_moved.Contains(full))
                        {
                            folder.RequireFile(name, folder.Lstat(name));
                            // What to put back on failure: the editor's text when it gave it, else the disk's.
                            inEditor[backups.Count - 1] = _editorText.TryGetValue(full, out var before) ? before
                                : backup.Kind is BackupKind.File ? TextFile.Decode(backup.Bytes!).Text : null;
                            await editor.WriteTextAsync(folder.PathOf(name), TextFile.Decode(bytes).Text, cancellationToken);
                        }
                        else
                        {
                            folder.WriteAtomic(name, bytes, permissions ?? backup.Permissions);
                        }
                    }
                    catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
                    {
                        throw new PatchException($"Failed to {(bytes is null ? "delete" : "write")} file {full}: {ex.Message}", ex);
                    }
                }
            }
            catch (Exception ex) when (ex is PatchException or OperationCanceledException)
            {
                for (var i = backups.Count - 1; i >= 0; i--)
                {
                    if (inEditor.TryGetValue(i, out var text) && text is not null)
                        await PutBackAsync(backups[i], text);
                    else
                        backups[i].Restore();
                }

                for (var i = created.Count - 1; i >= 0; i--)
                    RemoveFolder(created[i]);
                throw;
            }
            finally
            {
                foreach (var folder in folders.Values)
                    folder.Dispose();
            }
        }

        /// <summary>Puts the editor's earlier text back (best effort, as <see cref="Backup.Restore"/>; not cancelled, so a cancelled patch is undone too).</summary>
        private async Task PutBackAsync(Backup backup, string text)
        {
            try
            {
                using var deadline = new CancellationTokenSource(TimeSpan.FromSeconds(30));
                await editor!.WriteTextAsync(backup.Folder.PathOf(backup.Name), text, deadline.Token);
            }
            catch (Exception ex) when (ex is IOException or OperationCanceledException)
            {
                // Best effort, see above.
            }
        }

        /// <summary>The held handle of a file's folder, created (and remembered for a rollback) when a write needs it.</summary>
        private DirectoryHandle Folder(string full, bool create, Dictionary<string, DirectoryHandle> folders, List<string> created)
        {
            var directory = Path.GetDirectoryName(full)!;
            if (folders.TryGetValue(directory, out var known))
                return known;
            if (create)
            {
                var missing = new List<string>();
                for (var dir = directory; WorkspaceFs.Relative(dir, root) is { Length: > 0 } && WorkspaceFs.Stat(dir, root) is null; dir = Path.GetDirectoryName(dir)!)
                    missing.Add(dir);
                missing.Reverse();
                created.AddRange(missing);
            }

            var handle = WorkspaceFs.OpenParent(full, root, create, out _);
            folders[directory] = handle;
            return handle;
        }

        private void RemoveFolder(string directory)
        {
            try
            {
                using var parent = WorkspaceFs.OpenParent(directory, root, create: false, out var name);
                parent.RemoveEmptyDirectory(name);
            }
            catch (IOException)
            {
                // Best effort: a folder that is not empty any more stays.
            }
        }
    }

    private enum BackupKind
    {
        Missing,
        File,
        Link,
        Other,
    }

    /// <summary>What was at an entry before the patch touched it, and how to put it back.</summary>
    private sealed record Backup(DirectoryHandle Folder, string Name, BackupKind Kind, byte[]? Bytes, uint? Permissions, string? LinkTarget)
    {
        public static Backup Take(DirectoryHandle folder, string name)
        {
            var stat = folder.Lstat(name);
            if (stat is null)
                return new Backup(folder, name, BackupKind.Missing, null, null, null);
            if (stat.Value.IsLink)
                return new Backup(folder, name, BackupKind.Link, null, null, folder.ReadLink(name));
            if (!stat.Value.IsFile)
                return new Backup(folder, name, BackupKind.Other, null, null, null);
            var bytes = folder.ReadAll(name, long.MaxValue, out var read);
            return new Backup(folder, name, BackupKind.File, bytes, read.Permissions, null);
        }

        /// <summary>Puts the entry back as it was (best effort: a failure here cannot be reported better than the first).</summary>
        public void Restore()
        {
            try
            {
                switch (Kind)
                {
                    case BackupKind.Missing:
                        if (Folder.Lstat(Name) is { IsDirectory: false })
                            Folder.Delete(Name);
                        break;
                    case BackupKind.File:
                        Folder.WriteAtomic(Name, Bytes!, Permissions, replaceAnything: true);
                        break;
                    case BackupKind.Link when LinkTarget is not null:
                        if (Folder.Lstat(Name) is { IsDirectory: false })
                            Folder.Delete(Name);
                        Folder.CreateLink(LinkTarget, Name);
                        break;
                }
            }
            catch (IOException)
            {
                // Best effort, see above.
            }
        }
    }
}
