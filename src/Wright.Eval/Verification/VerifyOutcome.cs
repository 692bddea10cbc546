namespace Wright.Eval.Verification;

/// <summary>What verifying a workspace found.</summary>
public enum VerifyOutcome
{
    /// <summary>The tests pass (reward ≥ 1, or exit code 0 without a reward file).</summary>
    Passed,

    /// <summary>The tests ran and fail.</summary>
    Failed,

    /// <summary>The host lacks something the tests need (a command not found, no sandbox): not the agent's failure.</summary>
    EnvironmentError,
}
