using System.Net;
using System.Net.Http.Headers;
using System.Security.Authentication;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using ProcessManager.Contracts.Client;
using ProcessManager.Host.Api;

namespace ProcessManager.Host.Tests;

/// <summary>TCP with TLS: a self-signed certificate made here, trusted by the test clients by its exact thumbprint or as a CA file.</summary>
public sealed class TlsTests : IDisposable
{
    private const string Password = "pbm-test";
    private readonly DirectoryInfo _folder = Directory.CreateTempSubdirectory("pbm-tls-tests-");
    private readonly X509Certificate2 _certificate;

    public TlsTests()
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest("CN=pbm test daemon", key, HashAlgorithmName.SHA256);
        var names = new SubjectAlternativeNameBuilder();
        names.AddIpAddress(IPAddress.Loopback);
        names.AddDnsName("localhost");
        request.CertificateExtensions.Add(names.Build());
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([new Oid("1.3.6.1.5.5.7.3.1")], critical: false));
        var now = DateTimeOffset.UtcNow;
        _certificate = request.CreateSelfSigned(now.AddDays(-1), now.AddDays(1));
        File.WriteAllBytes(PfxPath, _certificate.Export(X509ContentType.Pfx, Password));
        File.WriteAllText(CertificatePemPath, _certificate.ExportCertificatePem());
        File.WriteAllText(KeyPemPath, key.ExportPkcs8PrivateKeyPem());
    }

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private string PfxPath => Path.Combine(_folder.FullName, "daemon.pfx");

    private string CertificatePemPath => Path.Combine(_folder.FullName, "daemon.crt");

    private string KeyPemPath => Path.Combine(_folder.FullName, "daemon.key");

    [Fact]
    public async Task An_https_request_with_the_token_is_served_to_a_client_pinning_the_certificate()
    {
        await using var daemon = await StartAsync(new ApiSettings { TcpEnabled = true, TcpPort = 0, TlsCertificate = PfxPath, TlsPassword = Password });
        using var http = PinnedClient();
        using var request = new HttpRequestMessage(HttpMethod.Get, $"{daemon.Ready.TcpEndpoint}/v1/processes");
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", daemon.Token);

        using var response = await http.SendAsync(request, Ct);

        Assert.StartsWith("https://127.0.0.1:", daemon.Ready.TcpEndpoint, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("[]", await response.Content.ReadAsStringAsync(Ct));
    }

    [Fact]
    public async Task An_https_request_without_a_token_gets_401()
    {
        await using var daemon = await StartAsync(new ApiSettings { TcpEnabled = true, TcpPort = 0, TlsCertificate = PfxPath, TlsPassword = Password });
        using var http = PinnedClient();

        using var response = await http.GetAsync(new Uri($"{daemon.Ready.TcpEndpoint}/v1/processes"), Ct);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Contains("\"error\":\"unauthorized\"", await response.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Plain_http_to_the_tls_port_is_not_served()
    {
        await using var daemon = await StartAsync(new ApiSettings { TcpEnabled = true, TcpPort = 0, TlsCertificate = PfxPath, TlsPassword = Password });
        var plain = new UriBuilder(daemon.Ready.TcpEndpoint!) { Scheme = Uri.UriSchemeHttp }.Uri;
        using var http = new HttpClient();
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(plain, "/v1/processes"));
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", daemon.Token);

        await Assert.ThrowsAnyAsync<HttpRequestException>(() => http.SendAsync(request, Ct));
    }

    [Fact]
    public async Task The_pbm_client_trusts_the_daemon_through_a_ca_file_and_refuses_it_without()
    {
        await using var daemon = await StartAsync(new ApiSettings { TcpEnabled = true, TcpPort = 0, TlsCertificate = CertificatePemPath, TlsKey = KeyPemPath });
        var trusting = daemon.TcpClient(daemon.Token, PbmClientSettings.Default with { CaFile = CertificatePemPath });
        var untrusting = daemon.TcpClient(daemon.Token);

        var processes = await trusting.ListProcessesAsync(Ct);
        var refused = await Assert.ThrowsAsync<AuthenticationException>(() => untrusting.ListProcessesAsync(Ct));

        Assert.True(daemon.Tcp.UseTls);
        Assert.Empty(processes);
        Assert.Contains($"TLS with {daemon.Tcp} failed", refused.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_certificate_that_cannot_be_loaded_fails_the_start_naming_the_setting()
    {
        File.WriteAllText(Path.Combine(_folder.FullName, "broken.pem"), "not a certificate");

        var error = await Assert.ThrowsAsync<ProcessManager.Hocon.ConfigurationException>(() =>
            StartAsync(new ApiSettings { TcpEnabled = true, TcpPort = 0, TlsCertificate = Path.Combine(_folder.FullName, "broken.pem") }));

        Assert.Contains("pbm.api.tcp.tls.certificate", error.Message, StringComparison.Ordinal);
        Assert.Contains("broken.pem", error.Message, StringComparison.Ordinal);
    }

    public void Dispose()
    {
        _certificate.Dispose();
        _folder.Delete(recursive: true);
    }

    private static Task<TestDaemon> StartAsync(ApiSettings settings) =>
        TestDaemon.StartAsync(settings with { TcpBind = "127.0.0.1" });

    /// <summary>Trusts exactly the test certificate, by its SHA-256 thumbprint; anything else is refused.</summary>
    private HttpClient PinnedClient()
    {
        var pinned = _certificate.GetCertHashString(HashAlgorithmName.SHA256);
        var handler = new SocketsHttpHandler();
        handler.SslOptions.RemoteCertificateValidationCallback = (_, presented, _, _) =>
            presented is not null && string.Equals(presented.GetCertHashString(HashAlgorithmName.SHA256), pinned, StringComparison.OrdinalIgnoreCase);
        return new HttpClient(handler);
    }
}
