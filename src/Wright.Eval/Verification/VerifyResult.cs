namespace Wright.Eval.Verification;

/// <summary>The outcome, the reward when one was written, and the tail of the test output.</summary>
public sealed record VerifyResult(VerifyOutcome Outcome, double? Reward, string Output, long DurationMs);
