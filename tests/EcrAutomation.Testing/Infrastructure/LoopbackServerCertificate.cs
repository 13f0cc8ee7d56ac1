using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace EcrAutomation.Testing.Infrastructure;

/// <summary>
/// A fresh certificate authority and the serving certificate it signs for 127.0.0.1/localhost, as a test Kubernetes API
/// server needs: clients verify the server with <see cref="CaPem"/> (a kubeconfig's <c>certificate-authority-data</c>).
/// </summary>
/// <param name="CaPem">The authority's certificate, PEM.</param>
/// <param name="Serving">The server's certificate with its private key.</param>
public sealed record LoopbackServerCertificate(string CaPem, X509Certificate2 Serving)
{
    public static LoopbackServerCertificate Create()
    {
        using var caKey = RSA.Create(2048);
        var caRequest = new CertificateRequest("CN=kubernetes", caKey, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        caRequest.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, false, 0, true));
        caRequest.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.KeyCertSign | X509KeyUsageFlags.CrlSign, true));
        using var ca = caRequest.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddYears(1));
        using var serverKey = RSA.Create(2048);
        var serverRequest = new CertificateRequest("CN=kube-apiserver", serverKey, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        var names = new SubjectAlternativeNameBuilder();
        names.AddIpAddress(IPAddress.Loopback);
        names.AddDnsName("localhost");
        serverRequest.CertificateExtensions.Add(names.Build());
        serverRequest.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([new Oid("1.3.6.1.5.5.7.3.1")], false));
        using var issued = serverRequest.Create(ca, DateTimeOffset.UtcNow.AddDays(-1), ca.NotAfter.AddDays(-1), RandomNumberGenerator.GetBytes(8));
        var serving = X509CertificateLoader.LoadPkcs12(issued.CopyWithPrivateKey(serverKey).Export(X509ContentType.Pkcs12), null);
        return new LoopbackServerCertificate(ca.ExportCertificatePem(), serving);
    }
}
