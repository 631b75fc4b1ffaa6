using ProcessManager.Hocon;
using ProcessManager.Host.Cluster;

namespace ProcessManager.Host.Tests.Cluster;

public sealed class ClusterSettingsReaderTests
{
    [Fact]
    public void The_largest_message_is_8_MiB_unless_set()
    {
        Assert.Equal(8L << 20, Read("").MaxMessageBytes);
        Assert.Equal(512L << 10, Read("max-message-size = 512KiB").MaxMessageBytes);
    }

    [Theory]
    [InlineData("max-message-size = 64KiB")]
    [InlineData("max-message-size = 1GiB")]
    public void A_largest_message_out_of_range_is_refused_naming_the_key_and_the_line(string line)
    {
        var error = Assert.Throws<ConfigurationException>(() => Read(line));

        Assert.Contains("pbm.cluster.max-message-size must be 128KiB-256MiB", error.Message, StringComparison.Ordinal);
        Assert.Contains("test.conf:", error.Message, StringComparison.Ordinal);
    }

    private static ClusterSettings Read(string block) =>
        ClusterSettingsReader.Read(ConfigurationFactory.ParseString("pbm.cluster {\n" + block + "\n}", HoconParseOptions.Default with { OriginDescription = "test.conf" }), "pbm");
}
