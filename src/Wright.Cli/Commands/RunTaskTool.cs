using System.Text.Json;
using ModelContextProtocol.Protocol;
using Wright.Cli.Hosting;
using Wright.Core.Events;
using Wright.Runtime;
using Wright.Runtime.Approvals;
using Wright.Runtime.Configuration;
using Wright.Sessions.Store;

namespace Wright.Cli.Commands;

/// <summary>
/// The <c>run_task</c> tool of <c>wright mcp serve</c>: runs a task in a runtime session of its own (approvals refused
/// with a reason, as headless; the caller's permission mode, never yolo) and answers with the final text and the
/// result object of the json format.
/// </summary>
internal static class RunTaskTool
{
    public const string Schema = """
        {"type":"object","properties":{
          "prompt":{"type":"string","description":"The task for the agent."},
          "cwd":{"type":"string","description":"Workspace directory (default: the server's)."},
          "model":{"type":"string","description":"provider/model (default: the configured one)."},
          "permission_mode":{"type":"string","enum":["plan","ask","accept-edits","auto"],"description":"Default: plan."},
          "max_turns":{"type":"integer","minimum":1}},
         "required":["prompt"],"additionalProperties":false}
        """;

    public static async ValueTask<CallToolResult> CallAsync(CallToolRequestParams? call, string defaultWorkspace, CancellationToken cancellationToken)
    {
        if (call?.Name != "run_task")
            return Error($"unknown tool '{call?.Name}'; this server offers run_task");
        var args = call.Arguments ?? new Dictionary<string, JsonElement>();
        string? Str(string name) => args.TryGetValue(name, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString() : null;
        var prompt = Str("prompt");
        if (string.IsNullOrWhiteSpace(prompt))
            return Error("run_task needs a prompt");
        var mode = Str("permission_mode") ?? "plan";
        if (mode is not ("plan" or "ask" or "accept-edits" or "auto"))
            return Error($"permission_mode '{mode}' is not allowed here (use plan, ask, accept-edits or auto)");
        int? maxTurns = args.TryGetValue("max_turns", out var m) && m.ValueKind == JsonValueKind.Number ? m.GetInt32() : null;

        var diagnostics = new StringWriter();
        var host = new RuntimeHost { Environment = Environment.GetEnvironmentVariable, Diagnostics = diagnostics, Approvals = DenyingApprovals.Instance };
        var request = new SessionRequest
        {
            Workspace = Str("cwd") ?? defaultWorkspace,
            Model = Str("model"),
            PermissionMode = mode,
            MaxTurns = maxTurns,
            Prompt = prompt.Trim(),
        };
        try
        {
            await using var session = await WrightRuntime.StartAsync(request, host, cancellationToken);
            RunFinished? finished = null;
            string? lastError = null;
            await foreach (var item in session.RunAsync(session.Prompt, cancellationToken))
            {
                if (item is ErrorOccurred error)
                    lastError = error.Message;
                else if (item is RunFinished run)
                    finished = run;
            }

            var result = finished ?? new RunFinished(RunStatus.Error, "", 0, TokenUsage.Zero, null, 0);
            var failed = result.Status == RunStatus.Error;
            var json = ResultWriter.Format(result.Status, result.Text, session.Id, result.Turns, result.Usage, result.CostUsd, result.DurationMs,
                failed ? lastError : null, session.PriorCostUsd + (result.CostUsd ?? 0));
            var text = failed ? lastError ?? diagnostics.ToString().Trim() : result.Text;
            return new CallToolResult
            {
                Content = [new TextContentBlock { Text = text.Length > 0 ? text : diagnostics.ToString().Trim() }, new TextContentBlock { Text = json }],
                IsError = result.Status != RunStatus.Success,
            };
        }
        catch (Exception ex) when (ex is ConfigException or StoreException)
        {
            var json = ResultWriter.Format(RunStatus.Error, "", "", 0, TokenUsage.Zero, null, 0, ex.Message);
            return new CallToolResult { Content = [new TextContentBlock { Text = ex.Message }, new TextContentBlock { Text = json }], IsError = true };
        }
    }

    private static CallToolResult Error(string message) => new() { Content = [new TextContentBlock { Text = message }], IsError = true };
}
