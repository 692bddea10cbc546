using System.Diagnostics;

namespace Wright.Cli.Distribution;

/// <summary>Runs a Wright binary with <c>--version</c> and reads the version it says it is (the first word).</summary>
internal static class BinaryVersion
{
    /// <summary>The version, or null with what went wrong.</summary>
    public static async Task<(string? Version, string Said)> ReadAsync(string binary, CancellationToken cancellationToken)
    {
        // A file by its absolute path, never a name looked up in PATH or the current directory.
        var start = new ProcessStartInfo(Path.GetFullPath(binary))
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add("--version");
        try
        {
            using var process = Process.Start(start)!;
            process.StandardInput.Close();
            var stdout = process.StandardOutput.ReadToEndAsync(cancellationToken);
            var stderr = process.StandardError.ReadToEndAsync(cancellationToken);
            using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            deadline.CancelAfter(TimeSpan.FromSeconds(30));
            try
            {
                await process.WaitForExitAsync(deadline.Token);
            }
            catch (OperationCanceledException)
            {
                process.Kill(entireProcessTree: true);
                return (null, "no answer within 30 s");
            }

            var said = ((await stdout).Trim() is { Length: > 0 } text ? text : (await stderr).Trim()).Split('\n')[0];
            if (process.ExitCode != 0)
                return (null, $"exit code {process.ExitCode}: {said}");
            var word = said.Split(' ', 2)[0];
            return (word.Length > 0 ? word : null, said);
        }
        catch (Exception ex) when (ex is System.ComponentModel.Win32Exception or IOException or InvalidOperationException)
        {
            return (null, ex.Message);
        }
    }
}
