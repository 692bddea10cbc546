using System.Runtime.InteropServices;

namespace Wright.Cli.Distribution;

/// <summary>
/// The static build (<c>linux-x64-static</c>) carries Debian's OpenSSL, which looks for trusted roots under
/// /usr/lib/ssl; Alpine, Fedora and others keep them elsewhere. Before anything opens a TLS connection, point OpenSSL
/// (and .NET's root store, which asks OpenSSL's environment variables) at the system's bundle when the Debian layout is
/// absent and the user has not chosen one with <c>SSL_CERT_FILE</c>/<c>SSL_CERT_DIR</c>. This sets the process's C
/// environment, which .NET's <see cref="Environment.SetEnvironmentVariable(string, string)"/> does not.
/// </summary>
internal static partial class StaticTlsRoots
{
    /// <summary>Where distributions keep the PEM bundle of trusted roots, most common first.</summary>
    private static readonly string[] Bundles =
    [
        "/etc/ssl/certs/ca-certificates.crt",   // Debian, Ubuntu, Alpine, Arch, Gentoo
        "/etc/pki/tls/certs/ca-bundle.crt",     // Fedora, RHEL, CentOS
        "/etc/ssl/ca-bundle.pem",               // openSUSE
        "/etc/ssl/cert.pem",                    // Alpine, Void
    ];

    [LibraryImport("libc", EntryPoint = "setenv", StringMarshalling = StringMarshalling.Utf8)]
    private static partial int SetEnv(string name, string value, int overwrite);

    public static void Apply()
    {
        if (BuildInfo.Asset != "linux-x64-static" || !OperatingSystem.IsLinux())
            return;
        if (Environment.GetEnvironmentVariable("SSL_CERT_FILE") is { Length: > 0 } || Environment.GetEnvironmentVariable("SSL_CERT_DIR") is { Length: > 0 })
            return;
        if (File.Exists("/usr/lib/ssl/cert.pem") || Directory.Exists("/usr/lib/ssl/certs"))
            return;   // the layout the linked OpenSSL expects is there
        if (Bundles.FirstOrDefault(File.Exists) is { } bundle)
            _ = SetEnv("SSL_CERT_FILE", bundle, 0);
        if (Directory.Exists("/etc/ssl/certs"))
            _ = SetEnv("SSL_CERT_DIR", "/etc/ssl/certs", 0);
    }
}
