using Wright.Tests.E2E;

namespace Wright.Tests.Eval;

/// <summary>
/// The verifier runs code the agent wrote (its tests import the solution): its sandbox must not show Wright's home
/// (keys, sessions), wherever <c>$WRIGHT_HOME</c> lives. Test output goes back into reports and Aider's second-try
/// prompt, so a readable home would leak it.
/// </summary>
public sealed class VerifierSandboxTests
{
    [Fact]
    public async Task The_verifier_cannot_read_wrights_home_outside_the_hidden_folders()
    {
        using var wright = new WrightProcess();
        // /var is visible read-only in the verifier's sandbox (unlike /home, /root and /tmp): a home there must be hidden.
        var varHome = Path.Combine("/var/tmp", "wright-home-" + Guid.NewGuid().ToString("N")[..12]);
        Directory.CreateDirectory(varHome);
        try
        {
            var secret = Path.Combine(varHome, "config.json");
            File.WriteAllText(secret, "{\"providers\":{\"x\":{\"api_key\":\"sk-secret\"}}}");
            wright.Environment["WRIGHT_HOME"] = varHome;
            var suite = Path.Combine(wright.Root, "suite");
            EvalFixtures.HarborTask(suite, "peek", "write ok into answer.txt", "ok");
            // Solved only when the answer is there and the home's file cannot be read.
            File.WriteAllText(Path.Combine(suite, "peek", "tests", "test.sh"),
                $"#!/bin/bash\ncd /app\nif [ \"$(cat answer.txt 2>/dev/null)\" = ok ] && ! cat '{secret}' 2>/dev/null; then echo 1 > /logs/verifier/reward.txt; else echo 0 > /logs/verifier/reward.txt; fi\n");

            var run = await EvalFixtures.RunAsync(wright, TimeSpan.FromMinutes(1), "eval", "--check", suite);

            Assert.True(run.ExitCode == 0, run.ToString());
            Assert.Contains("ok        peek", run.Stdout);
            Assert.DoesNotContain("sk-secret", run.Stdout + run.Stderr);
        }
        finally
        {
            Directory.Delete(varHome, recursive: true);
        }
    }
}
