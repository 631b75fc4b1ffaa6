using ProcessManager.Cli.Infrastructure;

namespace ProcessManager.Cli.Tests.Dashboard;

public sealed class DashboardCommandTests
{
    [Fact]
    public async Task Pbm_dashboard_alone_prints_the_one_time_login_link()
    {
        var runner = new PbmRunner();

        var exit = await runner.RunAsync("dashboard");

        Assert.Equal(ExitCodes.Ok, exit);
        Assert.Contains("dashboard-login", runner.Client.Calls);
        Assert.StartsWith("http://127.0.0.1:7300/dashboard/login#code=abc\n", runner.Console.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_daemon_bound_to_every_address_gets_a_link_to_a_host_a_browser_can_open()
    {
        var runner = new PbmRunner();
        runner.Client.DashboardUrl = "http://0.0.0.0:7300/dashboard/login#code=abc";

        await runner.RunAsync("dashboard", "open");

        Assert.StartsWith("http://localhost:7300/dashboard/login#code=abc\n", runner.Console.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Without_tcp_the_command_fails_and_says_which_setting_to_change()
    {
        var runner = new PbmRunner();
        runner.Client.DashboardUrl = null;

        var exit = await runner.RunAsync("dashboard");

        Assert.Equal(ExitCodes.Error, exit);
        Assert.Contains("pbm.api.tcp.enabled", runner.Console.Errors, StringComparison.Ordinal);
    }
}
