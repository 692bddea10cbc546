using System.Security.Cryptography;
using System.Text;
using Wright.Core.Engine;

namespace Wright.Sessions.Rewind;

/// <summary>
/// Workspace rewind: snapshots of the workspace's files kept in a shadow git repository outside the user's
/// <c>.git</c>, at <c>&lt;store&gt;/&lt;first 16 hex of sha256(canonical workspace path)&gt;.git</c>, with the
/// workspace as its work tree. A snapshot is a commit whose parent is the workspace's previous snapshot; git's index
/// stat cache makes it incremental (only changed files are read). Restoring is a pure file-tree comparison, so it
/// reverts changes made by shell commands as well as by file tools.
/// </summary>
/// <remarks>
/// <para>What is snapshotted: every file git would not ignore, by the workspace's <c>.gitignore</c> files, the user's
/// global excludes, the user repository's <c>info/exclude</c> and the <c>.gitignore</c> files between that repository's
/// root and the workspace. Ignored files are never snapshotted, so a restore never deletes or reverts them. Symlinks
/// are stored as links (never followed), executable bits are kept, content is byte-exact (no line-ending or filter
/// conversion). <c>.git</c> entries are never read or written.</para>
/// <para>Files larger than <see cref="WorkspaceSnapshotOptions.MaxFileBytes"/> are left out and reported in
/// <see cref="SnapshotInfo.Skipped"/>; a restore leaves them as they are.</para>
/// <para>Nested repositories (a directory below the workspace with its own <c>.git</c>) are snapshotted as ordinary
/// files (never as gitlinks), honouring their <c>.gitignore</c> files and <c>info/exclude</c>; their <c>.git</c>
/// is left alone, so restoring reverts their working trees only.</para>
/// <para>Operations on one workspace are serialised within the process and across processes.</para>
/// </remarks>
public sealed partial class WorkspaceSnapshots : IWorkspaceCheckpoints
{
    /// <summary>The ref naming the newest snapshot of the workspace in the shadow repository.</summary>
    public const string HeadRef = "refs/wright/head";

    private const string EmptyBlob = "e69de29bb2d1d6434b8b29ae775ad8c2e48c5391";
    private const string EmptyTree = "4b825dc642cb6eb9a060e54bf8d69288fbee4904";
    private const string ReadyMarker = "wright-ready";

    private readonly TimeProvider _time;
    private readonly WorkspaceSnapshotOptions _options;
    private readonly string _home;
    private readonly string _storeDir;
    private string? _key;
    private GitRunner? _gitRunner;
    private readonly string? _storeInWorkspace;
    private string? _globalExcludes;
    private bool _globalExcludesRead;

    /// <summary>
    /// Snapshots of <paramref name="workspace"/> kept under <paramref name="store"/> (the CLI passes
    /// <c>$WRIGHT_HOME/snapshots</c>). Nothing is written until the first operation.
    /// </summary>
    /// <exception cref="SnapshotException">The workspace is not a directory.</exception>
    public WorkspaceSnapshots(string workspace, string store, TimeProvider? timeProvider = null, WorkspaceSnapshotOptions? options = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(workspace);
        ArgumentException.ThrowIfNullOrWhiteSpace(store);
        _time = timeProvider ?? TimeProvider.System;
        _options = options ?? new WorkspaceSnapshotOptions();
        EnsureDirectory(Path.GetFullPath(workspace));
        Workspace = WorkspacePath.Canonical(workspace);
        var storeDir = Path.GetFullPath(store);
        var storeInside = Path.GetRelativePath(Workspace, WorkspacePath.Canonical(storeDir));
        if (storeInside == ".")
            throw new SnapshotException($"The snapshot store cannot be the workspace itself ({Workspace}).");
        if (!storeInside.StartsWith("..", StringComparison.Ordinal) && !Path.IsPathRooted(storeInside))
            _storeInWorkspace = storeInside.Replace(Path.DirectorySeparatorChar, '/');
        _storeDir = storeDir;
        _home = Path.Combine(storeDir, ".home");
    }

    /// <summary>The workspace, as a canonical absolute path (symlinks resolved).</summary>
    public string Workspace { get; }

    /// <summary>The shadow git directory holding this workspace's snapshots.</summary>
    public string GitDirectory => Path.Combine(_storeDir, Key + ".git");

    /// <summary>The first 16 hex digits of sha256(workspace), computed on first use: a session that never
    /// checkpoints never loads the system's crypto library for it.</summary>
    private string Key => _key ??= Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(Workspace)))[..16];

    private string LockFile => Path.Combine(_storeDir, Key + ".lock");

    private GitRunner Git => _gitRunner ??= new GitRunner(_options.Git, GitDirectory, Workspace, _home);

    /// <inheritdoc />
    public async Task<string> CheckpointAsync(string sessionId, int turn, CancellationToken cancellationToken) =>
        (await SnapshotAsync(sessionId, turn, cancellationToken)).Id;

    /// <summary>Snapshots the workspace for a session's turn.</summary>
    public async Task<SnapshotInfo> SnapshotAsync(string sessionId, int turn, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(sessionId);
        using var gate = await OpenAsync(cancellationToken);
        var capture = await CaptureAsync(cancellationToken);
        return await CommitAsync(capture, sessionId, turn, null, cancellationToken);
    }

    private async Task<StoreLock> OpenAsync(CancellationToken cancellationToken)
    {
        EnsureDirectory(Workspace);
        var gate = await StoreLock.AcquireAsync(LockFile, _options.LockTimeout, _time, cancellationToken);
        try
        {
            await EnsureInitializedAsync(cancellationToken);
            return gate;
        }
        catch
        {
            gate.Dispose();
            throw;
        }
    }

    private static void EnsureDirectory(string path)
    {
        switch (WorkspacePath.Lstat(path, out _))
        {
            case WorkspacePath.Kind.Directory:
                return;
            case WorkspacePath.Kind.Symlink when Directory.Exists(path):
                return;
            case WorkspacePath.Kind.None:
                throw new SnapshotException($"Cannot snapshot the workspace '{path}': it does not exist.");
            default:
                throw new SnapshotException($"Cannot snapshot the workspace '{path}': it is not a directory.");
        }
    }

    private async Task EnsureInitializedAsync(CancellationToken cancellationToken)
    {
        Directory.CreateDirectory(_home);
        await Git.CheckVersionAsync(cancellationToken);
        Directory.CreateDirectory(GitDirectory);
        // We hold the store lock, so git lock files left here are from a process that died (or was cancelled).
        foreach (var stale in new[] { "index.lock", "wright-index", "wright-index.lock", "HEAD.lock", "packed-refs.lock", "refs/wright/head.lock" })
        {
            var file = Path.Combine(GitDirectory, stale);
            if (File.Exists(file))
                File.Delete(file);
        }

        if (File.Exists(Path.Combine(GitDirectory, ReadyMarker)))
            return;
        await Git.RunAsync(["init", "--quiet"], cancellationToken);
        await Git.RunAsync(["config", "core.filemode", "true"], cancellationToken);
        await Git.RunAsync(["config", "core.logAllRefUpdates", "false"], cancellationToken);
        Directory.CreateDirectory(Path.Combine(GitDirectory, "info"));
        // Highest-precedence attributes: no end-of-line, ident, filter or encoding conversion, ever.
        await File.WriteAllTextAsync(
            Path.Combine(GitDirectory, "info", "attributes"),
            "* -text -eol -ident -filter -working-tree-encoding\n",
            cancellationToken);
        var blob = (await Git.RunAsync(["hash-object", "-w", "--stdin"], cancellationToken, input: [])).Text;
        if (blob != EmptyBlob)
            throw new SnapshotException($"The shadow repository {GitDirectory} does not use SHA-1 object names ({blob}).");
        await File.WriteAllTextAsync(Path.Combine(GitDirectory, "wright-workspace"), Workspace + "\n", cancellationToken);
        await File.WriteAllTextAsync(Path.Combine(GitDirectory, ReadyMarker), "1\n", cancellationToken);
    }
}
