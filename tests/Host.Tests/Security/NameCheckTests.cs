using ProcessManager.Contracts;
using ProcessManager.Persistence.Configuration;

namespace ProcessManager.Host.Tests.Security;

/// <summary>Name checks end at the true end of the text: '$' would also accept a name followed by a newline.</summary>
public sealed class NameCheckTests
{
    [Theory]
    [InlineData("web\n")]
    [InlineData("web\r\n")]
    [InlineData("\nweb")]
    [InlineData("web\n\n")]
    public void A_process_name_with_a_newline_is_invalid(string name) => Assert.False(ProcessNames.IsValid(name));

    [Fact]
    public void A_valid_process_name_is_still_valid() => Assert.True(ProcessNames.IsValid("web-1.api_2"));

    [Fact]
    public async Task The_api_refuses_a_process_name_ending_in_a_newline_with_400()
    {
        await using var daemon = await TestDaemon.StartAsync();

        var (status, body) = await daemon.Unix.SendRawAsync("GET", "/v1/processes/web%0A", null, TestContext.Current.CancellationToken);

        Assert.Equal(400, status);
        Assert.Contains("name", body, StringComparison.Ordinal);
    }

    [Fact]
    public void A_postgresql_schema_name_ending_in_a_newline_is_refused()
    {
        var settings = new PbmPersistenceSettings
        {
            Provider = PersistenceProvider.PostgreSql,
            PostgreSqlConnectionString = "Host=127.0.0.1;Port=1",
            PostgreSqlSchema = "pbm\n",
        };

        var error = Assert.Throws<ArgumentException>(settings.Validate);

        Assert.StartsWith("pbm.persistence.postgresql.schema", error.Message, StringComparison.Ordinal);
    }
}
