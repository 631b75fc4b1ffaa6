namespace ProcessManager.EndToEnd.Tests;

public sealed class EventTests
{
    [Fact]
    public async Task Process_events_shows_a_started_program_running_and_ends_on_ctrl_c()
    {
        await using var home = new PbmHome();
        (await home.PbmAsync("daemon", "start")).ShouldSucceed();

        await EventStream.ShowsAStartedProgramAndStopsOnCtrlCAsync(home, "watched");
    }
}
