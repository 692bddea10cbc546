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
            if (IsAllowed(name, allowed))
                env[name] = entry.Value as string ?? "";
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
        foreach (var entry in allowed)
        {
            if (entry == name || (entry.Length > 1 && entry[^1] == '*' && name.StartsWith(entry[..^1], StringComparison.Ordinal)))
                return true;
        }

        return false;
    }

    [GeneratedRegex("KEY|SECRET|TOKEN|PASS|PWD|CREDENTIAL|AUTH|COOKIE|SESSION|PRIVATE", RegexOptions.IgnoreCase)]
    private static partial Regex SecretName();
}
