using System.Text.Json;

namespace ProcessManager.EndToEnd.Tests.Console;

/// <summary>Paths as a new user types them: relative to where pbm runs, never to where the daemon happens to be.</summary>
public sealed class CallerDirectoryTests
{
    [Fact]
    public async Task A_relative_program_runs_from_the_callers_directory_and_the_daemon_works_in_its_home()
    {
        await using var home = new PbmHome();
        var project = Directory.CreateTempSubdirectory("pbm-e2e-project-").FullName;
        try
        {
            var script = Path.Combine(project, "run.sh");
            await File.WriteAllTextAsync(script, "#!/bin/sh\nexec sleep 300\n", TestContext.Current.CancellationToken);
            File.SetUnixFileMode(script, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
            home.WorkingDirectory = project;
            (await home.PbmAsync("daemon", "start")).ShouldSucceed();

            (await home.PbmAsync("process", "start", "rel", "--", "./run.sh")).ShouldSucceed();
            var missing = await home.PbmAsync("process", "start", "missing", "--", "./not-there.sh");

            var list = await home.AwaitListAsync(l => l.Any(p => p.GetProperty("name").GetString() == "rel" && p.GetProperty("status").GetString() == "running"), "rel running");
            Assert.Equal(project, JsonDocument.Parse((await home.PbmAsync("process", "describe", "rel", "--json")).ShouldSucceed().Output).RootElement.GetProperty("workingDirectory").GetString());
            Assert.NotEqual(0, missing.ExitCode);
            Assert.Contains("errored", missing.Output + missing.Error, StringComparison.Ordinal);
            var daemon = await home.DaemonPidAsync();
            Assert.Equal(home.Path, new DirectoryInfo($"/proc/{daemon}/cwd").ResolveLinkTarget(returnFinalTarget: false)!.FullName);
            Assert.NotEmpty(list);
        }
        finally
        {
            home.WorkingDirectory = null;
            Directory.Delete(project, recursive: true);
        }
    }
}
