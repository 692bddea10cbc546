using Wright.Tests.E2E;

namespace Wright.Tests.Release;

/// <summary>A one-shot headless turn of a release binary against aimock: the model answers "hi from aimock".</summary>
public static class OneShot
{
    public const string Fixture = """{"fixtures":[{"match":{"userMessage":"hello"},"response":{"content":"hi from aimock"}}]}""";

    /// <summary>Runs <paramref name="program"/> <paramref name="prefix"/> -p hello against a fresh aimock.</summary>
    public static async Task<ProgramRun.Result> RunAsync(string program, string[] prefix, Func<string, string[]>? wrap = null,
        IDictionary<string, string?>? environment = null, string? home = null)
    {
        await using var mock = await AimockServer.StartAsync(Fixture);
        var root = Directory.CreateTempSubdirectory("wright-oneshot-").FullName;
        try
        {
            home ??= Path.Combine(root, "home");
            var workspace = Path.Combine(root, "ws");
            Directory.CreateDirectory(workspace);
            var env = new Dictionary<string, string?>
            {
                ["OLLAMA_BASE_URL"] = mock.BaseUrl + "/v1",
                ["WRIGHT_HOME"] = home,
                ["WRIGHT_MODEL"] = null,
                ["CI"] = "true",
            };
            foreach (var (k, v) in environment ?? new Dictionary<string, string?>())
                env[k] = v;
            string[] args = [.. prefix, "-p", "hello", "--model", "ollama/test", "--permission-mode", "plan", "--cwd", workspace];
            return await ProgramRun.RunAsync(program, args, env, workspace, timeoutSeconds: 300);
        }
        finally
        {
            Directory.Delete(root, recursive: true);
        }
    }
}
