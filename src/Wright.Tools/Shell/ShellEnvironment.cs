using System.Collections;
using System.Collections.Frozen;

namespace Wright.Tools.Shell;

/// <summary>
/// The environment commands get: an allowlist. Only names that configure tools and hold no credentials pass
/// (<see cref="Harmless"/>, <c>LC_*</c>), plus the names the user lists in <c>shell.allowed_secret_env</c> (an entry
/// ending in <c>*</c> allows a prefix); then settings that keep tools non-interactive. Everything else (tokens,
/// passwords, <c>SSH_AUTH_SOCK</c>, proxy URLs with credentials, <c>DATABASE_URL</c>, …) stays out, whatever its name.
/// </summary>
public static class ShellEnvironment
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
        "SSL_CERT_FILE", "SSL_CERT_DIR", "REQUESTS_CA_BUNDLE", "CURL_CA_BUNDLE", "NODE_EXTRA_CA_CERTS", "NO_PROXY", "no_proxy",
    }.ToFrozenSet(StringComparer.Ordinal);

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

        if (!env.ContainsKey("PATH"))
            env["PATH"] = "/usr/local/bin:/usr/bin:/bin";
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
        if (Harmless.Contains(name) || name.StartsWith("LC_", StringComparison.Ordinal))
            return true;
        foreach (var entry in allowed)
        {
            if (entry == name || (entry.Length > 1 && entry[^1] == '*' && name.StartsWith(entry[..^1], StringComparison.Ordinal)))
                return true;
        }

        return false;
    }
}
