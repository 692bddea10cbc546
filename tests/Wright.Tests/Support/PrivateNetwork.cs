using System.Diagnostics;
using Wright.Tests.E2E;

namespace Wright.Tests.Support;

/// <summary>
/// Runs a bash script in a private network namespace (<c>unshare -rn</c>, with <c>lo</c> up): a server bound to every
/// interface there (<c>--host 0.0.0.0</c>, the conformance suite's own servers) reaches nothing but that loopback.
/// </summary>
public static class PrivateNetwork
{
    /// <summary>
    /// Runs <paramref name="script"/> under <c>set -euo pipefail</c> after <c>ip link set lo up</c>, with
    /// <paramref name="environment"/> added; kills it (and what it started) after <paramref name="timeout"/>.
    /// </summary>
    public static async Task<WrightRun> RunAsync(string script, IReadOnlyDictionary<string, string> environment, TimeSpan timeout)
    {
        var psi = new ProcessStartInfo("/usr/bin/unshare") { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var a in new[] { "--user", "--map-root-user", "--net", "--kill-child", "/bin/bash", "-c",
                     "set -euo pipefail\nPATH=/usr/sbin:/sbin:$PATH ip link set lo up\n" + script })
            psi.ArgumentList.Add(a);
        foreach (var key in psi.Environment.Keys.ToList())
        {
            if (key.EndsWith("_API_KEY", StringComparison.Ordinal) || key.EndsWith("_BASE_URL", StringComparison.Ordinal) || key.StartsWith("WRIGHT_", StringComparison.Ordinal))
                psi.Environment.Remove(key);
        }

        foreach (var (k, v) in environment)
            psi.Environment[k] = v;
        using var process = Process.Start(psi)!;
        var stdout = process.StandardOutput.ReadToEndAsync(CancellationToken.None);
        var stderr = process.StandardError.ReadToEndAsync(CancellationToken.None);
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        deadline.CancelAfter(timeout);
        try
        {
            await process.WaitForExitAsync(deadline.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync(CancellationToken.None);
            throw new TimeoutException($"the script did not finish within {timeout}:\n{await stdout}\n{await stderr}");
        }

        return new WrightRun(process.ExitCode, await stdout, await stderr);
    }

    /// <summary>
    /// Shell lines that start <c>"$WRIGHT" mcp serve --http …</c> in the background (stderr to
    /// <c>$OUT/server.err</c>, killed when the script ends) and wait up to 30 s for its URL, left in <c>$url</c>.
    /// </summary>
    public static string StartHttpServer(string arguments) => $$"""
        "$WRIGHT" mcp serve --http --port 0 {{arguments}} 2> "$OUT/server.err" &
        server=$!
        trap 'kill $server 2>/dev/null || true' EXIT
        for _ in $(seq 1 300); do grep -q 'listening on' "$OUT/server.err" && break; kill -0 $server || break; sleep 0.1; done
        url=$(grep -o 'listening on http://[^ ]*' "$OUT/server.err" | cut -d' ' -f3)
        [ -n "$url" ] || { echo "the server did not start:" >&2; cat "$OUT/server.err" >&2; exit 1; }

        """;
}
