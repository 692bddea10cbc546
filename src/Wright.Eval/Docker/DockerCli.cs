using System.Diagnostics;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Wright.Core.Processes;
using Wright.Eval.Suites;
using Wright.Eval.Text;

namespace Wright.Eval.Docker;

/// <summary>
/// The Docker command-line client for <c>wright eval --env docker</c>: found by absolute path on the trusted PATH,
/// always given its arguments as a list. It builds a Harbor task's image from its <c>environment/</c> folder under a
/// tag named by the folder's content hash (an unchanged task is built once), starts a container with the attempt's
/// workspace mounted at the task's WORKDIR, and copies, runs and removes in it.
/// </summary>
internal sealed class DockerCli(string program)
{
    /// <summary>The client's absolute path.</summary>
    public string Program { get; } = program;

    /// <summary>The <c>docker</c> of the trusted PATH; an <see cref="EvalException"/> saying so when there is none.</summary>
    public static DockerCli Find() =>
        TrustedPrograms.Find("docker") is { } found && Path.IsPathFullyQualified(found)
            ? new DockerCli(found)
            : throw new EvalException(Strings.DockerMissing);

    /// <summary>Throws an <see cref="EvalException"/> (one line) unless a Docker engine answers the client.</summary>
    public async Task EnsureEngineAsync(CancellationToken cancellationToken)
    {
        var (exit, stdout, stderr) = await RunAsync(["version", "--format", "{{.Server.Version}}"], TimeSpan.FromSeconds(30), cancellationToken);
        if (exit != 0 || stdout.Trim().Length == 0)
            throw new EvalException(string.Format(CultureInfo.InvariantCulture, Strings.DockerNoEngine, FirstLine(stderr.Length > 0 ? stderr : stdout)));
    }

    /// <summary>The image of the task (built now unless an image with its content tag exists).</summary>
    public async Task<string> BuildAsync(EvalTask task, CancellationToken cancellationToken)
    {
        var context = task.Environment ?? throw new EvalException(string.Format(CultureInfo.InvariantCulture, Strings.DockerNoEnvironment, task.Id));
        var tag = "wright-eval-" + Slug(task.Id) + ":" + ContentHash(context)[..16];
        if ((await RunAsync(["image", "inspect", "--format", "{{.Id}}", tag], TimeSpan.FromSeconds(60), cancellationToken)).Exit == 0)
            return tag;
        var (exit, stdout, stderr) = await RunAsync(["build", "-t", tag, "-f", Path.Combine(context, "Dockerfile"), context], TimeSpan.FromMinutes(30), cancellationToken);
        if (exit != 0)
            throw new EvalException(string.Format(CultureInfo.InvariantCulture, Strings.DockerBuildFailed, task.Id, Tail(stderr.Length > 0 ? stderr : stdout)));
        return tag;
    }

    /// <summary>
    /// Starts a container of <paramref name="image"/> that waits (<c>sleep infinity</c>) with <paramref name="workspace"/>
    /// mounted at <paramref name="workDir"/>, without network (as the local sandbox), and labelled as Wright's.
    /// </summary>
    public async Task<DockerContainer> StartAsync(string image, string workspace, string workDir, CancellationToken cancellationToken)
    {
        var name = "wright-eval-" + Guid.NewGuid().ToString("N")[..12];
        var (exit, stdout, stderr) = await RunAsync(["run", "-d", "--name", name, "--label", "wright-eval=1", "--network", "none",
            "-v", workspace + ":" + workDir, "-w", workDir, "--entrypoint", "sleep", image, "infinity"], TimeSpan.FromMinutes(5), cancellationToken);
        if (exit != 0)
            throw new EvalException(string.Format(CultureInfo.InvariantCulture, Strings.DockerRunFailed, image, FirstLine(stderr.Length > 0 ? stderr : stdout)));
        var id = stdout.Trim().Split('\n')[^1].Trim();
        return new DockerContainer(this, id.Length > 0 ? id : name, workspace, workDir);
    }

    /// <summary>Runs the client with these arguments; its exit code and output (each capped), killed after <paramref name="timeout"/> (exit 124).</summary>
    public async Task<(int Exit, string Stdout, string Stderr)> RunAsync(IReadOnlyList<string> arguments, TimeSpan timeout, CancellationToken cancellationToken)
    {
        var psi = new ProcessStartInfo(Program)
        {
            RedirectStandardOutput = true, RedirectStandardError = true, RedirectStandardInput = true, UseShellExecute = false,
        };
        foreach (var a in arguments)
            psi.ArgumentList.Add(a);
        psi.Environment["PATH"] = TrustedPrograms.SearchPath();
        using var process = ProcessSpawner.Start(psi);
        process.StandardInput.Close();
        var stdout = ReadCappedAsync(process.StandardOutput);
        var stderr = ReadCappedAsync(process.StandardError);
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(timeout);
        try
        {
            await process.WaitForExitAsync(deadline.Token);
        }
        catch (OperationCanceledException)
        {
            try
            {
                process.Kill(entireProcessTree: true);
            }
            catch (InvalidOperationException)
            {
                // already gone
            }

            await process.WaitForExitAsync(CancellationToken.None);
            cancellationToken.ThrowIfCancellationRequested();
            return (124, await stdout, await stderr);
        }

        return (process.ExitCode, await stdout, await stderr);
    }

    /// <summary>The sha256 of a folder's files (relative paths and bytes, in order; links by their target text, never followed).</summary>
    internal static string ContentHash(string folder)
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        var root = new DirectoryInfo(folder);
        foreach (var entry in root.EnumerateFileSystemInfos("*", new EnumerationOptions { RecurseSubdirectories = true, AttributesToSkip = 0, IgnoreInaccessible = false })
                     .OrderBy(e => Path.GetRelativePath(folder, e.FullName), StringComparer.Ordinal))
        {
            var relative = Path.GetRelativePath(folder, entry.FullName);
            hash.AppendData(Encoding.UTF8.GetBytes(relative + "\0"));
            if (entry.LinkTarget is { } link)
                hash.AppendData(Encoding.UTF8.GetBytes("link:" + link + "\0"));
            else if (entry is FileInfo file)
                hash.AppendData(File.ReadAllBytes(file.FullName));
        }

        return Convert.ToHexStringLower(hash.GetHashAndReset());
    }

    private static async Task<string> ReadCappedAsync(StreamReader reader)
    {
        var text = new StringBuilder();
        var buffer = new char[8192];
        int read;
        while ((read = await reader.ReadAsync(buffer)) > 0)
        {
            if (text.Length < 256 * 1024)
                text.Append(buffer, 0, read);
        }

        return text.ToString();
    }

    private static string FirstLine(string text) => text.Trim().Split('\n')[0].Trim();

    private static string Tail(string text) => text.Length > 2000 ? "…" + text[^2000..] : text.Trim();

    private static string Slug(string id)
    {
        var slug = new string([.. id.ToLowerInvariant().Select(c => char.IsAsciiLetterOrDigit(c) || c is '.' or '-' or '_' ? c : '-')]).Trim('-', '.', '_');
        return slug.Length == 0 ? "task" : slug.Length > 60 ? slug[..60] : slug;
    }
}
