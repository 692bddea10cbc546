using System.Diagnostics;

namespace Wright.Tests.Release;

/// <summary>Runs a program (by absolute path) with a deadline and collects what it printed.</summary>
public static class ProgramRun
{
    public sealed record Result(int ExitCode, string Stdout, string Stderr)
    {
        public override string ToString() => $"exit {ExitCode}\nstdout:\n{Stdout}\nstderr:\n{Stderr}";
    }

    public static async Task<Result> RunAsync(string program, IEnumerable<string> args, IDictionary<string, string?>? environment = null,
        string? workingDirectory = null, int timeoutSeconds = 300, string? stdin = null)
    {
        var start = new ProcessStartInfo(program)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            WorkingDirectory = workingDirectory ?? Path.GetTempPath(),
        };
        foreach (var a in args)
            start.ArgumentList.Add(a);
        foreach (var (k, v) in environment ?? new Dictionary<string, string?>())
        {
            if (v is null)
                start.Environment.Remove(k);
            else
                start.Environment[k] = v;
        }

        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        if (stdin is not null)
            await process.StandardInput.WriteAsync(stdin);
        process.StandardInput.Close();
        using var deadline = new CancellationTokenSource(TimeSpan.FromSeconds(timeoutSeconds));
        try
        {
            await process.WaitForExitAsync(deadline.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"{program} {string.Join(' ', start.ArgumentList)} did not finish within {timeoutSeconds} s");
        }

        return new Result(process.ExitCode, await stdout, await stderr);
    }

    /// <summary>The ELF facts readelf reports: the interpreter and the needed libraries.</summary>
    public static async Task<(string? Interpreter, string[] Needed, string Machine)> ElfAsync(string binary)
    {
        var headers = await RunAsync("/usr/bin/readelf", ["-h", "-l", "-d", binary]);
        Assert.True(headers.ExitCode == 0, headers.ToString());
        var interpreter = headers.Stdout.Split('\n').Select(l => l.Trim())
            .FirstOrDefault(l => l.StartsWith("[Requesting program interpreter:", StringComparison.Ordinal))?
            .Split(": ", 2)[1].TrimEnd(']');
        var needed = headers.Stdout.Split('\n').Where(l => l.Contains("(NEEDED)", StringComparison.Ordinal))
            .Select(l => l[(l.IndexOf('[', StringComparison.Ordinal) + 1)..l.LastIndexOf(']')]).ToArray();
        var machine = headers.Stdout.Split('\n').First(l => l.TrimStart().StartsWith("Machine:", StringComparison.Ordinal)).Split(':', 2)[1].Trim();
        return (interpreter, needed, machine);
    }
}
