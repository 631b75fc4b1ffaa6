using System.Net.Security;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace ProcessManager.Contracts.Client;

/// <summary>Validation of a daemon's TLS certificate against the system store plus the certificates of a CA file.</summary>
internal static class TlsTrust
{
    /// <summary>The callback for <paramref name="caFile"/>, or null to use the system store alone.</summary>
    /// <exception cref="ArgumentException">The CA file cannot be read or holds no certificate; names the file.</exception>
    public static RemoteCertificateValidationCallback? For(string? caFile)
    {
        if (caFile is null)
        {
            return null;
        }

        var roots = new X509Certificate2Collection();
        try
        {
            roots.ImportFromPemFile(caFile);
        }
        catch (Exception ex) when (ex is CryptographicException or IOException or UnauthorizedAccessException)
        {
            throw new ArgumentException($"the CA file '{caFile}' cannot be read: {ex.Message}", nameof(caFile), ex);
        }

        if (roots.Count == 0)
        {
            throw new ArgumentException($"the CA file '{caFile}' holds no PEM certificate (-----BEGIN CERTIFICATE-----)", nameof(caFile));
        }

        return (_, certificate, _, errors) => Validate(certificate, errors, roots);
    }

    private static bool Validate(X509Certificate? certificate, SslPolicyErrors errors, X509Certificate2Collection roots)
    {
        if (errors == SslPolicyErrors.None)
        {
            return true;
        }

        // A wrong host name or a missing certificate is never excused by the CA file; only the chain is rebuilt.
        if (certificate is null || (errors & ~SslPolicyErrors.RemoteCertificateChainErrors) != 0)
        {
            return false;
        }

        using var chain = new X509Chain();
        chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
        chain.ChainPolicy.CustomTrustStore.AddRange(roots);
        chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
        if (certificate is X509Certificate2 leaf)
        {
            return chain.Build(leaf);
        }

        using var copy = X509CertificateLoader.LoadCertificate(certificate.GetRawCertData());
        return chain.Build(copy);
    }
}
