using System.Diagnostics;
using System.Text;
using System.Text.Json;
using Wright.Tests.E2E;
using Wright.Tests.Support;

namespace Wright.Tests.Eval;

/// <summary>Small Harbor-format suites and a scripted aimock "model" for the eval tests.</summary>
internal static class EvalFixtures
{
    /// <summary>A Harbor task whose tests pass when <c>answer.txt</c> holds <paramref name="answer"/>.</summary>
    public static void HarborTask(string suite, string name, string instruction, string answer)
    {
        var dir = Path.Combine(suite, name);
        Directory.CreateDirectory(Path.Combine(dir, "environment", "app"));
        Directory.CreateDirectory(Path.Combine(dir, "tests"));
        Directory.CreateDirectory(Path.Combine(dir, "solution"));
        File.WriteAllText(Path.Combine(dir, "instruction.md"), instruction + "\n");
        File.WriteAllText(Path.Combine(dir, "task.toml"), "version = \"1.0\"\n\n[verifier]\ntimeout_sec = 30.0\n\n[agent]\ntimeout_sec = 60.0\n");
        File.WriteAllText(Path.Combine(dir, "environment", "Dockerfile"), "FROM debian:bookworm-slim\nWORKDIR /app\nCOPY app/ /app/\n");
        File.WriteAllText(Path.Combine(dir, "environment", "app", "README"), "task " + name + "\n");
        File.WriteAllText(Path.Combine(dir, "tests", "test.sh"),
            $"#!/bin/bash\ncd /app\nif [ \"$(cat answer.txt 2>/dev/null)\" = \"{answer}\" ]; then echo 1 > /logs/verifier/reward.txt; else echo 0 > /logs/verifier/reward.txt; fi\n");
        File.WriteAllText(Path.Combine(dir, "solution", "solve.sh"), $"#!/bin/bash\necho {answer} > /app/answer.txt\n");
    }

    /// <summary>Two fixtures: the model writes <c>answer.txt</c> with <paramref name="content"/>, then says done; each response costs 1M input tokens.</summary>
    public static IEnumerable<string> Writes(string model, string marker, string content, int latencyMs = 0)
    {
        var args = JsonSerializer.Serialize(JsonSerializer.Serialize(new Dictionary<string, object> { ["path"] = "answer.txt", ["content"] = content + "\n" },
            TestJson.Default.DictionaryStringObject), TestJson.Default.String);
        const string Usage = "\"usage\":{\"prompt_tokens\":1000000,\"completion_tokens\":0}";
        var latency = latencyMs > 0 ? $",\"latency\":{latencyMs}" : "";
        yield return "{\"match\":{\"userMessage\":\"" + marker + "\",\"model\":\"" + model + "\",\"hasToolResult\":false},\"response\":{\"toolCalls\":[{\"name\":\"write_file\",\"arguments\":"
            + args + "}]," + Usage + "}" + latency + "}";
        yield return "{\"match\":{\"userMessage\":\"" + marker + "\",\"model\":\"" + model + "\",\"hasToolResult\":true},\"response\":{\"content\":\"Done.\"," + Usage + "}}";
    }

    /// <summary>Runs dist/wright with a deadline, in <paramref name="wright"/>'s home and environment.</summary>
    public static async Task<WrightRun> RunAsync(WrightProcess wright, TimeSpan deadline, params string[] args)
    {
        using var process = Process.Start(wright.StartInfo(args))!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        process.StandardInput.Close();
        using var timeout = new CancellationTokenSource(deadline);
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException("wright " + string.Join(' ', args) + " did not finish: " + await stderr);
        }

        return new WrightRun(process.ExitCode, await stdout, await stderr);
    }

    public static string Json(IEnumerable<string> fixtures) => "{\"fixtures\":[" + string.Join(",", fixtures) + "]}";

    public static string Tail(string text) => text.Length < 3000 ? text : text[^3000..];

    public static string Lines(params string[] lines) => new StringBuilder().AppendJoin('\n', lines).ToString();
}
