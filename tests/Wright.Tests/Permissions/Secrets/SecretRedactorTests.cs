using Wright.Permissions.Secrets;

namespace Wright.Tests.Permissions.Secrets;

public sealed class SecretRedactorTests
{
    private readonly SecretRedactor _redactor = new(["my-session-provider-key-123"]);

    [Theory]
    [InlineData("ANTHROPIC_API_KEY=sk-ant-api03-AAAAAAAAAAAAAAAAAAAAAAAAAAAA", "anthropic")]
    [InlineData("key: sk-proj-abcdefghijklmnopqrstuvwxyz012345", "openai")]
    [InlineData("token ghp_abcdefghijklmnopqrstuvwxyz0123456789", "github")]
    [InlineData("AKIAIOSFODNN7EXAMPLE", "aws-access-key")]
    [InlineData("aws_secret_access_key = wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY", "aws-secret")]
    [InlineData("AIzaSyA-abcdefghijklmnopqrstuvwxyz01234", "google")]
    [InlineData("xoxb-123456789012-abcdefghij", "slack")]
    [InlineData("eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxMjM0NTY3ODkwIn0.dozjgNryP4J3jVmNHl0w5N_XgL0n3I9PlFUP0THsR8U", "jwt")]
    [InlineData("https://user:hunter2hunter2@example.com/repo.git", "url-password")]
    public void Well_known_formats_are_redacted(string text, string kind)
    {
        var redacted = _redactor.Redact(text);
        Assert.Contains($"[REDACTED:{kind}]", redacted);
    }

    [Fact]
    public void The_sessions_own_keys_and_private_keys_are_redacted()
    {
        var text = "echo my-session-provider-key-123\n-----BEGIN OPENSSH PRIVATE KEY-----\nb3BlbnNzaC1rZXktdjEAAAAA\n-----END OPENSSH PRIVATE KEY-----\nok";
        var redacted = _redactor.Redact(text);

        Assert.DoesNotContain("my-session-provider-key-123", redacted);
        Assert.DoesNotContain("b3BlbnNzaC1rZXktdjEAAAAA", redacted);
        Assert.Contains("[REDACTED:key]", redacted);
        Assert.Contains("[REDACTED:private-key]", redacted);
        Assert.EndsWith("ok", redacted);
    }

    [Fact]
    public void Ordinary_text_is_untouched()
    {
        const string text = "build succeeded: 12 projects, sk- is a prefix, skip_this, AKIA alone";
        Assert.Equal(text, _redactor.Redact(text));
    }

    [Fact]
    public void Secret_environment_values_are_collected_by_name()
    {
        var values = SecretRedactor.FromEnvironment([new("GITHUB_TOKEN", "abcdefgh12"), new("PATH", "/usr/bin:/bin"), new("DB_PASSWORD", "short")]);
        Assert.Equal(["abcdefgh12"], values);
    }
}
