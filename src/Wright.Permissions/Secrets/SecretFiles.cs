using Wright.Permissions.Rules;

namespace Wright.Permissions.Secrets;

/// <summary>
/// Which files hold secrets: <c>.env</c> files at any depth (<c>svc/.env</c>, <c>.env.local</c>, <c>prod.env</c>,
/// <c>.envrc</c>), private keys, cloud and package-manager credentials, <c>/etc/shadow</c>, process environments.
/// Matched case-insensitively (a case-insensitive file system or a loader may read <c>.ENV</c> as <c>.env</c>).
/// </summary>
public static class SecretFiles
{
    private static readonly string[] Patterns =
    [
        "**/.env", "**/.env.*", "**/.env-*", "**/*.env", "**/.envrc", "**/*.pem", "**/*.key", "**/*.p12", "**/*.pfx", "**/id_rsa*", "**/id_dsa*",
        "**/id_ed25519*", "**/id_ecdsa*", "**/.ssh/**", "**/.aws/**", "**/.azure/**", "**/.config/gcloud/**", "**/.netrc", "**/.git-credentials",
        "**/.npmrc", "**/.pypirc", "**/.docker/config.json", "**/.config/gh/**", "**/.kube/config", "**/credentials", "**/credentials.json",
        "**/*secret*", "**/*.tfstate", "**/*.tfstate.backup", "/etc/shadow", "/etc/gshadow", "/proc/*/environ",
    ];

    /// <summary>Whether <paramref name="path"/> (absolute or relative) names a secret file.</summary>
    public static bool IsSecret(string path)
    {
        var normal = path.ToLowerInvariant();
        return Patterns.Any(g => Glob.MatchPath(g, normal));
    }
}
