using System.Net.Security;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Akka.Event;
using Akka.Remote.Transport.DotNetty;
using ProcessManager.Hocon;

namespace ProcessManager.Host.Cluster;

/// <summary>
/// The fleet certificate (<c>pbm.cluster.tls</c>) and the rule a peer's certificate must pass: the same certificate as
/// this node's, or one that chains to the configured CA. Both ends present one (mutual authentication), so a node
/// without it can neither join nor send a message.
/// </summary>
internal sealed class ClusterTls : IDisposable
{
    private readonly X509Certificate2? _ca;

    private ClusterTls(X509Certificate2 certificate, X509Certificate2? ca)
    {
        Certificate = certificate;
        _ca = ca;
    }

    public X509Certificate2 Certificate { get; }

    /// <exception cref="ConfigurationException">A file is missing or unreadable, or the certificate has no private key; names the setting.</exception>
    public static ClusterTls Load(ClusterSettings settings)
    {
        var path = settings.TlsCertificate ?? throw new ConfigurationException("pbm.cluster.tls.certificate is not set");
        string? password = null;
        if (settings.TlsPasswordFile is { } passwordFile)
        {
            try
            {
                password = File.ReadLines(passwordFile).FirstOrDefault()?.TrimEnd('\r') ?? string.Empty;
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                throw new ConfigurationException($"pbm.cluster.tls.password-file '{passwordFile}' cannot be read: {ex.Message}");
            }
        }

        X509Certificate2 certificate;
        try
        {
            certificate = X509Certificate2.GetCertContentType(path) == X509ContentType.Pkcs12
                ? X509CertificateLoader.LoadPkcs12FromFile(path, password)
                : password is null ? X509Certificate2.CreateFromPemFile(path) : X509Certificate2.CreateFromEncryptedPemFile(path, password);
        }
        catch (Exception ex) when (ex is CryptographicException or IOException or UnauthorizedAccessException or ArgumentException)
        {
            throw new ConfigurationException(
                $"pbm.cluster.tls.certificate '{path}' could not be loaded: {ex.Message} (PKCS#12 .pfx/.p12, or PEM holding certificate and key; the password in tls.password-file)");
        }

        if (!certificate.HasPrivateKey)
        {
            certificate.Dispose();
            throw new ConfigurationException($"pbm.cluster.tls.certificate '{path}' holds no private key");
        }

        // PEM keys live in memory only; SslStream on Linux needs them exportable once, which a PKCS#12 round trip gives.
        if (X509Certificate2.GetCertContentType(path) != X509ContentType.Pkcs12)
        {
            var exported = certificate.Export(X509ContentType.Pkcs12);
            certificate.Dispose();
            certificate = X509CertificateLoader.LoadPkcs12(exported, null);
        }

        X509Certificate2? ca = null;
        if (settings.TlsCaCertificate is { } caPath)
        {
            try
            {
                ca = X509CertificateLoader.LoadCertificateFromFile(caPath);
            }
            catch (Exception ex) when (ex is CryptographicException or IOException or UnauthorizedAccessException)
            {
                certificate.Dispose();
                throw new ConfigurationException($"pbm.cluster.tls.ca-certificate '{caPath}' could not be loaded: {ex.Message}");
            }
        }

        return new ClusterTls(certificate, ca);
    }

    /// <summary>Whether a peer's certificate admits it to the fleet.</summary>
    public bool Accepts(X509Certificate2? peer)
    {
        if (peer is null)
        {
            return false;
        }

        if (_ca is null)
        {
            return peer.RawDataMemory.Span.SequenceEqual(Certificate.RawDataMemory.Span);
        }

        using var chain = new X509Chain();
        chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
        chain.ChainPolicy.CustomTrustStore.Add(_ca);
        chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
        return chain.Build(peer);
    }

    /// <summary>The validator Akka.Remote calls on both sides of every handshake.</summary>
    public CertificateValidationCallback Validator => (certificate, _, remotePeer, _, log) =>
    {
        var accepted = Accepts(certificate);
        if (!accepted)
        {
            log.Warning("Refused a TLS peer {0}: its certificate ({1}) is not the fleet's", remotePeer, certificate?.Subject ?? "none");
        }

        return accepted;
    };

    public void Dispose()
    {
        Certificate.Dispose();
        _ca?.Dispose();
    }
}
