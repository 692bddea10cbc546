using System.Security.Cryptography;
using System.Text.Json;
using Wright.Core.Tools;
using Wright.Tests.Support;
using Wright.Tools.Shell;

namespace Wright.Tests.Safety;

/// <summary>
/// A hostile-repository layout for host-escape cases: the workspace <c>proj</c> (no <c>.git</c>), a fake home with
/// an SSH key, <c>authorized_keys</c>, cloud credentials and shell startup files, an <c>outside</c> folder, the
/// session folder and a <c>wright-home</c>. <see cref="Fingerprint"/> records every byte outside the workspace so a
/// test can prove that nothing moved.
/// </summary>
public sealed class HostCanaries : IDisposable
{
    public const string Key = "-----BEGIN OPENSSH PRIVATE KEY----- canary-key-8f3a";
    public const string Cloud = "aws_secret_access_key = canary-aws-77e1";
    public const string Canary = "host data\n";

    /// <summary>Creates the layout under /tmp, or (with <paramref name="outsideTmp"/>) under the test binaries, a place no sandbox rule hides by name.</summary>
    public HostCanaries(bool outsideTmp = false)
    {
        Root = outsideTmp
            ? Directory.CreateDirectory(Path.Combine(AppContext.BaseDirectory, "canaries", Guid.NewGuid().ToString("N")[..12])).FullName
            : Directory.CreateTempSubdirectory("wright-escape-").FullName;
        Workspace = Path.Combine(Root, "proj");
        Home = Path.Combine(Root, "home");
        Outside = Path.Combine(Root, "outside");
        Session = Path.Combine(Root, "session");
        WrightHome = Path.Combine(Root, "wright-home");
        foreach (var dir in new[] { Workspace, Path.Combine(Workspace, "src"), Outside, Session, WrightHome, Path.Combine(Home, ".ssh"), Path.Combine(Home, ".aws"), Path.Combine(Home, ".config", "gh") })
            Directory.CreateDirectory(dir);
        File.WriteAllText(Path.Combine(Workspace, "src", "a.cs"), "class A {}\n");
        File.WriteAllText(Path.Combine(Home, ".ssh", "id_ed25519"), Key + "\n");
        File.WriteAllText(Path.Combine(Home, ".ssh", "authorized_keys"), "ssh-ed25519 AAAAC3canary user@host\n");
        File.WriteAllText(Path.Combine(Home, ".aws", "credentials"), "[default]\n" + Cloud + "\n");
        File.WriteAllText(Path.Combine(Home, ".config", "gh", "hosts.yml"), "github.com:\n  oauth_token: gho_canary\n");
        File.WriteAllText(Path.Combine(Home, ".netrc"), "machine example.com login me password canary-netrc\n");
        File.WriteAllText(Path.Combine(Home, ".bashrc"), "# rc\n");
        File.WriteAllText(Path.Combine(Home, ".profile"), "# profile\n");
        File.WriteAllText(Path.Combine(Home, ".gitconfig"), "[user]\n\tname = me\n");
        File.WriteAllText(Path.Combine(Outside, "host.txt"), Canary);
        File.WriteAllText(Path.Combine(WrightHome, "secret.json"), "wright-home-secret");
        Context = new ToolContext("host-escape", Workspace, Session, TimeProvider.System, _ => { });
    }

    public string Root { get; }

    public string Workspace { get; }

    public string Home { get; }

    public string Outside { get; }

    public string Session { get; }

    public string WrightHome { get; }

    public ToolContext Context { get; }

    public string KeyFile => Path.Combine(Home, ".ssh", "id_ed25519");

    /// <summary>Every file and link outside the workspace and the session folder, with a hash of its bytes (links: their target).</summary>
    public Dictionary<string, string> Fingerprint() => FingerprintOf(Root, path => !IsUnder(path, Workspace) && !IsUnder(path, Session));

    /// <summary>Every entry under <paramref name="directory"/> (links not followed).</summary>
    public static Dictionary<string, string> FingerprintOf(string directory, Func<string, bool>? include = null)
    {
        var result = new Dictionary<string, string>(StringComparer.Ordinal);
        var options = new EnumerationOptions { AttributesToSkip = 0, IgnoreInaccessible = false };
        var pending = new Stack<DirectoryInfo>([new DirectoryInfo(directory)]);
        while (pending.TryPop(out var current))
        {
            foreach (var entry in current.EnumerateFileSystemInfos("*", options))
            {
                if (entry.LinkTarget is { } target)
                {
                    if (include is null || include(entry.FullName))
                        result[entry.FullName] = "link:" + target;
                    continue;
                }

                if (entry is DirectoryInfo sub)
                    pending.Push(sub);
                if (include is not null && !include(entry.FullName))
                    continue;
                result[entry.FullName] = entry is not FileInfo file ? "dir"
                    : Posix.IsRegularFile(file.FullName) ? Convert.ToHexString(SHA256.HashData(File.ReadAllBytes(file.FullName)))
                    : "special";
            }
        }

        return result;
    }

    /// <summary>The names directly in the workspace.</summary>
    public string[] WorkspaceEntries() => [.. Directory.EnumerateFileSystemEntries(Workspace).Select(Path.GetFileName).OfType<string>().Order(StringComparer.Ordinal)];

    public static bool IsUnder(string path, string directory) => path == directory || path.StartsWith(directory + "/", StringComparison.Ordinal);

    /// <summary>Runs one shell call.</summary>
    public async Task<ToolResult> RunAsync(ITool tool, Dictionary<string, object> arguments, CancellationToken cancellationToken = default)
    {
        var json = JsonSerializer.Serialize(arguments, TestJson.Default.DictionaryStringObject);
        return await tool.InvokeAsync(JsonDocument.Parse(json).RootElement, Context, cancellationToken);
    }

    /// <summary>Runs a command in the foreground.</summary>
    public Task<ToolResult> ShellAsync(ShellTool shell, string command, int? timeoutMs = null, CancellationToken cancellationToken = default)
    {
        var args = new Dictionary<string, object> { ["command"] = command };
        if (timeoutMs is { } t)
            args["timeout_ms"] = t;
        return RunAsync(shell, args, cancellationToken);
    }

    /// <summary>Starts a background job.</summary>
    public Task<ToolResult> BackgroundAsync(ShellTool shell, string command) =>
        RunAsync(shell, new Dictionary<string, object> { ["command"] = command, ["background"] = true });

    /// <summary>Reads a background job's new output.</summary>
    public Task<ToolResult> OutputAsync(string handle, CancellationToken cancellationToken = default) =>
        RunAsync(new ShellOutputTool(), new Dictionary<string, object> { ["handle"] = handle }, cancellationToken);

    /// <summary>Waits until <paramref name="condition"/> holds (a deadline, never a fixed sleep).</summary>
    public static async Task<bool> WaitUntilAsync(Func<bool> condition, TimeSpan deadline)
    {
        var until = DateTime.UtcNow + deadline;
        while (!condition())
        {
            if (DateTime.UtcNow > until)
                return false;
            await Task.Delay(50);
        }

        return true;
    }

    public void Dispose()
    {
        foreach (var job in Context.GetState<ShellState>().Jobs.Values)
            job.Kill();
        for (var attempt = 0; ; attempt++)
        {
            try
            {
                Directory.Delete(Root, recursive: true);
                return;
            }
            catch (IOException) when (attempt < 20)
            {
                Thread.Sleep(100);
            }
        }
    }
}
