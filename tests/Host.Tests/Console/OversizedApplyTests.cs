using ProcessManager.Contracts.Client;
using ProcessManager.Contracts.Dtos;

namespace ProcessManager.Host.Tests;

public sealed class OversizedApplyTests
{
    [Fact]
    public async Task An_apply_far_over_the_size_limit_gets_the_daemons_413_not_a_broken_pipe()
    {
        await using var daemon = await TestDaemon.StartAsync();
        var text = "# " + new string('x', 4 * 1024 * 1024) + "\nprocesses { }\n";

        var error = await Assert.ThrowsAsync<PbmApiException>(() => daemon.Unix.ApplyConfigAsync(new ApplyConfigRequest(text, "/tmp/big.conf"), TestContext.Current.CancellationToken));

        Assert.Equal(413, error.StatusCode);
        Assert.Contains("pbm.api.max-request-size", error.Detail, StringComparison.Ordinal);
    }
}
