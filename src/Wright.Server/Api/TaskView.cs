using Wright.Tasks;

namespace Wright.Server.Api;

/// <summary>A task as the API shows it: its spec, state, attempts and waiting approvals.</summary>
public sealed record TaskView(string Id, string Status, string Prompt, string Repo, string Base, string? Model, string Mode, decimal? BudgetUsd, int Priority,
    DateTimeOffset Created, DateTimeOffset Updated, IReadOnlyList<AttemptRecord> Attempts, IReadOnlyList<ApprovalView> Approvals);
