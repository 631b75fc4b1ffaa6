using System.Diagnostics;

namespace ProcessManager.EndToEnd.Tests;

public sealed class EmbeddingTests
{
    [Fact]
    public async Task An_embedding_application_adds_its_own_palette_to_pbm()
    {
        await using var home = new PbmHome();
        using var app = Process.Start(home.StartInfo(Built.Sample, []))!;
        try
        {
            using var timeout = new CancellationTokenSource(Built.Scaled(30));
            string? line;
            while ((line = await app.StandardOutput.ReadLineAsync(timeout.Token)) is not null && !line.StartsWith("ready ", StringComparison.Ordinal))
            {
            }

            Assert.NotNull(line);

            var help = (await home.PbmAsync("help")).ShouldSucceed();
            Assert.Contains("orders", help.Output, StringComparison.Ordinal);

            var status = (await home.PbmAsync("orders", "status")).ShouldSucceed();
            Assert.Equal("pending orders: 3\n", status.Output);

            var enqueued = (await home.PbmAsync("orders", "enqueue", "--count", "4")).ShouldSucceed();
            Assert.Equal("enqueued 4; pending orders: 7\n", enqueued.Output);

            var missing = await home.PbmAsync("orders", "enqueue");
            Assert.Equal(2, missing.ExitCode);
            Assert.Contains("missing --count", missing.Error, StringComparison.Ordinal);

            (await home.PbmAsync("process", "start", "inside", "--", "sleep", "300")).ShouldSucceed();
            Assert.Equal("running", PbmHome.Find(await home.ListAsync(), "inside").GetProperty("status").GetString());
        }
        finally
        {
            Signals.Send(app.Id, 15);
            await app.WaitForExitAsync(TestContext.Current.CancellationToken);
        }
    }
}
