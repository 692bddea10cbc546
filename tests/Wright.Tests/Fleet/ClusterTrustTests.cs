using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Wright.Node.Hosting;

namespace Wright.Tests.Fleet;

/// <summary>
/// The cluster secret as the nodes' credential (<see cref="ClusterTrust"/>): certificates of the same secret are
/// accepted, anything else — another secret, a self-made CA of the same name, an expired or CA certificate — is not.
/// </summary>
public sealed class ClusterTrustTests
{
    private const string Secret = "a-fleet-secret-for-tests-0123456789";

    [Fact]
    public void Nodes_of_one_secret_accept_each_other_and_the_ca_key_is_the_same_on_every_node()
    {
        var time = new ManualTime(DateTimeOffset.UtcNow);
        using var a = ClusterTrust.Create(Secret, "a", time);
        using var b = ClusterTrust.Create(Secret, "b", time);
        Assert.True(a.Validate(b.Current));
        Assert.True(b.Validate(a.Current));
        Assert.Equal(a.Authority.PublicKey.ExportSubjectPublicKeyInfo(), b.Authority.PublicKey.ExportSubjectPublicKeyInfo());
        // Each node's own key is fresh; only the CA is derived.
        Assert.NotEqual(a.Current.PublicKey.ExportSubjectPublicKeyInfo(), b.Current.PublicKey.ExportSubjectPublicKeyInfo());
        Assert.Equal(ClusterTrust.ClusterId(Secret), ClusterTrust.ClusterId(Secret));
        Assert.NotEqual(ClusterTrust.ClusterId(Secret), ClusterTrust.ClusterId(Secret + "x"));
    }

    [Fact]
    public void A_node_of_another_secret_is_refused_both_ways()
    {
        var time = new ManualTime(DateTimeOffset.UtcNow);
        using var fleet = ClusterTrust.Create(Secret, "a", time);
        using var stranger = ClusterTrust.Create(Secret + "!", "b", time);
        Assert.False(fleet.Validate(stranger.Current));
        Assert.False(stranger.Validate(fleet.Current));
    }

    [Fact]
    public void A_self_made_ca_with_the_fleet_ca_name_is_refused()
    {
        var time = new ManualTime(DateTimeOffset.UtcNow);
        using var fleet = ClusterTrust.Create(Secret, "a", time);
        // The attacker copies the CA's name and key identifier scheme, with a key of its own.
        using var caKey = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var caRequest = new CertificateRequest(fleet.Authority.SubjectName, caKey, HashAlgorithmName.SHA256);
        caRequest.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, true, 0, true));
        caRequest.CertificateExtensions.Add(new X509SubjectKeyIdentifierExtension(caRequest.PublicKey, false));
        using var fakeCa = caRequest.CreateSelfSigned(time.GetUtcNow().AddDays(-1), time.GetUtcNow().AddDays(1));
        using var leafKey = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var leafRequest = new CertificateRequest("CN=wright node evil", leafKey, HashAlgorithmName.SHA256);
        using var leaf = leafRequest.Create(fakeCa, time.GetUtcNow().AddMinutes(-1), time.GetUtcNow().AddHours(1), [1, 2, 3, 4]);
        Assert.False(fleet.Validate(leaf));
        Assert.False(fleet.Validate(fakeCa));
        // The fleet's own CA certificate is not a node either (a CA, self-signed: no leaf of the chain).
        Assert.False(fleet.Validate(fleet.Authority));
    }

    [Fact]
    public void An_expired_certificate_is_refused_and_a_node_renews_its_own_in_time()
    {
        var time = new ManualTime(DateTimeOffset.UtcNow);
        using var a = ClusterTrust.Create(Secret, "a", time);
        using var b = ClusterTrust.Create(Secret, "b", time);
        var old = b.Current;
        time.Advance(ClusterTrust.LeafLifetime + TimeSpan.FromMinutes(1));
        Assert.False(a.Validate(old));
        var renewed = b.Current;
        Assert.NotEqual(old.Thumbprint, renewed.Thumbprint);
        Assert.True(a.Validate(renewed));
    }

    private sealed class ManualTime(DateTimeOffset now) : TimeProvider
    {
        private DateTimeOffset _now = now;

        public override DateTimeOffset GetUtcNow() => _now;

        public void Advance(TimeSpan by) => _now += by;
    }
}
