using System.Globalization;
using System.Text.Json;
using ModelContextProtocol.Protocol;
using Wright.Mcp.Server.Text;

namespace Wright.Mcp.Server;

/// <summary>
/// The <c>run_task</c> tool of <c>wright mcp serve</c>: its definition, and the checks a call passes before anything
/// runs. The arguments must match the declared schema (<see cref="ToolArgumentValidator"/>); the workspace must lie in
/// the server's roots (<see cref="WorkspaceRoots"/>); the permission mode may not exceed the server's own, its ceiling.
/// </summary>
public sealed class RunTaskTool
{
    /// <summary>The tool's name.</summary>
    public const string Name = "run_task";

    /// <summary>Permission modes from least to most permissive; a caller may choose up to <c>auto</c>.</summary>
    private static readonly string[] Modes = ["plan", "ask", "accept-edits", "auto", "yolo"];

    private const string SchemaText = """
        {"type":"object","properties":{
          "prompt":{"type":"string","minLength":1,"description":"The task for the agent."},
          "cwd":{"type":"string","description":"Workspace directory: one of the server's roots or a directory below one (default: the server's own; a relative path is resolved against it)."},
          "model":{"type":"string","description":"provider/model (default: the configured one)."},
          "permission_mode":{"type":"string","enum":["plan","ask","accept-edits","auto"],"description":"Default: plan. Never more than the server's own mode: CEILING here."},
          "max_turns":{"type":"integer","minimum":1,"maximum":10000,"description":"Stop after this many model turns (default: the configured limit)."}},
         "required":["prompt"],"additionalProperties":false}
        """;

    private readonly int _ceiling;

    /// <param name="roots">Where calls may work.</param>
    /// <param name="ceiling">The server's permission mode (plan, ask, accept-edits, auto or yolo): no call gets more.</param>
    public RunTaskTool(WorkspaceRoots roots, string ceiling)
    {
        Roots = roots ?? throw new ArgumentNullException(nameof(roots));
        _ceiling = Array.IndexOf(Modes, ceiling);
        if (_ceiling < 0)
            throw new ArgumentException($"unknown permission mode '{ceiling}'", nameof(ceiling));
        Ceiling = ceiling;
        using var schema = JsonDocument.Parse(SchemaText.Replace("CEILING", ceiling, StringComparison.Ordinal));
        Schema = schema.RootElement.Clone();
        ToolArgumentValidator.EnsureSupported(Schema);
        Definition = new Tool
        {
            Name = Name,
            Description = "Run a coding task with the Wright agent in a workspace and return its final answer.",
            InputSchema = Schema,
        };
    }

    /// <summary>Where calls may work.</summary>
    public WorkspaceRoots Roots { get; }

    /// <summary>The server's permission mode, the most a call may ask for.</summary>
    public string Ceiling { get; }

    /// <summary>The input schema, as listed by <c>tools/list</c> and enforced by <see cref="Validate"/>.</summary>
    public JsonElement Schema { get; }

    /// <summary>The tool as <c>tools/list</c> shows it.</summary>
    public Tool Definition { get; }

    /// <summary>The validated call, or null with a tool error (<c>isError</c>) in <paramref name="error"/>.</summary>
    public RunTaskRequest? Validate(IReadOnlyDictionary<string, JsonElement>? arguments, out CallToolResult? error)
    {
        arguments ??= new Dictionary<string, JsonElement>();
        if (ToolArgumentValidator.Validate(Name, Schema, arguments) is { } problem)
        {
            error = Error(problem);
            return null;
        }

        string? Str(string name) => arguments.TryGetValue(name, out var v) ? v.GetString() : null;
        var prompt = Str("prompt")!;
        if (string.IsNullOrWhiteSpace(prompt))
        {
            error = Error(string.Format(CultureInfo.InvariantCulture, ServerStrings.BadArgument, Name, "prompt", ServerStrings.MustNotBeEmpty));
            return null;
        }

        var mode = Str("permission_mode") ?? "plan";
        if (Array.IndexOf(Modes, mode) > _ceiling)
        {
            error = Error(string.Format(CultureInfo.InvariantCulture, ServerStrings.AboveCeiling, Name, mode, Ceiling));
            return null;
        }

        var workspace = Roots.Resolve(Str("cwd"), out var cwdProblem);
        if (workspace is null)
        {
            error = Error(string.Format(CultureInfo.InvariantCulture, ServerStrings.BadArgument, Name, "cwd", cwdProblem));
            return null;
        }

        var model = Str("model");
        if (model is not null && string.IsNullOrWhiteSpace(model))
        {
            error = Error(string.Format(CultureInfo.InvariantCulture, ServerStrings.BadArgument, Name, "model", ServerStrings.MustNotBeEmpty));
            return null;
        }

        int? maxTurns = arguments.TryGetValue("max_turns", out var turns) ? (int)turns.GetDouble() : null;
        error = null;
        return new RunTaskRequest(prompt, workspace, model, mode, maxTurns);
    }

    /// <summary>A tool error: the call reached the tool and failed, reported as an <c>isError</c> result.</summary>
    public static CallToolResult Error(string message) => new() { Content = [new TextContentBlock { Text = message }], IsError = true };
}
