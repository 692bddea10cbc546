namespace Wright.Tasks;

/// <summary>What a person queued: a prompt for a repository, and how to run it.</summary>
/// <param name="Prompt">The task.</param>
/// <param name="Repo">The repository's canonical path (a clone under <c>$WRIGHT_HOME</c> when a URL was given).</param>
/// <param name="Base">The branch (or commit) every attempt starts from.</param>
/// <param name="Model">The model as <c>provider/model</c>, or null for the configured one.</param>
/// <param name="Mode">The permission mode (default auto).</param>
/// <param name="Attempts">How many attempts run side by side (best-of-N).</param>
/// <param name="BudgetUsd">Each attempt's run stops at this cost.</param>
/// <param name="Priority">Higher runs first; equal priorities in queue order.</param>
public sealed record TaskSpec(string Prompt, string Repo, string Base, string? Model, string Mode, int Attempts, decimal? BudgetUsd, int Priority);
