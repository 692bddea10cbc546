using System.Text.Json.Nodes;
using Wright.Acp.Rpc;
using Wright.Acp.Text;
using Wright.Acp.Updates;
using Wright.Core.Events;

namespace Wright.Acp;

/// <summary>session/prompt: one run, its events streamed as updates, its end as the stop reason.</summary>
public sealed partial class AcpServer
{
    /// <summary>How long a cancelled run may take to wind down before the prompt answers <c>cancelled</c> regardless.</summary>
    private static readonly TimeSpan CancelGrace = TimeSpan.FromSeconds(3);

    private async Task<RpcAnswer> PromptAsync(JsonObject parameters, CancellationToken cancellationToken)
    {
        const string Method = "session/prompt";
        var session = Session(parameters, Method);
        var prompt = PromptContent.ToPrompt(Params.Array(parameters, "prompt", Method, required: true), session.Runtime.Workspace, Method);
        if (!session.TryBeginPrompt())
            throw new JsonRpcException(JsonRpcException.InvalidRequest, Method + ": " + Params.Format(Strings.PromptInProgress, session.Id));
        try
        {
            var run = Task.Run(() => RunAsync(session, prompt, cancellationToken), CancellationToken.None);
            // session/cancel answers at once: the run gets a short grace to report its cancelled calls, no more.
            var first = await Task.WhenAny(run, session.Cancelled.ContinueWith(_ => Task.Delay(CancelGrace, CancellationToken.None),
                CancellationToken.None, TaskContinuationOptions.None, TaskScheduler.Default).Unwrap());
            if (first != run)
            {
                _ = run.ContinueWith(t => _log.WriteLine($"acp: a cancelled run of {session.Id} ended late: {t.Status}"), TaskScheduler.Default);
                return new RpcAnswer(StopReason("cancelled"));
            }

            var finished = await run;
            if (session.CancelRequested || finished.Status == RunStatus.Cancelled)
                return new RpcAnswer(StopReason("cancelled"));
            return finished.Status switch
            {
                RunStatus.Error => throw new JsonRpcException(JsonRpcException.InternalError, Params.Format(Strings.RunFailed, finished.Text)),
                RunStatus.MaxTurns => new RpcAnswer(StopReason("max_turn_requests")),
                RunStatus.Budget => new RpcAnswer(StopReason("max_turn_requests")),
                RunStatus.Refusal => new RpcAnswer(StopReason("refusal")),
                _ => new RpcAnswer(StopReason(finished.Truncated ? "max_tokens" : "end_turn")),
            };
        }
        finally
        {
            session.EndPrompt();
        }
    }

    /// <summary>Runs the prompt (a custom command or skill when it starts with one's <c>/name</c>), streaming every update.</summary>
    private async Task<RunFinished> RunAsync(AcpSession session, string prompt, CancellationToken cancellationToken)
    {
        var runtime = session.Runtime;
        var renderer = new EventRenderer(runtime.Workspace, session.Files is { } files ? files.Known : null);
        IAsyncEnumerable<AgentEvent> events;
        if (prompt.StartsWith('/') && runtime.Commands.TryExpand(prompt, out var command) && command is not null)
        {
            events = runtime.RunCommandAsync(command, cancellationToken);
        }
        else
        {
            if (prompt.StartsWith('/') && SkillName(prompt) is var (name, rest) && runtime.Skills.Any(s => s.Name == name))
                prompt = (Params.Format(Strings.UseSkill, name) + "\n\n" + rest).Trim();
            events = runtime.RunAsync(prompt, cancellationToken);
        }

        RunFinished? finished = null;
        await foreach (var item in events)
        {
            if (item is RunFinished done)
            {
                finished = done;
                if (done.Status == RunStatus.Budget)
                    await SendUpdateAsync(session, EventRenderer.Chunk("agent_message_chunk", Strings.BudgetReached));
                continue;
            }

            foreach (var update in renderer.Render(item))
            {
                if (update["sessionUpdate"]?.GetValue<string>() == "current_mode_update")
                    await ReportModeAsync(session, update["currentModeId"]!.GetValue<string>());
                else
                    await SendUpdateAsync(session, update);
            }
        }

        finished ??= new RunFinished(RunStatus.Error, "", 0, TokenUsage.Zero, null, 0);
        return finished.Status == RunStatus.Error ? finished with { Text = renderer.LastError ?? finished.Text } : finished;
    }

    private static (string Name, string Remainder)? SkillName(string prompt)
    {
        var end = prompt.IndexOfAny([' ', '\n', '\t']);
        return end < 0 ? (prompt[1..], "") : (prompt[1..end], prompt[(end + 1)..]);
    }

    private static JsonObject StopReason(string reason) => new() { ["stopReason"] = reason };
}
