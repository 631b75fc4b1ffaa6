using System.Text.Json;

namespace ProcessManager.EndToEnd.Tests.Pm2;

/// <summary>As a PM2 user would: start one app of a file with its .env beside it, edit the .env, restart, describe.</summary>
public sealed class StartFileTests
{
    [Fact]
    public async Task One_app_of_a_file_starts_with_its_env_file_an_edit_takes_effect_on_restart_and_describe_shows_it()
    {
        await using var home = new PbmHome();
        var project = Directory.CreateTempSubdirectory("pbm-e2e-pm2-").FullName;
        try
        {
            var ct = TestContext.Current.CancellationToken;
            await File.WriteAllTextAsync(Path.Combine(project, ".env"), "GREETING=hello\n", ct);
            await File.WriteAllTextAsync(
                Path.Combine(project, "apps.conf"),
                "processes {\n  api { command = [sh, -c, \"echo greeting=$GREETING; exec sleep 300\"], env-file = .env }\n  other { command = [sleep, \"300\"] }\n}\n",
                ct);
            home.WorkingDirectory = project;
            (await home.PbmAsync("daemon", "start")).ShouldSucceed();

            var ambiguous = await home.PbmAsync("process", "start", "apps.conf");
            (await home.PbmAsync("process", "start", "apps.conf", "api")).ShouldSucceed();

            Assert.Equal(1, ambiguous.ExitCode);
            Assert.Contains("declares 2 apps", ambiguous.Error, StringComparison.Ordinal);
            await home.AwaitListAsync(l => l.Count == 1 && PbmHome.Find(l, "api").GetProperty("status").GetString() == "running", "only api runs");
            await Eventually(async () => (await home.PbmAsync("log", "tail", "api")).Output.Contains("greeting=hello", StringComparison.Ordinal), "api printed the .env's greeting");

            await File.WriteAllTextAsync(Path.Combine(project, ".env"), "GREETING=edited\n", ct);
            (await home.PbmAsync("process", "restart", "api")).ShouldSucceed();
            await Eventually(async () => (await home.PbmAsync("log", "tail", "api")).Output.Contains("greeting=edited", StringComparison.Ordinal), "api printed the edited greeting");

            using var described = JsonDocument.Parse((await home.PbmAsync("process", "describe", "api", "--lines", "5", "--json")).ShouldSucceed().Output);
            Assert.Contains("stopped by pbm: restart requested", described.RootElement.GetProperty("lastExit").GetProperty("api-0").GetString(), StringComparison.Ordinal);
            Assert.Contains(described.RootElement.GetProperty("lastLines").EnumerateArray(), line => line.GetProperty("text").GetString() == "greeting=edited");
        }
        finally
        {
            home.WorkingDirectory = null;
            Directory.Delete(project, recursive: true);
        }
    }

    private static async Task Eventually(Func<Task<bool>> condition, string what)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(30);
        while (!await condition())
        {
            Assert.True(DateTime.UtcNow < deadline, "timed out waiting until " + what);
            await Task.Delay(100, TestContext.Current.CancellationToken);
        }
    }
}
