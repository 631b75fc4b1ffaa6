using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using ProcessManager.Hocon;

namespace ProcessManager.Host.Api;

/// <summary>Loads the TCP listener's certificate (<c>pbm.api.tcp.tls</c>): PEM with a separate or embedded key, or PKCS#12.</summary>
internal static class TlsCertificateLoader
{
    /// <exception cref="ConfigurationException">The file is missing, unreadable, or holds no private key; names the setting.</exception>
    public static X509Certificate2 Load(ApiSettings settings)
    {
        var path = settings.TlsCertificate ?? throw new ArgumentException("no TLS certificate is configured", nameof(settings));
        X509Certificate2 certificate;
        try
        {
            certificate = (settings.TlsKey, settings.TlsPassword) switch
            {
                ({ } key, { } password) => X509Certificate2.CreateFromEncryptedPemFile(path, password, key),
                ({ } key, null) => X509Certificate2.CreateFromPemFile(path, key),
                (null, var password) when X509Certificate2.GetCertContentType(path) == X509ContentType.Pkcs12 =>
                    X509CertificateLoader.LoadPkcs12FromFile(path, password),
                (null, { } password) => X509Certificate2.CreateFromEncryptedPemFile(path, password),
                (null, null) => X509Certificate2.CreateFromPemFile(path),
            };
        }
        catch (Exception ex) when (ex is CryptographicException or IOException or UnauthorizedAccessException or ArgumentException)
        {
            throw new ConfigurationException(
                $"pbm.api.tcp.tls.certificate '{path}'{(settings.TlsKey is null ? string.Empty : $" with key '{settings.TlsKey}'")} could not be loaded: {ex.Message}" +
                " (a PEM certificate with tcp.tls.key, a PEM file holding both, or a PKCS#12 .pfx with tcp.tls.password)");
        }

        if (!certificate.HasPrivateKey)
        {
            certificate.Dispose();
            throw new ConfigurationException($"pbm.api.tcp.tls.certificate '{path}' holds no private key; set pbm.api.tcp.tls.key to the PEM key file");
        }

        return certificate;
    }
}
