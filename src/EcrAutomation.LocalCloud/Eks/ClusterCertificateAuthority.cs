using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using EcrAutomation.LocalCloud.Storage;

namespace EcrAutomation.LocalCloud.Eks;

/// <summary>
/// The certificate authority of one cluster, as EKS has one per cluster: a self-signed RSA CA kept in the cluster's folder
/// (<c>ca.crt</c>, <c>ca.key</c> mode 0600), whose PEM is <c>certificateAuthority.data</c> and which signs the API server's
/// serving certificate (issued anew at each start, so only the CA has to stay stable across restarts).
/// </summary>
internal sealed class ClusterCertificateAuthority : IDisposable
{
    private const string CertificateFile = "ca.crt";
    private const string KeyFile = "ca.key";

    private readonly X509Certificate2 _certificate;

    private ClusterCertificateAuthority(X509Certificate2 certificate, string pem)
    {
        _certificate = certificate;
        CertificatePem = pem;
    }

    /// <summary>The CA certificate as PEM text.</summary>
    public string CertificatePem { get; }

    /// <summary>What DescribeCluster returns as <c>certificateAuthority.data</c>: the base64 of the PEM.</summary>
    public string Base64Pem => Convert.ToBase64String(Encoding.ASCII.GetBytes(CertificatePem));

    /// <summary>Loads the CA from <paramref name="directory"/>, creating it on first use.</summary>
    public static async Task<ClusterCertificateAuthority> LoadOrCreateAsync(string directory, string clusterName, CancellationToken cancellationToken)
    {
        var certificatePath = Path.Combine(directory, CertificateFile);
        var keyPath = Path.Combine(directory, KeyFile);
        if (File.Exists(certificatePath) && File.Exists(keyPath))
        {
            var pem = await File.ReadAllTextAsync(certificatePath, cancellationToken).ConfigureAwait(false);
            var keyPem = await File.ReadAllTextAsync(keyPath, cancellationToken).ConfigureAwait(false);
            return new ClusterCertificateAuthority(X509Certificate2.CreateFromPem(pem, keyPem), pem);
        }

        using var key = RSA.Create(2048);
        var request = new CertificateRequest($"CN=kubernetes, O={clusterName}", key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(certificateAuthority: true, hasPathLengthConstraint: false, pathLengthConstraint: 0, critical: true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.KeyCertSign | X509KeyUsageFlags.CrlSign | X509KeyUsageFlags.DigitalSignature, critical: true));
        request.CertificateExtensions.Add(new X509SubjectKeyIdentifierExtension(request.PublicKey, critical: false));
        var now = DateTimeOffset.UtcNow;
        using var created = request.CreateSelfSigned(now.AddMinutes(-5), now.AddYears(10));
        var certificatePem = created.ExportCertificatePem() + "\n";
        await AtomicFile.WriteAllBytesAsync(keyPath, Encoding.ASCII.GetBytes(key.ExportPkcs8PrivateKeyPem() + "\n"), cancellationToken).ConfigureAwait(false);
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(keyPath, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        }

        await AtomicFile.WriteAllBytesAsync(certificatePath, Encoding.ASCII.GetBytes(certificatePem), cancellationToken).ConfigureAwait(false);
        return new ClusterCertificateAuthority(X509Certificate2.CreateFromPem(certificatePem, key.ExportPkcs8PrivateKeyPem()), certificatePem);
    }

    /// <summary>
    /// Issues the API server's serving certificate for 127.0.0.1 and localhost (plus the in-cluster names a real API server
    /// certificate carries), with its private key, loadable by Kestrel.
    /// </summary>
    public X509Certificate2 IssueServingCertificate()
    {
        using var key = RSA.Create(2048);
        var request = new CertificateRequest("CN=kube-apiserver", key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        var names = new SubjectAlternativeNameBuilder();
        names.AddIpAddress(IPAddress.Loopback);
        foreach (var dns in (string[])["localhost", "kubernetes", "kubernetes.default", "kubernetes.default.svc", "kubernetes.default.svc.cluster.local"])
        {
            names.AddDnsName(dns);
        }

        request.CertificateExtensions.Add(names.Build());
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(false, false, 0, critical: true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.DigitalSignature | X509KeyUsageFlags.KeyEncipherment, critical: true));
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([new Oid("1.3.6.1.5.5.7.3.1")], critical: false));
        request.CertificateExtensions.Add(X509AuthorityKeyIdentifierExtension.CreateFromCertificate(_certificate, includeKeyIdentifier: true, includeIssuerAndSerial: false));
        var now = DateTimeOffset.UtcNow;
        var notAfter = now.AddYears(1) < _certificate.NotAfter ? now.AddYears(1) : _certificate.NotAfter.ToUniversalTime();
        using var issued = request.Create(_certificate, now.AddMinutes(-5), notAfter, RandomNumberGenerator.GetBytes(16));
        using var withKey = issued.CopyWithPrivateKey(key);

        // Round-trip through PKCS#12 so the key is a persisted-style key every TLS stack accepts.
        return X509CertificateLoader.LoadPkcs12(withKey.Export(X509ContentType.Pkcs12), password: null);
    }

    public void Dispose() => _certificate.Dispose();
}
