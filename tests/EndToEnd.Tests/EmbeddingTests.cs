using System.Diagnostics;
using System.Text.Json;

namespace ProcessManager.EndToEnd.Tests;

public sealed class EmbeddingTests
{
    [Fact]
    public async Task An_existing_Akka_Hosting_application_gets_the_supervisor_beside_its_own_actor_and_its_palette_in_pbm()
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

            // One actor system: the application's actor and the process supervisor side by side under /user.
            var tree = (await home.PbmAsync("actor", "hierarchy", "--json")).ShouldSucceed();
            using var hierarchy = JsonDocument.Parse(tree.Output);
            var user = hierarchy.RootElement.GetProperty("children").EnumerateArray().Single(node => node.GetProperty("path").GetString() == "/user");
            var paths = user.GetProperty("children").EnumerateArray().Select(node => node.GetProperty("path").GetString()).ToList();
            Assert.Contains("/user/order-book", paths);
            Assert.Contains("/user/processes", paths);
        }
        finally
        {
            Signals.Send(app.Id, 15);
            await app.WaitForExitAsync(TestContext.Current.CancellationToken);
        }
    }
}
