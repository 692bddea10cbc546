using System.Text.RegularExpressions;
using Wright.Core.Tools;

namespace Wright.Permissions.Secrets;

/// <summary>
/// Replaces well-known secret formats and the session's own key values with <c>[REDACTED:kind]</c>. Applied to tool
/// output before it reaches the model or disk.
/// </summary>
public sealed partial class SecretRedactor : IRedactor
{
    private readonly string[] _known;

    /// <summary>Creates a redactor that also hides these exact values (the session's keys); short values are ignored.</summary>
    public SecretRedactor(IEnumerable<string> knownSecrets)
    {
        _known = [.. knownSecrets.Where(s => s.Length >= 8).Distinct(StringComparer.Ordinal).OrderByDescending(s => s.Length)];
    }

    /// <summary>The values of environment variables whose names say they hold secrets.</summary>
    public static IEnumerable<string> FromEnvironment(IEnumerable<KeyValuePair<string, string?>> variables) =>
        variables.Where(v => v.Value is { Length: >= 8 } && SecretName().IsMatch(v.Key)).Select(v => v.Value!);

    /// <inheritdoc />
    public string Redact(string text)
    {
        if (string.IsNullOrEmpty(text))
            return text;
        foreach (var secret in _known)
        {
            if (text.Contains(secret, StringComparison.Ordinal))
                text = text.Replace(secret, "[REDACTED:key]", StringComparison.Ordinal);
        }

        text = PrivateKey().Replace(text, "[REDACTED:private-key]");
        return Token().Replace(text, m =>
        {
            var kind = m.Groups.Cast<Group>().Skip(1).FirstOrDefault(g => g.Success && g.Name.Length > 1 && !char.IsDigit(g.Name[0]))?.Name ?? "secret";
            return $"[REDACTED:{kind.Replace('_', '-')}]";
        });
    }

    [GeneratedRegex("KEY|SECRET|TOKEN|PASSWORD|PASSWD|CREDENTIAL|PRIVATE", RegexOptions.IgnoreCase)]
    private static partial Regex SecretName();

    [GeneratedRegex(@"-----BEGIN [A-Z0-9 ]*PRIVATE KEY-----[\s\S]*?(-----END [A-Z0-9 ]*PRIVATE KEY-----|$)")]
    private static partial Regex PrivateKey();

    [GeneratedRegex(
        @"(?<anthropic>sk-ant-[A-Za-z0-9_\-]{20,})" +
        @"|(?<openai>sk-(?:proj-|svcacct-|admin-)?[A-Za-z0-9_\-]{20,})" +
        @"|(?<github>(?:ghp|gho|ghu|ghs|ghr)_[A-Za-z0-9]{30,}|github_pat_[A-Za-z0-9_]{40,})" +
        @"|(?<aws_access_key>(?:AKIA|ASIA)[0-9A-Z]{16})" +
        @"|(?<aws_secret>(?<=aws_secret_access_key\s*[=:]\s*)[A-Za-z0-9/+=]{40})" +
        @"|(?<google>AIza[0-9A-Za-z_\-]{35})" +
        @"|(?<slack>xox[abposr]-[A-Za-z0-9\-]{10,})" +
        @"|(?<stripe>(?:sk|rk)_(?:live|test)_[A-Za-z0-9]{20,})" +
        @"|(?<gitlab>glpat-[A-Za-z0-9_\-]{20,})" +
        @"|(?<npm>npm_[A-Za-z0-9]{36})" +
        @"|(?<huggingface>hf_[A-Za-z0-9]{30,})" +
        @"|(?<jwt>eyJ[A-Za-z0-9_\-]{10,}\.eyJ[A-Za-z0-9_\-]{10,}\.[A-Za-z0-9_\-]{10,})" +
        @"|(?<url_password>(?<=://[^\s:/@]{1,64}:)[^\s@/]{6,}(?=@))")]
    private static partial Regex Token();
}
