using System.Text.Json;

namespace ProcessManager.EndToEnd.Tests;

/// <summary>The Native AOT pbm (what the README tour builds) against a real daemon: no reflection path left behind.</summary>
public sealed class NativePbmTests(NativePbm native) : IClassFixture<NativePbm>
{
    [Fact]
    public async Task The_native_pbm_starts_lists_and_streams_events_against_a_real_daemon()
    {
        await using var home = new PbmHome(native.Path);
        (await home.PbmAsync("daemon", "start")).ShouldSucceed();
        (await home.PbmAsync("process", "start", "native-one", "--", "sleep", "300")).ShouldSucceed();

        var list = await home.AwaitListAsync(l => l.Count == 1 && l[0].GetProperty("status").GetString() == "running", "native-one running");
        var one = PbmHome.Find(list, "native-one");
        Assert.True(one.GetProperty("pid").GetInt32() > 0);
        Assert.Equal(0, one.GetProperty("restarts").GetInt32());

        var table = (await home.PbmAsync("process", "list")).ShouldSucceed();
        Assert.Matches($"^native-one\tnative-one-0\trunning\t{one.GetProperty("pid").GetInt32()}\t0\t", table.Output);

        var status = (await home.PbmAsync("daemon", "status", "--json")).ShouldSucceed();
        Assert.Equal(1, JsonDocument.Parse(status.Output).RootElement.GetProperty("processCount").GetInt32());

        var resolved = (await home.PbmAsync("config", "resolve", "--json")).ShouldSucceed();
        Assert.Equal(home.Path, JsonDocument.Parse(resolved.Output).RootElement.GetProperty("pbm").GetProperty("home").GetString());

        await EventStream.ShowsAStartedProgramAndStopsOnCtrlCAsync(home, "native-two");
    }
}
