using Orleans.Connections.Security;

namespace Telemetry.Silo.Tls;

/// <summary>Switches on TLS between silos when <c>Telemetry:Silo:Tls:CertificatePath</c> is set; both sides show a certificate.</summary>
public static class SiloTlsHostingExtensions
{
    public static WebApplicationBuilder AddSiloTls(this WebApplicationBuilder builder)
    {
        var settings = SiloTlsSettings.Read(builder.Configuration, TimeProvider.System);
        if (settings is null)
        {
            return builder;
        }

        builder.UseOrleans(silo => silo.UseTls(settings.Certificate, options =>
        {
            options.RemoteCertificateMode = RemoteCertificateMode.RequireCertificate;
            options.ClientCertificateMode = RemoteCertificateMode.RequireCertificate;
            options.RemoteCertificateValidation = (remote, _, errors) => settings.Trusts(remote, errors);
        }));
        return builder;
    }
}
