using ProcessManager.Contracts.Client;
using ProcessManager.Contracts.Dtos;
using ProcessManager.Host.Tests.Observability;

namespace ProcessManager.Host.Tests;

/// <summary>/metrics of a real daemon: per-program log lines from a real program, and a real plugin's counters.</summary>
public sealed partial class ActorBackendApiTests
{
    [Fact]
    public async Task Metrics_count_each_programs_log_lines_and_each_plugins_invocations_and_failures()
    {
        await using var daemon = await RealDaemon.StartAsync("""
            pbm.observability.sample-interval = 100ms
            processes.printer.command = [sh, -c, "for i in 1 2 3 4 5 6 7; do echo line $i; done; exec sleep 300"]
            """, home => InstallPythonPlugin(home, "py"));
        await AwaitAsync(async () => (await daemon.Client.ListPluginsAsync(Ct)).Plugins.Any(p => p.Name == "py" && p.Workers > 0), "py is loaded");
        await daemon.Client.InvokePluginAsync("py", new PluginInvokeRequest("echo", null), Ct);
        await Assert.ThrowsAsync<PbmApiException>(() => daemon.Client.InvokePluginAsync("py", new PluginInvokeRequest("crash", null), Ct));

        var samples = await UnixScrape.UntilAsync(
            daemon.SocketPath,
            s => UnixScrape.Value(s, "pbm_process_log_lines_total", ("program", "printer")) >= 7
                && UnixScrape.Value(s, "pbm_plugin_failures_total", ("plugin", "py")) >= 1
                && UnixScrape.Value(s, "pbm_plugin_workers", ("plugin", "py")) >= 1,
            Ct);

        Assert.Equal(7, UnixScrape.Value(samples, "pbm_process_log_lines_total", ("program", "printer")));
        Assert.Equal(0, UnixScrape.Value(samples, "pbm_process_log_dropped_total", ("program", "printer")));
        Assert.Equal(2, UnixScrape.Value(samples, "pbm_plugin_invocations_total", ("plugin", "py")));
        Assert.Equal(1, UnixScrape.Value(samples, "pbm_plugin_failures_total", ("plugin", "py")));
        Assert.True(UnixScrape.Value(samples, "pbm_plugin_workers", ("plugin", "py")) >= 1);
        var printer = (await daemon.Client.ListProcessesAsync(Ct)).Single(p => p.Name == "printer");
        Assert.Equal(7, printer.LogLines);
    }
}
