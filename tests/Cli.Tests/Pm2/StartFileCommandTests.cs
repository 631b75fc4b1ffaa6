using ProcessManager.Cli.Infrastructure;

namespace ProcessManager.Cli.Tests.Pm2;

/// <summary><c>pbm process start FILE [APP]</c>: a file argument sends the file, not a process name.</summary>
public sealed class StartFileCommandTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("pbm-startfile-").FullName;

    [Fact]
    public async Task An_existing_conf_file_is_sent_with_its_full_path_and_the_app_named()
    {
        var file = Path.Combine(_dir, "apps.conf");
        await File.WriteAllTextAsync(file, "processes { web { command = [sleep, \"1\"] } }\n", TestContext.Current.CancellationToken);
        var runner = new PbmRunner();

        var exit = await runner.RunAsync("process", "start", file, "web");

        Assert.Equal(ExitCodes.Ok, exit);
        Assert.Equal(file, runner.Client.LastStartFile!.FileName);
        Assert.Equal("web", runner.Client.LastStartFile.App);
        Assert.Contains("processes { web", runner.Client.LastStartFile.Text, StringComparison.Ordinal);
        Assert.Null(runner.Client.LastStart);
        Assert.Equal("started web: running (pid 100)\n", runner.Console.Output);
    }

    [Fact]
    public async Task Without_an_app_name_the_file_alone_is_sent_and_a_name_that_is_no_file_stays_a_process_name()
    {
        var file = Path.Combine(_dir, "one.hocon");
        await File.WriteAllTextAsync(file, "processes { one { command = [sleep, \"1\"] } }\n", TestContext.Current.CancellationToken);
        var runner = new PbmRunner();

        Assert.Equal(ExitCodes.Ok, await runner.RunAsync("process", "start", file));
        Assert.Null(runner.Client.LastStartFile!.App);

        var other = new PbmRunner();
        other.Client.Processes.Add(new Contracts.Dtos.ProcessStatus("api.conf", "stopped", null, 0, 0, null, null));
        await other.RunAsync("process", "start", "api.conf");
        Assert.Null(other.Client.LastStartFile);
        Assert.Equal("api.conf", other.Client.LastStart!.Name);
    }

    [Fact]
    public async Task Ad_hoc_options_with_a_file_are_a_usage_error()
    {
        var file = Path.Combine(_dir, "apps.conf");
        await File.WriteAllTextAsync(file, "processes { }\n", TestContext.Current.CancellationToken);
        var runner = new PbmRunner();

        var exit = await runner.RunAsync("process", "start", "--cwd", "/tmp", file);

        Assert.Equal(ExitCodes.Usage, exit);
        Assert.Null(runner.Client.LastStartFile);
    }

    public void Dispose() => Directory.Delete(_dir, recursive: true);
}
