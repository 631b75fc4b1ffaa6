using Akka.Actor;
using ProcessManager.Hocon;
using ProcessManager.Host.Cluster;
using AkkaConfig = Akka.Configuration.ConfigurationFactory;

namespace ProcessManager.Host.Tests.Cluster;

public sealed class ClusterDiscoveryTests
{
    [Fact]
    public void The_discovery_block_is_read_with_its_defaults()
    {
        var settings = Read("""discovery { method = config, endpoints = ["10.0.0.1:7355", " 10.0.0.2:7355 "] }""");

        var discovery = settings.Discovery!;
        Assert.Equal(("config", "pbm", TimeSpan.FromSeconds(5), TimeSpan.FromSeconds(2)), (discovery.Method, discovery.ServiceName, discovery.LookupTimeout, discovery.RetryInterval));
        Assert.Equal(["10.0.0.1:7355", "10.0.0.2:7355"], discovery.Endpoints);
        Assert.Null(Read("").Discovery);
    }

    [Theory]
    [InlineData("""seed-nodes = ["10.0.0.1:7355"], discovery { method = config, endpoints = ["10.0.0.1:7355"] }""", "pbm.cluster.discovery.method and seed-nodes are both set")]
    [InlineData("""discovery { method = consul }""", "pbm.cluster.discovery.method must be config or akka-dns, not 'consul'")]
    [InlineData("""discovery { method = config }""", "pbm.cluster.discovery.endpoints must list every node's HOST:PORT")]
    [InlineData("""discovery { method = config, endpoints = ["10.0.0.1"] }""", "pbm.cluster.discovery.endpoints '10.0.0.1' is not HOST:PORT")]
    [InlineData("""discovery { method = akka-dns, service-name = "" }""", "pbm.cluster.discovery.service-name must name the service")]
    public void A_bad_discovery_block_is_refused_naming_the_key_and_the_line(string block, string expected)
    {
        var error = Assert.Throws<ConfigurationException>(() => Read(block));

        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
        Assert.Contains("test.conf:", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Akka_Discovery_config_method_finds_the_listed_nodes_as_seed_addresses()
    {
        var discovery = Read("""discovery { method = config, service-name = fleet, endpoints = ["127.0.0.2:7400", "node-3.example:7401"] }""").Discovery!;
        var hocon = ClusterAkkaSetup.DiscoveryHocon(discovery);
        using var system = ActorSystem.Create("pbm", AkkaConfig.ParseString(hocon));

        var seeds = await SeedDiscovery.LookupAsync(system, discovery, defaultPort: 7355);

        Assert.Equal(["akka.ssl.tcp://pbm@127.0.0.2:7400", "akka.ssl.tcp://pbm@node-3.example:7401"], seeds.Select(seed => seed.ToString()));
    }

    private static ClusterSettings Read(string block) =>
        ClusterSettingsReader.Read(ConfigurationFactory.ParseString("pbm.cluster {\n" + block + "\n}", HoconParseOptions.Default with { OriginDescription = "test.conf" }), "pbm");
}
