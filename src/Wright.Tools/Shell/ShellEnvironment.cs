using System.Collections;
using System.Collections.Frozen;
using System.Text.RegularExpressions;

namespace Wright.Tools.Shell;

/// <summary>
/// The environment commands get: an allowlist. Only names that configure tools and hold no credentials pass:
/// <see cref="Harmless"/>, the prefixes <c>LC_</c>, <c>PYTHON</c>, <c>DOTNET_</c>, <c>MSBUILD</c>, <c>NUGET_</c> and
/// <c>RUST_</c>, and CA bundle paths (<c>*_CA_BUNDLE</c>, <c>*_CA_CERTS*</c>); a prefixed name that looks like a
/// secret (<c>*TOKEN*</c>, <c>*KEY*</c>, <c>*PASS*</c>, …) does not. Plus the names the user lists in
/// <c>shell.allowed_secret_env</c> (an entry ending in <c>*</c> allows a prefix); then settings that keep tools
/// non-interactive. Everything else (tokens, passwords, <c>SSH_AUTH_SOCK</c>, proxy URLs with credentials,
/// <c>DATABASE_URL</c>, …) stays out, whatever its name.
/// </summary>
public static partial class ShellEnvironment
{
    /// <summary>Variables that pass without being listed: locale, paths and tool locations.</summary>
    public static FrozenSet<string> Harmless { get; } = new[]
    {
        "PATH", "HOME", "USER", "LOGNAME", "SHELL", "LANG", "LANGUAGE", "TZ", "TMPDIR", "COLORTERM", "EDITOR", "VISUAL",
        "JAVA_HOME", "GOROOT", "GOPATH", "GOBIN", "GOFLAGS", "GOTOOLCHAIN", "CARGO_HOME", "RUSTUP_HOME", "RUSTUP_TOOLCHAIN",
        "DOTNET_ROOT", "DOTNET_CLI_TELEMETRY_OPTOUT", "DOTNET_NOLOGO", "DOTNET_SKIP_FIRST_TIME_EXPERIENCE", "NUGET_PACKAGES",
        "PYENV_ROOT", "PYENV_VERSION", "VIRTUAL_ENV", "CONDA_PREFIX", "CONDA_DEFAULT_ENV", "PYTHONPATH", "NVM_DIR", "NVM_BIN",
        "NODE_PATH", "PNPM_HOME", "BUN_INSTALL", "DENO_DIR", "GEM_HOME", "GEM_PATH", "RBENV_ROOT", "PERL5LIB",
        "MAVEN_HOME", "M2_HOME", "GRADLE_HOME", "ANDROID_HOME", "ANDROID_SDK_ROOT",
        "PKG_CONFIG_PATH", "LD_LIBRARY_PATH", "LIBRARY_PATH", "CPATH", "C_INCLUDE_PATH", "CPLUS_INCLUDE_PATH",
        "CC", "CXX", "CFLAGS", "CXXFLAGS", "CPPFLAGS", "LDFLAGS", "MAKEFLAGS",
        "SSL_CERT_FILE", "SSL_CERT_DIR", "NIX_SSL_CERT_FILE", "GIT_SSL_CAINFO", "PIP_CERT", "NODE_EXTRA_CA_CERTS", "NO_PROXY", "no_proxy",
        "CI", "NODE_ENV", "UseSharedCompilation", "CARGO_INCREMENTAL", "CARGO_TARGET_DIR", "CARGO_TERM_COLOR", "RUSTFLAGS",
        "PIP_DISABLE_PIP_VERSION_CHECK", "PIP_DEFAULT_TIMEOUT", "PIP_NO_CACHE_DIR",
    }.ToFrozenSet(StringComparer.Ordinal);

    /// <summary>Prefixes of tool settings that pass unless the name looks like a secret.</summary>
    private static readonly string[] HarmlessPrefixes = ["LC_", "PYTHON", "DOTNET_", "MSBUILD", "NUGET_", "RUST_"];

    /// <summary>Builds it from the current process's environment.</summary>
    public static Dictionary<string, string> Build(IReadOnlyCollection<string> allowed) =>
        Build(allowed, Environment.GetEnvironmentVariables());

    /// <summary>Builds it from <paramref name="source"/>.</summary>
    public static Dictionary<string, string> Build(IReadOnlyCollection<string> allowed, IDictionary source)
    {
        ArgumentNullException.ThrowIfNull(allowed);
        ArgumentNullException.ThrowIfNull(source);
        var env = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (DictionaryEntry entry in source)
        {
            var name = (string)entry.Key;
            var value = entry.Value as string ?? "";
            // A harmless name may still carry a credential in its value (a feed URL with a password, a connection
            // string, -DAPI_KEY=… in CFLAGS): only a variable the user listed by name passes with one.
            if (IsAllowed(name, allowed) && (!LooksLikeSecret(value) || IsListed(name, allowed)))
                env[name] = value;
        }

        env["PATH"] = Wright.Core.Processes.TrustedPrograms.SearchPath(path: env.GetValueOrDefault("PATH")); // never '.', relative entries or the workspace
        if (!env.ContainsKey("LANG"))
            env["LANG"] = "C.UTF-8";
        env["TERM"] = "dumb";
        env["PAGER"] = "cat";
        env["GIT_PAGER"] = "cat";
        env["NO_COLOR"] = "1";
        env["GIT_TERMINAL_PROMPT"] = "0";
        env["DEBIAN_FRONTEND"] = "noninteractive";
        return env;
    }

    /// <summary>Whether a variable passes: harmless, a locale category, or allowed by the user (exactly or by a <c>PREFIX*</c> entry).</summary>
    public static bool IsAllowed(string name, IReadOnlyCollection<string> allowed)
    {
        ArgumentNullException.ThrowIfNull(name);
        ArgumentNullException.ThrowIfNull(allowed);
        if (Harmless.Contains(name))
            return true;
        if (!SecretName().IsMatch(name)
            && (HarmlessPrefixes.Any(p => name.StartsWith(p, StringComparison.Ordinal)) || name.EndsWith("_CA_BUNDLE", StringComparison.Ordinal) || name.Contains("_CA_CERTS", StringComparison.Ordinal)))
            return true;
        return IsListed(name, allowed);
    }

    /// <summary>
    /// Whether a value holds a credential whatever its variable is called: a URL with a password, a
    /// <c>password=</c>/<c>token=</c>/<c>api_key=</c> pair (connection strings, compiler defines), a private key, or a
    /// well-known token format.
    /// </summary>
    public static bool LooksLikeSecret(string value) => value.Length >= 6 && SecretValue().IsMatch(value);

    private static bool IsListed(string name, IReadOnlyCollection<string> allowed)
    {
        foreach (var entry in allowed)
        {
            if (entry == name || (entry.Length > 1 && entry[^1] == '*' && name.StartsWith(entry[..^1], StringComparison.Ordinal)))
                return true;
        }

        return false;
    }

    [GeneratedRegex(
        @"://[^\s:/@]{1,256}:[^\s@/]{1,256}@" +
        @"|(?:^|(?<=-D)|[^A-Za-z])(?:password|passwd|pwd|secret|token|api[_-]?key|access[_-]?key|auth[_-]?token|private[_-]?key|client[_-]?secret)\s*[=:]" +
        @"|-----BEGIN [A-Z0-9 ]*PRIVATE KEY-----" +
        @"|\b(?:sk-[A-Za-z0-9_\-]{20,}|gh[pousr]_[A-Za-z0-9]{30,}|github_pat_[A-Za-z0-9_]{40,}|(?:AKIA|ASIA)[0-9A-Z]{16}|AIza[0-9A-Za-z_\-]{35}|xox[abposr]-[A-Za-z0-9\-]{10,}|glpat-[A-Za-z0-9_\-]{20,}|npm_[A-Za-z0-9]{36}|hf_[A-Za-z0-9]{30,})",
        RegexOptions.IgnoreCase)]
    private static partial Regex SecretValue();

    [GeneratedRegex("KEY|SECRET|TOKEN|PASS|PWD|CREDENTIAL|AUTH|COOKIE|SESSION|PRIVATE", RegexOptions.IgnoreCase)]
    private static partial Regex SecretName();
}
