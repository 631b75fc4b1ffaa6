using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace ProcessManager.Cluster.Tests;

/// <summary>A self-signed fleet certificate made for one test: a PKCS#12 file and its password file, both 0600.</summary>
internal sealed record FleetCertificate(string PfxFile, string PasswordFile, string Thumbprint)
{
    public static FleetCertificate Create(string directory, string name)
    {
        using var key = RSA.Create(2048);
        var request = new CertificateRequest($"CN={name}", key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension(
            [new Oid("1.3.6.1.5.5.7.3.1"), new Oid("1.3.6.1.5.5.7.3.2")], critical: false));
        using var certificate = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddMinutes(-5), DateTimeOffset.UtcNow.AddDays(1));
        var password = Convert.ToHexString(RandomNumberGenerator.GetBytes(16));
        var pfx = Path.Combine(directory, name + ".pfx");
        var passwordFile = Path.Combine(directory, name + ".password");
        File.WriteAllBytes(pfx, certificate.Export(X509ContentType.Pkcs12, password));
        File.WriteAllText(passwordFile, password + "\n");
        File.SetUnixFileMode(pfx, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        File.SetUnixFileMode(passwordFile, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        return new FleetCertificate(pfx, passwordFile, certificate.Thumbprint);
    }
}
