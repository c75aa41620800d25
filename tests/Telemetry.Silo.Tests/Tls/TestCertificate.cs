using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace Telemetry.Silo.Tests.Tls;

/// <summary>A self-signed certificate for 127.0.0.1 and localhost, written to a temporary password-protected PKCS#12 file.</summary>
public sealed class TestCertificate : IDisposable
{
    public TestCertificate(string password)
    {
        Password = password;
        using var key = RSA.Create(2048);
        var request = new CertificateRequest("CN=telemetry-test", key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        var names = new SubjectAlternativeNameBuilder();
        names.AddIpAddress(IPAddress.Loopback);
        names.AddDnsName("localhost");
        request.CertificateExtensions.Add(names.Build());
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([new Oid("1.3.6.1.5.5.7.3.1"), new Oid("1.3.6.1.5.5.7.3.2")], critical: false));
        using var certificate = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddMinutes(-5), DateTimeOffset.UtcNow.AddDays(1));
        Path = System.IO.Path.Combine(System.IO.Path.GetTempPath(), $"telemetry-test-{Guid.NewGuid():N}.pfx");
        File.WriteAllBytes(Path, certificate.Export(X509ContentType.Pfx, password));
        RawData = certificate.RawData;
    }

    public string Path { get; }

    public string Password { get; }

    /// <summary>The certificate's DER bytes, to recognise it on the other end of a connection.</summary>
    public byte[] RawData { get; }

    public void Dispose() => File.Delete(Path);
}
