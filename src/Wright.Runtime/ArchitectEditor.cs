using System.Runtime.CompilerServices;
using Microsoft.Extensions.AI;
using Wright.Core.Events;

namespace Wright.Runtime;

/// <summary>
/// Architect/editor mode (Aider's architect mode, for any pair of providers): the architect — a session in plan mode,
/// so its tools are read-only — reads the task and writes a plan of changes; the editor — a session with the edit
/// tools in the request's mode — carries the plan out. When the editor reports that it could not (its answer holds
/// <see cref="FailureMarker"/>), the architect gets the editor's report and revises the plan, up to
/// <see cref="MaxRounds"/> rounds. Both sessions are ordinary runtime sessions (stored, journaled, priced under their
/// own model); the events of both are streamed in order, each session's under its own id.
/// </summary>
public sealed class ArchitectEditor : IAsyncDisposable
{
    /// <summary>What the editor writes when it cannot carry the plan out.</summary>
    public const string FailureMarker = "EDITOR-FAILED:";

    private ArchitectEditor(RuntimeSession architect, RuntimeSession editor)
    {
        Architect = architect;
        Editor = editor;
    }

    /// <summary>The planning session (plan mode: read-only tools).</summary>
    public RuntimeSession Architect { get; }

    /// <summary>The editing session.</summary>
    public RuntimeSession Editor { get; }

    /// <summary>How many plan → edit rounds a run may take.</summary>
    public int MaxRounds { get; init; } = 3;

    /// <summary>Starts both sessions on the same workspace: <paramref name="request"/> with the architect's model in plan mode, and with the editor's.</summary>
    public static async Task<ArchitectEditor> StartAsync(SessionRequest request, string architectModel, string editorModel, RuntimeHost host,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        var architect = await WrightRuntime.StartAsync(request with { Model = architectModel, PermissionMode = "plan", Prompt = null }, host, cancellationToken);
        try
        {
            var editor = await WrightRuntime.StartAsync(request with { Model = editorModel, Prompt = null, Workspace = architect.Workspace }, host, cancellationToken);
            return new ArchitectEditor(architect, editor);
        }
        catch
        {
            await architect.DisposeAsync();
            throw;
        }
    }

    /// <summary>
    /// Plans and edits until the editor succeeds or the rounds run out. The last event is the editor's last
    /// <see cref="RunFinished"/> (or the architect's, when it did not get as far as a plan).
    /// </summary>
    public IAsyncEnumerable<AgentEvent> RunAsync(string task, CancellationToken cancellationToken = default) => RunAsync(task, [], cancellationToken);

    /// <summary>
    /// <see cref="RunAsync(string, CancellationToken)"/> with attachments (images) beside the task: they go to the
    /// architect, which plans from them (its first request of the run; later rounds find them in its history); the
    /// editor gets the plan in words.
    /// </summary>
    public async IAsyncEnumerable<AgentEvent> RunAsync(string task, IReadOnlyList<AIContent> attachments,
        [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(attachments);
        var architectPrompt = task + "\n\n---\nYou are the architect. Read what you need (your tools are read-only), then answer with a precise, "
            + "numbered plan of the changes an editor must make: files, functions and the exact edits. Do not make the changes yourself.";
        for (var round = 1; round <= MaxRounds; round++)
        {
            RunFinished? plan = null;
            await foreach (var e in Architect.RunAsync(architectPrompt, round == 1 ? attachments : [], cancellationToken))
            {
                if (e is RunFinished finished)
                    plan = finished;
                yield return e;
            }

            if (plan is null || plan.Status != RunStatus.Success || string.IsNullOrWhiteSpace(plan.Text))
                yield break;
            var editorPrompt = "Carry out this plan for the task below, using your tools to edit the files. If you cannot, end your answer with "
                + FailureMarker + " and the reason.\n\n# Task\n" + task + "\n\n# Plan\n" + plan.Text;
            RunFinished? edit = null;
            await foreach (var e in Editor.RunAsync(editorPrompt, cancellationToken))
            {
                if (e is RunFinished finished)
                    edit = finished;
                yield return e;
            }

            if (edit is null || edit.Status != RunStatus.Success || !edit.Text.Contains(FailureMarker, StringComparison.Ordinal))
                yield break;
            var reason = edit.Text[(edit.Text.IndexOf(FailureMarker, StringComparison.Ordinal) + FailureMarker.Length)..].Trim();
            architectPrompt = "The editor could not carry out your plan: " + reason + "\nRevise the plan.";
        }
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        await Editor.DisposeAsync();
        await Architect.DisposeAsync();
    }
}
