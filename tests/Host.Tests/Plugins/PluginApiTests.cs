using System.Text.Json;
using ProcessManager.Contracts.Client;
using ProcessManager.Contracts.Dtos;

namespace ProcessManager.Host.Tests;

/// <summary>/v1/plugins on the real daemon: a Python plugin in PBM_HOME/plugins is found, invoked, described, reloaded and journaled.</summary>
public sealed partial class ActorBackendApiTests
{
    private static void InstallPythonPlugin(string home, string name)
    {
        var folder = Path.Combine(home, "plugins", name);
        Directory.CreateDirectory(folder);
        File.Copy(Path.Combine(AppContext.BaseDirectory, "Plugins", "worker.py"), Path.Combine(folder, "worker.py"));
        File.WriteAllText(Path.Combine(folder, "plugin.conf"), $"name = {name}\nversion = \"1.0\"\ncommand = [python3, worker.py]\npool {{ min = 1, max = 2 }}\n");
    }

    [Fact]
    public async Task A_plugin_in_pbm_home_is_listed_invoked_reloaded_and_its_calls_are_journaled()
    {
        await using var daemon = await RealDaemon.StartAsync("pbm.plugins.history.snapshot-every = 2\n", home => InstallPythonPlugin(home, "py"));
        await AwaitAsync(async () => (await daemon.Client.ListPluginsAsync(Ct)).Plugins.Any(p => p.Name == "py" && p.Workers > 0), "py is loaded");

        using var input = JsonDocument.Parse("""{"x":[1,2,3]}""");
        var result = await daemon.Client.InvokePluginAsync("py", new PluginInvokeRequest("echo", input.RootElement), Ct);
        var crash = await Assert.ThrowsAsync<PbmApiException>(() => daemon.Client.InvokePluginAsync("py", new PluginInvokeRequest("crash", null), Ct));
        var missing = await Assert.ThrowsAsync<PbmApiException>(() => daemon.Client.InvokePluginAsync("ghost", new PluginInvokeRequest("echo", null), Ct));
        var description = await daemon.Client.DescribePluginAsync("py", Ct);
        var reloaded = await daemon.Client.ReloadPluginAsync("py", Ct);

        Assert.Equal("""{"x":[1,2,3]}""", result.Result.GetRawText());
        Assert.True(result.WorkerPid > 0);
        Assert.Equal(502, crash.StatusCode);
        Assert.Equal("crashed", crash.Error);
        Assert.Contains("exited with code 3", crash.Detail, StringComparison.Ordinal);
        Assert.Equal(404, missing.StatusCode);
        Assert.Equal(["python3", "worker.py"], description.Command);
        Assert.Equal(2, description.PoolMax);
        Assert.True(reloaded.Generation > description.Summary.Generation);
        await AwaitAsync(async () => (await daemon.Client.GetPluginHistoryAsync("py", 10, Ct)).Count == 2, "both calls are in the history");
        var history = await daemon.Client.GetPluginHistoryAsync("py", 10, Ct);
        Assert.Equal(["crashed", "ok"], history.Select(h => h.Code));
        Assert.Equal(["crash", "echo"], history.Select(h => h.Method));
    }
}
