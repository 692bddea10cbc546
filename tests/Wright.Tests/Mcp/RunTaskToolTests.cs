using System.Text.Json;
using ModelContextProtocol.Protocol;
using Wright.Mcp.Server;

namespace Wright.Tests.Mcp;

/// <summary><see cref="RunTaskTool"/>: arguments checked against the declared schema, roots and the server's mode as a ceiling.</summary>
public sealed class RunTaskToolTests : IDisposable
{
    private readonly string _root = Directory.CreateTempSubdirectory("wright-runtask-").FullName;
    private readonly string _project;

    public RunTaskToolTests()
    {
        _project = Path.Combine(_root, "proj");
        Directory.CreateDirectory(Path.Combine(_project, "sub"));
    }

    public void Dispose() => Directory.Delete(_root, recursive: true);

    private RunTaskTool Tool(string ceiling = "auto") =>
        new(new WorkspaceRoots([_project], _project, Path.Combine(_root, "userhome"), Path.Combine(_root, "wright-home"), Canonical), ceiling);

    private static string? Canonical(string path) => Wright.Runtime.Platform.NativeMethods.Canonicalize(path);

    private static Dictionary<string, JsonElement> Args(string json)
    {
        using var doc = JsonDocument.Parse(json);
        return doc.RootElement.EnumerateObject().ToDictionary(p => p.Name, p => p.Value.Clone());
    }

    private string Refusal(string json, string ceiling = "auto")
    {
        Assert.Null(Tool(ceiling).Validate(Args(json), out var error));
        Assert.True(error!.IsError);
        return ((TextContentBlock)Assert.Single(error.Content)).Text;
    }

    [Theory]
    [InlineData("""{"prompt":"x","verbose":true}""", "run_task: unknown argument 'verbose' (the arguments are prompt, cwd, model, permission_mode, max_turns)")]
    [InlineData("""{"cwd":"."}""", "run_task: the argument 'prompt' is required")]
    [InlineData("""{"prompt":""}""", "run_task: argument 'prompt' must not be empty")]
    [InlineData("""{"prompt":"   "}""", "run_task: argument 'prompt' must not be empty")]
    [InlineData("""{"prompt":42}""", "run_task: argument 'prompt' must be a string, got 42")]
    [InlineData("""{"prompt":"x","max_turns":1.5}""", "run_task: argument 'max_turns' must be a whole number, got 1.5")]
    [InlineData("""{"prompt":"x","max_turns":1e12}""", "run_task: argument 'max_turns' must be at most 10000, got 1e12")]
    [InlineData("""{"prompt":"x","max_turns":"2"}""", "run_task: argument 'max_turns' must be a whole number, got the string \"2\"")]
    [InlineData("""{"prompt":"x","max_turns":0}""", "run_task: argument 'max_turns' must be at least 1, got 0")]
    [InlineData("""{"prompt":"x","max_turns":null}""", "run_task: argument 'max_turns' must be a whole number, got null")]
    [InlineData("""{"prompt":"x","permission_mode":"yolo"}""", "run_task: argument 'permission_mode' must be one of plan, ask, accept-edits, auto, got the string \"yolo\"")]
    [InlineData("""{"prompt":"x","model":["a"]}""", "run_task: argument 'model' must be a string, got an array")]
    [InlineData("""{"prompt":"x","model":" "}""", "run_task: argument 'model' must not be empty")]
    public void Arguments_that_break_the_schema_are_a_tool_error_naming_the_argument(string json, string message) =>
        Assert.Equal(message, Refusal(json));

    [Fact]
    public void Conforming_arguments_become_a_request_in_the_default_workspace_and_plan_mode()
    {
        var request = Tool().Validate(Args("""{"prompt":"fix it","max_turns":3,"model":"deepseek/deepseek-chat"}"""), out var error);
        Assert.Null(error);
        Assert.Equal(new RunTaskRequest("fix it", Canonical(_project)!, "deepseek/deepseek-chat", "plan", 3), request);
        Assert.Equal(2, Tool().Validate(Args("""{"prompt":"x","max_turns":2.0}"""), out _)!.MaxTurns);
        Assert.Equal(Canonical(Path.Combine(_project, "sub")), Tool().Validate(Args("""{"prompt":"x","cwd":"sub"}"""), out _)!.Workspace);
    }

    [Theory]
    [InlineData("plan", "ask")]
    [InlineData("plan", "auto")]
    [InlineData("ask", "accept-edits")]
    [InlineData("accept-edits", "auto")]
    public void A_mode_above_the_servers_own_is_refused(string ceiling, string asked) =>
        Assert.Equal($"run_task: argument 'permission_mode' is '{asked}', above this server's own mode '{ceiling}' (the most a call may have)",
            Refusal($$"""{"prompt":"x","permission_mode":"{{asked}}"}""", ceiling));

    [Theory]
    [InlineData("plan", "plan")]
    [InlineData("accept-edits", "ask")]
    [InlineData("yolo", "auto")]
    public void Modes_up_to_the_ceiling_are_granted(string ceiling, string asked) =>
        Assert.Equal(asked, Tool(ceiling).Validate(Args($$"""{"prompt":"x","permission_mode":"{{asked}}"}"""), out _)!.PermissionMode);

    [Fact]
    public void The_listed_schema_is_the_enforced_one_and_shows_the_ceiling()
    {
        var tool = Tool("accept-edits");
        Assert.Equal("run_task", tool.Definition.Name);
        var schema = tool.Definition.InputSchema;
        Assert.False(schema.GetProperty("additionalProperties").GetBoolean());
        Assert.Contains("accept-edits", schema.GetProperty("properties").GetProperty("permission_mode").GetProperty("description").GetString());
        Assert.Throws<ArgumentException>(() => Tool("root"));
    }
}
