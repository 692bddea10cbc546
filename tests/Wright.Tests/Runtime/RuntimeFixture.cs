using Wright.Runtime;
using Wright.Tests.E2E;

namespace Wright.Tests.Runtime;

/// <summary>A private WRIGHT_HOME and workspace, and aimock as the deepseek provider, for runtime sessions in-process.</summary>
public sealed class RuntimeFixture : IAsyncDisposable
{
    /// <summary>The provider key; long enough to be redacted wherever it shows up.</summary>
    public const string ApiKey = "sk-test-9f8e7d6c5b4a39281706";

    private RuntimeFixture(AimockServer mock)
    {
        Mock = mock;
        Root = Directory.CreateTempSubdirectory("wright-runtime-").FullName;
        Home = Path.Combine(Root, "home");
        Workspace = Path.Combine(Root, "ws");
        Directory.CreateDirectory(Home);
        Directory.CreateDirectory(Workspace);
    }

    public AimockServer Mock { get; }

    public string Root { get; }

    public string Home { get; }

    public string Workspace { get; }

    public static async Task<RuntimeFixture> StartAsync(string fixtures) => new(await AimockServer.StartAsync(fixtures));

    public string File(string relative) => Path.Combine(Workspace, relative);

    public string? Environment(string name) => name switch
    {
        "WRIGHT_HOME" => Home,
        "HOME" => Root,
        "DEEPSEEK_BASE_URL" => Mock.BaseUrl + "/v1",
        "DEEPSEEK_API_KEY" => ApiKey,
        "WRIGHT_RETRY_BASE_MS" => "20",
        "PATH" => System.Environment.GetEnvironmentVariable("PATH"),
        _ => null,
    };

    public RuntimeHost Host(Wright.Core.Approvals.IApprovalPrompt? approvals) =>
        new() { Environment = Environment, CurrentDirectory = Workspace, Approvals = approvals };

    /// <summary>
    /// Starts a session; approvals are refused (headless) unless <paramref name="answerByOperation"/>, when they wait
    /// for the test's resolve-approval operation.
    /// </summary>
    public Task<RuntimeSession> StartSessionAsync(string mode, bool answerByOperation = false, string? resume = null) =>
        WrightRuntime.StartAsync(new SessionRequest { Model = "deepseek/deepseek-chat", PermissionMode = mode, Resume = resume },
            Host(answerByOperation ? null : Wright.Runtime.Approvals.DenyingApprovals.Instance),
            TestContext.Current.CancellationToken);

    public async ValueTask DisposeAsync()
    {
        await Mock.DisposeAsync();
        Directory.Delete(Root, recursive: true);
    }
}
