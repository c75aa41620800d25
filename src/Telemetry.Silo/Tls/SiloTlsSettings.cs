using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace Telemetry.Silo.Tls;

/// <summary>
/// TLS between silos (<c>Telemetry:Silo:Tls:CertificatePath</c>, <c>…:CertificatePassword</c>): a PKCS#12 file with
/// the silo's certificate and private key. Read before the host is built, because Orleans is configured from it.
/// </summary>
public sealed class SiloTlsSettings
{
    public const string PathKey = "Telemetry:Silo:Tls:CertificatePath";
    public const string PasswordKey = "Telemetry:Silo:Tls:CertificatePassword";

    private SiloTlsSettings(X509Certificate2 certificate) => Certificate = certificate;

    /// <summary>The silo's own certificate, with its private key.</summary>
    public X509Certificate2 Certificate { get; }

    /// <summary>The settings, or null when no certificate is configured (silo traffic in clear text); throws naming the key when it is bad.</summary>
    public static SiloTlsSettings? Read(IConfiguration configuration, TimeProvider time)
    {
        var path = configuration[PathKey];
        if (string.IsNullOrWhiteSpace(path))
        {
            return null;
        }

        if (!File.Exists(path))
        {
            throw new Hosting.SettingException($"{PathKey} is '{path}', which is not a file; expected a PKCS#12 (.pfx) file with the silo's certificate and key.");
        }

        X509Certificate2 certificate;
        try
        {
            certificate = X509CertificateLoader.LoadPkcs12FromFile(path, configuration[PasswordKey]);
        }
        catch (CryptographicException e)
        {
            // The password is never echoed; only whether one was given.
            throw new Hosting.SettingException($"{PathKey} '{path}' cannot be read as PKCS#12 with the {PasswordKey} {(string.IsNullOrEmpty(configuration[PasswordKey]) ? "(none given)" : "given")}: {e.Message}");
        }

        if (!certificate.HasPrivateKey)
        {
            throw new Hosting.SettingException($"{PathKey} '{path}' holds no private key; a silo needs its own key to prove who it is.");
        }

        var now = time.GetUtcNow().UtcDateTime;
        if (now < certificate.NotBefore.ToUniversalTime() || now > certificate.NotAfter.ToUniversalTime())
        {
            throw new Hosting.SettingException($"{PathKey} '{path}' is valid only from {certificate.NotBefore:u} to {certificate.NotAfter:u}.");
        }

        return new SiloTlsSettings(certificate);
    }

    /// <summary>
    /// A peer is trusted when its chain validates against the machine's trust store, or when it shows this silo's own
    /// certificate: one self-signed certificate shared by every silo of the cluster is enough.
    /// </summary>
    public bool Trusts(X509Certificate2? remote, System.Net.Security.SslPolicyErrors errors) =>
        remote is not null
        && (errors == System.Net.Security.SslPolicyErrors.None
            || CryptographicOperations.FixedTimeEquals(remote.RawData, Certificate.RawData));
}
