using System.Numerics;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;

namespace Wright.Node.Hosting;

/// <summary>
/// The cluster secret as the nodes' credential. The fleet's CA key is derived from the secret (HKDF-SHA256 → a P-256
/// scalar), so every node that knows the secret holds the same CA without sharing a file; at start a node issues itself
/// a short-lived leaf certificate (a fresh key, signed by that CA) and Orleans' TLS (<c>Microsoft.Orleans.Connections.Security</c>)
/// uses it for mutual TLS on every silo-to-silo connection. A peer is accepted only when its certificate chains to
/// exactly this CA's public key (not to any system root), is valid now and is not itself a CA. A node without the secret
/// cannot make such a certificate; one with another secret has another CA.
/// </summary>
internal sealed class ClusterTrust : IDisposable
{
    /// <summary>A shorter secret is refused: it is the only thing that keeps strangers out of the silo ports.</summary>
    public const int MinimumSecretLength = 16;

    /// <summary>How long a node's own certificate is valid; it issues itself a new one when half of it is gone.</summary>
    public static readonly TimeSpan LeafLifetime = TimeSpan.FromHours(24);

    private static readonly byte[] Salt = "wright-fleet-v1"u8.ToArray();

    // The order of the P-256 group: a derived scalar must lie in [1, n-1].
    private static readonly BigInteger Order = BigInteger.Parse("0FFFFFFFF00000000FFFFFFFFFFFFFFFFBCE6FAADA7179E84F3B9CAC2FC632551", System.Globalization.NumberStyles.HexNumber);

    private readonly ECDsa _caKey;
    private readonly X509Certificate2 _ca;
    private readonly byte[] _caPublicKey;
    private readonly string _node;
    private readonly TimeProvider _time;
    private readonly Lock _gate = new();
    private X509Certificate2 _leaf;

    private ClusterTrust(string secret, string node, TimeProvider time)
    {
        _node = node;
        _time = time;
        _caKey = DeriveCaKey(secret);
        _ca = CreateCa(_caKey);
        _caPublicKey = _ca.PublicKey.ExportSubjectPublicKeyInfo();
        _leaf = Issue();
    }

    /// <summary>The trust of the fleet whose secret is <paramref name="secret"/>, for the node named <paramref name="node"/>.</summary>
    public static ClusterTrust Create(string secret, string node, TimeProvider time)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(secret);
        return new ClusterTrust(secret, node, time);
    }

    /// <summary>The cluster id derived from the secret (fleets sharing one database stay apart); reveals nothing of the secret's CA key.</summary>
    public static string ClusterId(string secret) =>
        "wright-" + Convert.ToHexStringLower(HKDF.DeriveKey(HashAlgorithmName.SHA256, Encoding.UTF8.GetBytes(secret), 6, Salt, "cluster id"u8.ToArray()));

    /// <summary>The CA's certificate (public key only): what peers' certificates must chain to.</summary>
    public X509Certificate2 Authority => _ca;

    /// <summary>This node's certificate with its private key, renewed when half of its lifetime is gone.</summary>
    public X509Certificate2 Current
    {
        get
        {
            lock (_gate)
            {
                if (_time.GetUtcNow() > _leaf.NotAfter.ToUniversalTime() - LeafLifetime / 2)
                    _leaf = Issue();
                return _leaf;
            }
        }
    }

    /// <summary>Whether a peer's certificate was issued by this fleet's CA: the chain's anchor is exactly its public key.</summary>
    public bool Validate(X509Certificate2 certificate)
    {
        using var chain = new X509Chain();
        chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
        chain.ChainPolicy.CustomTrustStore.Add(_ca);
        chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
        chain.ChainPolicy.DisableCertificateDownloads = true;
        chain.ChainPolicy.VerificationTime = _time.GetUtcNow().UtcDateTime;
        if (!chain.Build(certificate) || chain.ChainElements.Count != 2)
            return false;
        if (!chain.ChainElements[1].Certificate.PublicKey.ExportSubjectPublicKeyInfo().AsSpan().SequenceEqual(_caPublicKey))
            return false;
        // A leaf, not a CA of its own (which could then issue more).
        return certificate.Extensions.OfType<X509BasicConstraintsExtension>().All(b => !b.CertificateAuthority);
    }

    /// <summary>The CA key: HKDF-SHA256 of the secret, taken as a P-256 scalar (the next counter when it falls outside [1, n-1]).</summary>
    internal static ECDsa DeriveCaKey(string secret)
    {
        var ikm = Encoding.UTF8.GetBytes(secret);
        for (byte counter = 0; ; counter++)
        {
            var d = HKDF.DeriveKey(HashAlgorithmName.SHA256, ikm, 32, Salt, [.. "ca key "u8, counter]);
            var value = new BigInteger(d, isUnsigned: true, isBigEndian: true);
            if (value.IsZero || value >= Order)
                continue;
            return ECDsa.Create(new ECParameters { Curve = ECCurve.NamedCurves.nistP256, D = d });
        }
    }

    private static X509Certificate2 CreateCa(ECDsa key)
    {
        var request = new CertificateRequest("CN=wright fleet CA", key, HashAlgorithmName.SHA256);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, true, 0, true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.KeyCertSign, true));
        request.CertificateExtensions.Add(new X509SubjectKeyIdentifierExtension(request.PublicKey, false));
        // The anchor is its key, not this certificate: every node makes its own copy, with the same name and key.
        using var signed = request.CreateSelfSigned(new DateTimeOffset(2000, 1, 1, 0, 0, 0, TimeSpan.Zero), new DateTimeOffset(2200, 1, 1, 0, 0, 0, TimeSpan.Zero));
        return X509CertificateLoader.LoadCertificate(signed.RawData);
    }

    private X509Certificate2 Issue()
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var name = new X500DistinguishedNameBuilder();
        name.AddCommonName("wright node " + _node);
        var request = new CertificateRequest(name.Build(), key, HashAlgorithmName.SHA256);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(false, false, 0, true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.DigitalSignature, true));
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([new Oid("1.3.6.1.5.5.7.3.1"), new Oid("1.3.6.1.5.5.7.3.2")], false));
        request.CertificateExtensions.Add(X509AuthorityKeyIdentifierExtension.CreateFromCertificate(_ca, includeKeyIdentifier: true, includeIssuerAndSerial: false));
        var now = _time.GetUtcNow();
        using var unsigned = request.Create(_ca.SubjectName, X509SignatureGenerator.CreateForECDsa(_caKey), now.AddMinutes(-5), now + LeafLifetime, RandomNumberGenerator.GetBytes(16));
        return unsigned.CopyWithPrivateKey(key);
    }

    public void Dispose()
    {
        _caKey.Dispose();
        _ca.Dispose();
        lock (_gate)
            _leaf.Dispose();
    }
}
